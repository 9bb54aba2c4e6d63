package dev.embargo.credits.halloffame;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.qute.TemplateData;

/**
 * One page of a year's hall of fame, platform-wide ({@code project} null) or of one project. Holds nothing but what may
 * be public: display names and links researchers agreed to, points, and a count of anonymous credits.
 */
@TemplateData
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HallOfFame(String project, int year, int page, int size, int totalEntries, List<Entry> entries,
        int anonymousCredits, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Earlier> earlier) {

    public HallOfFame {
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
    }

    public HallOfFame(String project, int year, int page, int size, int totalEntries, List<Entry> entries,
            int anonymousCredits) {
        this(project, year, page, size, totalEntries, entries, anonymousCredits, List.of());
    }

    /**
     * An acknowledgement the project gave before it moved to the platform, in its policy's words (no points: the
     * platform did not see the report).
     */
    @TemplateData
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Earlier(String name, String summary, String when) {
    }

    /** The same page with the project's earlier acknowledgements. */
    HallOfFame withEarlier(List<Earlier> prior) {
        return new HallOfFame(project, year, page, size, totalEntries, entries, anonymousCredits, List.copyOf(prior));
    }

    @TemplateData
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(int rank, String name, String link, int points, int credits) {
    }

    @JsonIgnore
    public int firstRank() {
        return page * size + 1;
    }

    @JsonIgnore
    public String scope() {
        return project == null ? "all projects" : project;
    }
}
