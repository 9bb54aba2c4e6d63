package dev.embargo.triage.cases;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.CaseMessagePosted;
import dev.embargo.platform.outbox.Outbox;

/** Appends what a case's change caused to the outbox, in the change's transaction: its events, its messages. */
@ApplicationScoped
class CaseFacts {

    private final Cases cases;
    private final Outbox outbox;
    private final Sealing sealing;
    private final PublishedAdvisory advisory;

    CaseFacts(Cases cases, Outbox outbox, Sealing sealing, PublishedAdvisory advisory) {
        this.cases = cases;
        this.outbox = outbox;
        this.sealing = sealing;
        this.advisory = advisory;
    }

    /** The events the case registered, then {@code case.published} (with its advisory) when it was published. */
    void appendEvents(Case c, Instant now) {
        c.takeEvents().forEach(outbox::append);
        if (c.takePublished()) {
            outbox.append(advisory.of(c, sealing.content(c), now));
        }
    }

    Message post(Case c, Message.AuthorKind kind, String author, Message.Visibility visibility, String projectId,
            String text, Instant now) {
        Message m = new Message(c.id(), now, kind, author, visibility, projectId);
        sealing.seal(m, text);
        cases.add(m);
        String slug = projectId == null ? null : c.project(projectId).map(CaseProject::projectSlug).orElse(null);
        outbox.append(new CaseMessagePosted(c.id(), c.trackingId(), c.projectSlugs(), now, m.id(),
                CaseMessagePosted.Visibility.valueOf(visibility.name()),
                CaseMessagePosted.AuthorKind.valueOf(kind.name()), slug));
        return m;
    }
}
