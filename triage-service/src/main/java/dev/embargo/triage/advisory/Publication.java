package dev.embargo.triage.advisory;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.embargo.events.CasePublished;
import dev.embargo.events.ReportContent;
import dev.embargo.events.Severity;
import dev.embargo.triage.cases.Case;
import dev.embargo.triage.cases.PublishedAdvisory;

/** Builds the {@code case.published} fact: the OSV advisory and the credits the reporter consented to. */
@ApplicationScoped
class Publication implements PublishedAdvisory {

    private final Advisories advisories;

    Publication(Advisories advisories) {
        this.advisories = advisories;
    }

    @Override
    public CasePublished of(Case c, ReportContent content, Instant at) {
        var credits = Advisories.credits(c, content);
        return new CasePublished(c.id(), c.trackingId(), c.projectSlugs(), at,
                c.severity() == null ? null : Severity.valueOf(c.severity().name()), c.cvssScore(), c.reporterSubject(),
                advisories.render(Advisories.Format.OSV, c, content, credits, at), credits);
    }
}
