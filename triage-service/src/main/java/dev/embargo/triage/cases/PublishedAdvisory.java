package dev.embargo.triage.cases;

import java.time.Instant;

import dev.embargo.events.CasePublished;
import dev.embargo.events.ReportContent;

/**
 * The {@code case.published} fact of a case that was just published: it carries the rendered advisory, which the
 * advisory feature makes; the workflow only asks for it, so cases never depend on how advisories are rendered.
 */
public interface PublishedAdvisory {

    CasePublished of(Case published, ReportContent content, Instant at);
}
