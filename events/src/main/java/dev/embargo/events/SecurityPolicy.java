package dev.embargo.events;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * A project's security policy as published by intake and carried by {@code project.policy-published}. Every rule of the
 * hosted projects' written policies is expressed here; consumers keep the parts they need. A member that is absent
 * means the policy does not say: the platform then does the conservative thing (no deadline, no automatic publication,
 * no credit promised, nothing required).
 *
 * @param policyUrl
 *            where the human-readable policy lives (security.txt {@code Policy})
 * @param componentsInScope
 *            component names reports may target; empty means the whole project
 * @param inScope
 *            classes the policy explicitly accepts (e.g. DoS by resource exhaustion); they win over out-of-scope
 * @param lowSeverityToPublicTracker
 *            low-severity findings may be moved to the public tracker ({@code MOVED_PUBLIC}); see {@code publicRoute}
 * @param reporting
 *            whether the listed channels are the only accepted ones, and what the policy says about other channels and
 *            public issues
 * @param knownNonVulnerabilities
 *            behaviour the project documents as intended (design decisions), shown to reporters and matched at intake
 * @param extraFields
 *            report fields the policy asks for beyond the platform's own (e.g. "file or endpoint involved")
 * @param publicRoute
 *            label, severity ceiling and wording of the low-severity public route
 * @param researchRules
 *            what the policy asks of researchers while they test, in its own words
 * @param priorCredits
 *            acknowledgements the project gave before it moved to the platform, for the hall of fame
 */
