package dev.embargo.intake.projects;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Hands out readable tracking ids ({@code OPENPANEL-2026-0007}) from one PostgreSQL sequence per project.
 * {@code nextval} takes no lock that lasts until commit, so submissions to one project do not wait for each other.
 * Numbers increase but may have gaps: a number drawn by a submission that then rolls back is not reused.
 */
@ApplicationScoped
public class TrackingIds {

    private static final Pattern SEQUENCE_NAME = Pattern.compile("report_seq_[0-9a-f]{32}");

    private final EntityManager em;

    TrackingIds(EntityManager em) {
        this.em = em;
    }

    /**
     * The readable tracking id of the report numbered {@code number} (drawn from {@link #sequenceOf}) in the project of
     * this slug, e.g. {@code OPENPANEL-2026-0007}.
     */
    public static String format(String slug, long number, Instant at) {
        return "%s-%d-%04d".formatted(slug.toUpperCase(Locale.ROOT), at.atZone(ZoneOffset.UTC).getYear(), number);
    }

    /**
     * Creates the project's sequence in the transaction that registers the project (DDL is transactional in
     * PostgreSQL), so a project exists if and only if its sequence does.
     */
    void create(Project project) {
        // DDL takes no bind parameters; the name is made of the server-generated project id only, never of user input.
        // CACHE 1: numbers cached per connection would come out of order across connections.
        em.createNativeQuery("CREATE SEQUENCE " + sequenceOf(project.id()) + " AS bigint START WITH 1 CACHE 1 NO CYCLE")
                .executeUpdate();
    }

    /** {@code report_seq_} and the project id as 32 hex digits: the same derivation as migration V2. */
    public static String sequenceOf(UUID projectId) {
        String name = "report_seq_" + projectId.toString().replace("-", "");
        if (!SEQUENCE_NAME.matcher(name).matches()) {
            throw new IllegalStateException("unexpected project id format");
        }
        return name;
    }
}
