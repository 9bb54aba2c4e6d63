package dev.embargo.credits.researcher;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * How a signed-in researcher wants to appear: display name and link for the credits they claimed, and whether they
 * consent to being named at all. Without consent every credit of theirs is shown as anonymous, everywhere.
 */
@Entity
@Table(name = "researcher_profile")
public class ResearcherProfile {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true)
    private String subject;

    @Column(name = "display_name")
    private String displayName;

    private String link;

    private boolean consent;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private int version;

    protected ResearcherProfile() {
    }

    static ResearcherProfile open(String subject, Instant now) {
        var profile = new ResearcherProfile();
        profile.id = UUID.randomUUID();
        profile.subject = subject;
        // Credits only arrive with a name when the researcher agreed to be named at publication.
        profile.consent = true;
        profile.createdAt = now;
        profile.updatedAt = now;
        return profile;
    }

    /**
     * @param link
     *            already checked to be a safe http(s) link, or null for none
     */
    void describe(String displayName, String link, Instant now) {
        this.displayName = displayName;
        this.link = link;
        this.updatedAt = now;
    }

    void withdrawConsent(Instant now) {
        consent = false;
        updatedAt = now;
    }

    void giveConsent(Instant now) {
        consent = true;
        updatedAt = now;
    }

    public String subject() {
        return subject;
    }

    public String displayName() {
        return displayName;
    }

    public String link() {
        return link;
    }

    public boolean consents() {
        return consent;
    }
}
