package dev.embargo.credits.halloffame;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;

import dev.embargo.credits.grant.Credit;
import dev.embargo.credits.researcher.ResearcherProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The hall of fame computed the way it was before it was stored: every credit of the year ranked in memory by
 * {@link Attribution} and {@link Leaderboard}, then paged. What the stored leaderboards must always equal.
 */
final class ReferenceHall {

    private ReferenceHall() {
    }

    static HallOfFame page(EntityManager em, String project, int year, int page, int size) {
        Leaderboard board = QuarkusTransaction.requiringNew()
                .call(() -> Leaderboard.rank(attributions(em, year, project)));
        List<Leaderboard.Standing> standings = board.standings();
        long from = Math.min((long) page * size, standings.size());
        int to = (int) Math.min(from + size, standings.size());
        List<HallOfFame.Entry> entries = new ArrayList<>();
        for (int i = (int) from; i < to; i++) {
            Leaderboard.Standing s = standings.get(i);
            entries.add(new HallOfFame.Entry(i + 1, s.name(), s.link(), s.points(), s.credits()));
        }
        return new HallOfFame(project, year, page, size, standings.size(), entries, board.anonymousCredits());
    }

    private static List<Attribution> attributions(EntityManager em, int year, String projectOrNull) {
        String jpql = "select c, p from Credit c join fetch c.publication pub"
                + " left join ResearcherProfile p on p.subject = c.researcherSubject where c.year = :year"
                + (projectOrNull == null ? "" : " and :slug member of pub.projectSlugs");
        var query = em.createQuery(jpql, Object[].class).setParameter("year", year);
        if (projectOrNull != null) {
            query.setParameter("slug", projectOrNull);
        }
        return query.getResultList().stream().map(row -> Attribution.of((Credit) row[0], (ResearcherProfile) row[1]))
                .toList();
    }
}
