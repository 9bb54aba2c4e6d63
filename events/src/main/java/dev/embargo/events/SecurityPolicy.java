package dev.embargo.events;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * A project's security policy as published by intake and carried by {@code project.policy-published}. Every rule of the
 * hosted projects' written policies is expressed here; consumers keep the parts they need.
 *
 * @param policyUrl
 *            where the human-readable policy lives (security.txt {@code Policy})
 * @param componentsInScope
 *            component names reports may target; empty means the whole project
 * @param inScope
 *            classes the policy explicitly accepts (e.g. DoS by resource exhaustion); they win over out-of-scope
 * @param lowSeverityToPublicTracker
 *            low-severity findings may be moved to the public tracker ({@code MOVED_PUBLIC})
 */
public record SecurityPolicy(String name, String policyUrl, ReportFields reportFields, List<String> componentsInScope,
        List<ScopeRule> inScope, List<ScopeRule> outOfScope, Versions versions, Sla sla, Disclosure disclosure,
        CreditPolicy credit, String safeHarbor, List<Channel> channels, List<String> preferredLanguages,
        boolean lowSeverityToPublicTracker, String publicTrackerUrl, LowEffort lowEffort, Notifications notifications) {

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
     */
    public record Versions(String latestRelease, List<VersionSupport> supported, boolean reproduceOnLatest,
            UnsupportedVersionHandling unsupportedVersions) {
    }

    public enum Unit {
        HOURS, DAYS, BUSINESS_DAYS
    }

    public record Deadline(int amount, Unit unit) {
    }

    /** Fix targets by severity; a missing one means "no fixed target" (e.g. next release). */
    public record FixTargets(Deadline critical, Deadline high, Deadline medium, Deadline low) {
    }

    /**
     * SLA targets per stage, computed in the project's time zone and working days.
     *
     * @param needsInfoSilenceDays
     *            a case waiting for the reporter this long is closed as informative
     * @param warningFraction
     *            fraction of a milestone's time after which a warning is sent
     */
    public record Sla(String timeZone, List<DayOfWeek> workingDays, List<LocalDate> holidays, Deadline acknowledge,
            Deadline assess, FixTargets fix, Integer needsInfoSilenceDays, Double warningFraction) {
    }

    /**
     * @param deadlineDays
     *            days after the report by which it is disclosed at the latest
     * @param headsUpDays
     *            days before disclosure that self-hosters and distributors are told
     * @param agreeWithReporter
     *            the date is agreed with the reporter
     * @param publishOnDeadline
     *            the project opts into deadline-driven disclosure: at the deadline an unfixed case is published (after
     *            the heads-up notice); absent or false, the deadline only warns and breaches
     */
    public record Disclosure(int deadlineDays, int headsUpDays, boolean agreeWithReporter, Boolean publishOnDeadline) {

        public Disclosure(int deadlineDays, int headsUpDays, boolean agreeWithReporter) {
            this(deadlineDays, headsUpDays, agreeWithReporter, null);
        }

        /** Whether the policy explicitly opts into publishing at the deadline (never by default). */
        public boolean publishesOnDeadline() {
            return Boolean.TRUE.equals(publishOnDeadline);
        }
    }

    public record CreditPolicy(boolean offered, boolean requiresPermission, boolean anonymityOnRequest) {
    }

    /**
     * @param kind
     *            {@code PLATFORM}, {@code EMAIL} or {@code URL}
     */
    public record Channel(String kind, String address, String note) {
    }

    /**
     * @param banThreshold
     *            rejected low-effort reports after which a reporter is banned; 0 disables bans
     */
    public record LowEffort(int minDescriptionLength, boolean proofOfConceptRequired, boolean patchRequired,
            int banThreshold) {
    }

    /**
     * @param includeDetailsInEmail
     *            emails may carry the report title (off by default)
     */
    public record Notifications(boolean includeDetailsInEmail) {
    }
}
