package dev.embargo.credits.halloffame;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.embargo.credits.grant.Publication;

/** The credits of one published advisory, in the order the advisory lists them; anonymous ones only counted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AdvisoryCredits(String trackingId, List<String> projects, Instant publishedAt, List<Named> credits,
        int anonymousCredits) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Named(String type, String name, String handle, String link) {
    }

    static AdvisoryCredits of(Publication publication, List<Attribution> attributions) {
        List<Named> named = attributions.stream().filter(a -> !a.anonymous())
                .map(a -> new Named(a.type(), a.name(), a.handle(), a.link())).toList();
        int anonymous = (int) attributions.stream().filter(Attribution::anonymous).count();
        return new AdvisoryCredits(publication.trackingId(), publication.projectSlugs().stream().sorted().toList(),
                publication.publishedAt(), named, anonymous);
    }
}