public record SecurityPolicy(String name, String policyUrl, ReportFields reportFields, List<String> componentsInScope,
        List<ScopeRule> inScope, List<ScopeRule> outOfScope, Versions versions, Sla sla, Disclosure disclosure,
        CreditPolicy credit, String safeHarbor, List<Channel> channels, List<String> preferredLanguages,
        boolean lowSeverityToPublicTracker, String publicTrackerUrl, LowEffort lowEffort, Notifications notifications,
        Reporting reporting, List<ScopeRule> knownNonVulnerabilities, List<ExtraField> extraFields,
        PublicRoute publicRoute, List<String> researchRules, List<PriorCredit> priorCredits) {

    /** The members of the first version of the contract; the later ones are absent. */
    public SecurityPolicy(String name, String policyUrl, ReportFields reportFields, List<String> componentsInScope,
            List<ScopeRule> inScope, List<ScopeRule> outOfScope, Versions versions, Sla sla, Disclosure disclosure,
            CreditPolicy credit, String safeHarbor, List<Channel> channels, List<String> preferredLanguages,
            boolean lowSeverityToPublicTracker, String publicTrackerUrl, LowEffort lowEffort,
            Notifications notifications) {
        this(name, policyUrl, reportFields, componentsInScope, inScope, outOfScope, versions, sla, disclosure, credit,
                safeHarbor, channels, preferredLanguages, lowSeverityToPublicTracker, publicTrackerUrl, lowEffort,
                notifications, null, null, null, null, null, null);
    }

    public enum Requirement {
        REQUIRED, OPTIONAL
    }

    /** Which report fields a submission must fill. */
    public record ReportFields(Requirement component, Requirement versionTested, Requirement description,
            Requirement impact, Requirement stepsToReproduce, Requirement proofOfConcept, Requirement suggestedFix) {
    }

    /**
     * A class of finding, matched against a report's title, description and impact by its terms (case-insensitive).
     *
     * @param unlessDemonstratedImpact
     *            the class is out of scope unless the report demonstrates impact
     */
    public record ScopeRule(String id, String description, List<String> terms, boolean unlessDemonstratedImpact) {
    }

    public enum SupportLevel {
        SUPPORTED, SECURITY_FIXES_ONLY, UNSUPPORTED
    }

    /**
     * @param range
     *            {@code latest}, a prefix such as {@code 2.4} or {@code 1.x}, or {@code *}
     */
    public record VersionSupport(String range, SupportLevel level) {
    }

    public enum UnsupportedVersionHandling {
        /** Accept and ask the reporter to reproduce on the latest release. */
        FLAG,
        /** Refuse the report. */
        REJECT
    }

    /**
     * @param latestRelease
     *            the current release, so "reproduce on latest" can be checked
     * @param reproduceOnLatest
     *            reports must be reproduced on the latest release
     * @param statement
     *            the policy's own words on versions, shown with a version finding
     */
    public record Versions(String latestRelease, List<VersionSupport> supported, boolean reproduceOnLatest,
            UnsupportedVersionHandling unsupportedVersions, String statement) {

        public Versions(String latestRelease, List<VersionSupport> supported, boolean reproduceOnLatest,
                UnsupportedVersionHandling unsupportedVersions) {
            this(latestRelease, supported, reproduceOnLatest, unsupportedVersions, null);
        }
    }

    /**
     * {@code BUSINESS_HOURS} count elapsed hours on working days only ("within 48 hours (business days)").
     */
    public enum Unit {
        HOURS, BUSINESS_HOURS, DAYS, BUSINESS_DAYS, WEEKS
    }

    public record Deadline(int amount, Unit unit) {
    }

    /**
     * Fix targets by severity; a missing one means "no fixed target" (e.g. "ASAP" or "next release").
     *
     * @param statement
     *            the policy's own words on fix targets
     */
    public record FixTargets(Deadline critical, Deadline high, Deadline medium, Deadline low, String statement) {

        public FixTargets(Deadline critical, Deadline high, Deadline medium, Deadline low) {
            this(critical, high, medium, low, null);
        }
    }

    /**
     * SLA targets per stage, computed in the project's time zone (UTC when absent) and working days (Monday to Friday
     * when absent). An absent target starts no clock.
     *
     * @param needsInfoSilenceDays
     *            a case waiting for the reporter this long is closed as informative
     * @param warningFraction
     *            fraction of a milestone's time after which a warning is sent
     * @param statement
     *            the policy's own words on response times, e.g. a promise without a number
     */
    public record Sla(String timeZone, List<DayOfWeek> workingDays, List<LocalDate> holidays, Deadline acknowledge,
            Deadline assess, FixTargets fix, Integer needsInfoSilenceDays, Double warningFraction, String statement) {

        public Sla(String timeZone, List<DayOfWeek> workingDays, List<LocalDate> holidays, Deadline acknowledge,
                Deadline assess, FixTargets fix, Integer needsInfoSilenceDays, Double warningFraction) {
            this(timeZone, workingDays, holidays, acknowledge, assess, fix, needsInfoSilenceDays, warningFraction,
                    null);
        }
    }

    /**
     * @param deadlineDays
     *            days after the report by which disclosure is due at the latest; absent: no deadline
     * @param headsUpDays
     *            days before disclosure that self-hosters and distributors are told; absent: the platform's default
     * @param agreeWithReporter
     *            the date is agreed with the reporter
     * @param publishOnDeadline
     *            the project opts into deadline-driven disclosure: at the deadline an unfixed case is published (after
     *            the heads-up notice); absent or false, the deadline only warns and breaches
     * @param statement
     *            the policy's own words on disclosure timing
     */
    public record Disclosure(Integer deadlineDays, Integer headsUpDays, boolean agreeWithReporter,
            boolean publishOnDeadline, String statement) {

        public Disclosure(Integer deadlineDays, Integer headsUpDays, boolean agreeWithReporter) {
            this(deadlineDays, headsUpDays, agreeWithReporter, false, null);
        }

        public Disclosure(Integer deadlineDays, Integer headsUpDays, boolean agreeWithReporter,
                boolean publishOnDeadline) {
            this(deadlineDays, headsUpDays, agreeWithReporter, publishOnDeadline, null);
        }

        /** Whether the policy explicitly opts into publishing at the deadline (never by default). */
        public boolean publishesOnDeadline() {
            return publishOnDeadline;
        }
    }

    /**
     * @param requiresPermission
     *            reporters are credited only when they ask for it; false: credited unless they prefer to remain
     *            anonymous
     * @param statement
     *            the policy's own words on credit
     */
    public record CreditPolicy(boolean offered, boolean requiresPermission, boolean anonymityOnRequest,
            String statement) {

        public CreditPolicy(boolean offered, boolean requiresPermission, boolean anonymityOnRequest) {
            this(offered, requiresPermission, anonymityOnRequest, null);
        }
    }

    /**
     * @param kind
     *            {@code PLATFORM}, {@code EMAIL} or {@code URL}
     */
    public record Channel(String kind, String address, String note) {
    }

    /**
     * @param banThreshold
     *            rejected low-effort reports after which a reporter is banned; 0 disables automatic bans
     * @param statement
     *            the policy's own words on non-compliant reports
     */
    public record LowEffort(int minDescriptionLength, boolean proofOfConceptRequired, boolean patchRequired,
            int banThreshold, String statement) {

        public LowEffort(int minDescriptionLength, boolean proofOfConceptRequired, boolean patchRequired,
                int banThreshold) {
            this(minDescriptionLength, proofOfConceptRequired, patchRequired, banThreshold, null);
        }
    }

    /**
     * @param includeDetailsInEmail
     *            emails may carry the report title (off by default)
     */
    public record Notifications(boolean includeDetailsInEmail) {
    }

    /**
     * @param onlyListedChannels
     *            reports through any channel not listed are not accepted (a report on the platform is refused unless a
     *            {@code PLATFORM} channel is listed)
     * @param otherChannels
     *            what the policy says about reports arriving elsewhere
     * @param publicIssues
     *            what the policy says about reporting through public issues
     */
    public record Reporting(boolean onlyListedChannels, String otherChannels, String publicIssues) {
    }

    /**
     * A field the policy asks reporters for that the platform's report does not have.
     *
     * @param id
     *            key of the value in the report's {@code extraFields}
     * @param label
     *            the policy's own words for it
     */
    public record ExtraField(String id, String label, Requirement requirement) {
    }

    /** Severities, lowest first, for the public route's ceiling. */
    public enum Severity {
        NONE, LOW, MEDIUM, HIGH, CRITICAL
    }

    /**
     * The public route for low-severity issues: a case may close as {@code MOVED_PUBLIC} only when the policy has it
     * ({@code lowSeverityToPublicTracker}) and the case's severity is at most {@code maxSeverity}.
     *
     * @param label
     *            the tracker label the policy names
     * @param statement
     *            the policy's own words, shown to the reporter
     */
    public record PublicRoute(String label, Severity maxSeverity, String statement) {
    }

    /**
     * An acknowledgement the project published before it moved to the platform.
     *
     * @param name
     *            the name or handle as the project listed it
     * @param summary
     *            what was found, in the project's words
     * @param when
     *            when, in the project's words (e.g. "June 2026")
     */
    public record PriorCredit(String name, String summary, String when) {
    }
}
