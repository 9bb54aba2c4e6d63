package dev.embargo.notification.routing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.embargo.notification.routing.CaseTerms.AuthorKind;
import dev.embargo.notification.routing.CaseTerms.Milestone;

/**
 * The JSON body of a webhook call: the event type without version, when it happened, and what receivers may know of the
 * case (ids, projects, severity, a link), never report content.
 */
record WebhookPayload(String type, String timestamp, Data data) {

    /** Always present: ids, projects and link; the rest only where the event says it. */
    record Data(String eventId, String trackingId, List<String> projects,
            @JsonInclude(JsonInclude.Include.NON_NULL) String severity, String link,
            @JsonInclude(JsonInclude.Include.NON_NULL) AuthorKind authorKind,
            @JsonInclude(JsonInclude.Include.NON_NULL) String disclosureDate,
            @JsonInclude(JsonInclude.Include.NON_NULL) String publishAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Milestone milestone,
            @JsonInclude(JsonInclude.Include.NON_NULL) String dueAt) {
    }

    /** What an event adds to the common data. */
    record Extra(AuthorKind authorKind, String disclosureDate, String publishAt, Milestone milestone, String dueAt) {

        static final Extra NONE = new Extra(null, null, null, null, null);

        static Extra author(AuthorKind kind) {
            return new Extra(kind, null, null, null, null);
        }

        static Extra disclosure(String date) {
            return new Extra(null, date, null, null, null);
        }

        static Extra publishAt(String at) {
            return new Extra(null, null, at, null, null);
        }

        static Extra deadline(Milestone milestone, String dueAt) {
            return new Extra(null, null, null, milestone, dueAt);
        }
    }

    static WebhookPayload of(News news, String severity, String link, Extra extra) {
        return new WebhookPayload(news.type(), news.time().toString(),
                new Data(news.eventId(), news.trackingId(), news.projects(), severity, link, extra.authorKind(),
                        extra.disclosureDate(), extra.publishAt(), extra.milestone(), extra.dueAt()));
    }
}
