package dev.embargo.intake.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.embargo.events.ReportContent;
import dev.embargo.events.ReportContent.Visibility;
import dev.embargo.events.ReportSubmitted.Finding;
import dev.embargo.events.SecurityPolicy;

/** Request and response bodies of the submission API. Sizes are per field; the whole body is capped at 256K. */
final class ReportApi {

    /** No control characters (C0, C1, DEL) and no Unicode line separators: titles end up in mail subjects. */
    static final String SINGLE_LINE = "^[^\\p{Cc}\\u2028\\u2029]*$";

    private ReportApi() {
    }

    record CreditRequest(@NotNull Visibility visibility, @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String name,
            @Size(max = 100) @Pattern(regexp = SINGLE_LINE) String handle,
            @Size(max = 500) @Pattern(regexp = "^https?://[^\\s]+$") String link) {
    }

    record SubmitReport(@NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String title,
            @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String component,
            @Size(max = 100) @Pattern(regexp = SINGLE_LINE) String versionTested, @Size(max = 20000) String description,
            @Size(max = 10000) String impact, @Size(max = 20000) String stepsToReproduce,
            @Size(max = 50000) String proofOfConcept, @Size(max = 50000) String suggestedFix,
            @Size(max = 200) String cvssVector,
            @Size(max = 20) List<@NotNull @Pattern(regexp = "^CWE-[0-9]{1,6}$") String> cweIds,
            @Email @Size(max = 320) @Pattern(regexp = SINGLE_LINE) String reporterEmail, @Valid CreditRequest credit,
            @Size(max = 20) Map<@NotBlank @Size(max = 40) String, @Size(max = 5000) String> extraFields) {

        ReportContent content() {
            var pref = credit == null ? null : new ReportContent.CreditPreference(credit.visibility(), credit.name(),
                    credit.handle(), credit.link());
            return new ReportContent(title.strip(), blankToNull(component), blankToNull(versionTested),
                    blankToNull(description), blankToNull(impact), blankToNull(stepsToReproduce),
                    blankToNull(proofOfConcept), blankToNull(suggestedFix), blankToNull(cvssVector),
                    cweIds == null ? List.of() : List.copyOf(cweIds), pref, extra(extraFields));
        }

        private static Map<String, String> extra(Map<String, String> fields) {
            if (fields == null) {
                return null;
            }
            Map<String, String> kept = new TreeMap<>();
            fields.forEach((k, v) -> {
                if (v != null && !v.isBlank()) {
                    kept.put(k, v);
                }
            });
            return kept.isEmpty() ? null : kept;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s;
        }
    }

    /**
     * @param reportToken
     *            shown once, on creation only; null when an identical resubmission returned the existing report
     */
    record SubmittedReport(String trackingId, String reportToken, boolean resubmission, int policyVersion,
            Instant submittedAt, Instant acknowledgeBy, List<String> findings, List<Finding> findingDetails,
            PolicyNotes policy) {
    }

    /**
     * What the project's policy says that matters to a reporter who just submitted, in its own words.
     *
     * @param credit
     *            how the policy credits reporters; {@code creditedByDefault} is true when a report that states no
     *            preference is credited ("unless they prefer to remain anonymous")
     */
    record PolicyNotes(String safeHarbor, List<String> researchRules, String publicIssues, String disclosure,
            String credit, boolean creditedByDefault) {

        static PolicyNotes of(SecurityPolicy p) {
            var credit = p.credit();
            return new PolicyNotes(p.safeHarbor(), p.researchRules() == null ? List.of() : p.researchRules(),
                    p.reporting() == null ? null : p.reporting().publicIssues(),
                    p.disclosure() == null ? null : p.disclosure().statement(),
                    credit == null ? null : credit.statement(),
                    credit != null && credit.offered() && !credit.requiresPermission());
        }
    }
}
