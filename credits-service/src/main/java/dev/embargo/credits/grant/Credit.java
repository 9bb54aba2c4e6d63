package dev.embargo.credits.grant;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import dev.embargo.credits.DomainConflict;
import dev.embargo.credits.link.SafeLink;

/**
 * One credit slot of a published case. Anonymous credits keep no name, handle or link at all; they are counted but can
 * never be shown. A credit tied to a signed-in reporter's account can be claimed by that account.
 */
@Entity
@Table(name = "credit")
public class Credit {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "case_id")
    private Publication publication;

    private int slot;

    @Column(name = "credit_type", nullable = false)
    private String type;

    private String name;

    private String handle;

    private String link;

    private boolean anonymous;

    @Column(name = "researcher_subject")
    private String researcherSubject;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    private int points;

    @Column(name = "credited_at", nullable = false)
    private Instant creditedAt;

    @Column(name = "credit_year", nullable = false)
    private int year;

    /** Finds the credits whose standings change together; see {@link #standingKeyOf}. */
    @Column(name = "standing_key")
    private String standingKey;

    @Transient
    private final List<Granted> registered = new ArrayList<>();

    protected Credit() {
    }

    /**
     * A new credit for one slot of a published case. The aggregate decides what of the given attribution it keeps: a
     * credit without a name is anonymous whatever the flag says, an anonymous one keeps nothing that names, and only a
     * link that is safe to show survives. Registers {@link Granted}.
     */
    static Credit grant(Publication publication, int slot, PublishedCase.Slot given, String leadProject, int points,
            Instant now) {
        var credit = new Credit();
        credit.id = UUID.randomUUID();
        credit.publication = publication;
        credit.slot = slot;
        credit.type = given.type();
        String shownName = clean(given.name());
        credit.anonymous = given.anonymous() || shownName == null;
        credit.name = credit.anonymous ? null : shownName;
        credit.handle = credit.anonymous ? null : clean(given.handle());
        credit.link = credit.anonymous ? null : SafeLink.normalize(given.link()).orElse(null);
        credit.researcherSubject = given.researcherSubject();
        credit.points = points;
        credit.creditedAt = publication.publishedAt();
        credit.year = publication.publishedAt().atZone(ZoneOffset.UTC).getYear();
        credit.standingKey = standingKeyOf(credit.researcherSubject, credit.name, publication.caseId());
        credit.registered.add(new Granted(credit.id, publication.caseId(), publication.trackingId(), leadProject,
                credit.type, credit.researcherSubject, points, credit.anonymous, now));
        return credit;
    }

    /** What granting a credit announces; the application service appends it to the outbox. */
    record Granted(UUID creditId, String caseId, String trackingId, String projectSlug, String type,
            String researcherSubject, int points, boolean anonymous, Instant at) {
    }

    /** The events registered since the last call, handed over once. */
    List<Granted> releaseEvents() {
        List<Granted> released = List.copyOf(registered);
        registered.clear();
        return released;
    }

    /**
     * Which researcher a credit counts for on a leaderboard: their account, else the name it was given under (trimmed,
     * case-insensitive); null when it names nobody. Internal, never shown.
     */
    public static String researcherKeyOf(String subject, String name) {
        if (subject != null) {
            return "account:" + subject;
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        return "name:" + name.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The group of credits whose standings are computed together: the researcher's, or for credits naming nobody (only
     * ever counted anonymously) the case's. A change to one credit of a group can only move that group's standings.
     */
    public static String standingKeyOf(String subject, String name, String caseId) {
        String researcher = researcherKeyOf(subject, name);
        return researcher != null ? researcher : "case:" + caseId;
    }

    /** Links this credit to the researcher's profile, so the name and link they chose are shown for it. */
    public void claimBy(String subject, Instant now) {
        if (researcherSubject == null || !researcherSubject.equals(subject)) {
            throw new DomainConflict("credit-not-claimable", "This credit belongs to another researcher.");
        }
        if (claimedAt != null) {
            throw new DomainConflict("credit-already-claimed", "This credit was claimed before.");
        }
        claimedAt = now;
    }

    /** Control characters (including line breaks) never belong in a name and could break an output line. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", " ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    public UUID id() {
        return id;
    }

    public Publication publication() {
        return publication;
    }

    public int slot() {
        return slot;
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String handle() {
        return handle;
    }

    public String link() {
        return link;
    }

    public boolean anonymous() {
        return anonymous;
    }

    public String researcherSubject() {
        return researcherSubject;
    }

    public boolean claimed() {
        return claimedAt != null;
    }

    public int points() {
        return points;
    }

    public Instant creditedAt() {
        return creditedAt;
    }

    public int year() {
        return year;
    }

    /** The researcher this credit counts for; see {@link #researcherKeyOf}. */
    public String researcherKey() {
        return researcherKeyOf(researcherSubject, name);
    }

    /** The group of this credit's standings; computed when a row written behind the service's back has none yet. */
    public String standingKey() {
        return standingKey != null ? standingKey : standingKeyOf(researcherSubject, name, publication.caseId());
    }
}
