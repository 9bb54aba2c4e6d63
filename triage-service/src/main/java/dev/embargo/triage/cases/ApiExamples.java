package dev.embargo.triage.cases;

/** Example bodies of the OpenAPI document: what a client sends and gets, problem answers included. */
final class ApiExamples {

    private ApiExamples() {
    }

    static final String REPORTER_CASE = """
            {"trackingId":"OPENPANEL-2026-0007","state":"ACKNOWLEDGED","resolution":null,"severity":null,"submittedAt":"2026-06-01T09:30:00Z","deadlines":[{"kind":"ACKNOWLEDGE","project":"openpanel","startedAt":"2026-06-01T09:30:00Z","dueAt":"2026-06-04T09:30:00Z","paused":false,"settledAt":"2026-06-02T08:00:00Z","breachedAt":null},{"kind":"ASSESS","project":"openpanel","startedAt":"2026-06-01T09:30:00Z","dueAt":"2026-06-08T09:30:00Z","paused":false,"settledAt":null,"breachedAt":null}],"disclosureDate":"2026-07-01","disclosureStatus":"PROPOSED","credit":{"visibility":"PUBLIC","name":"Ada Researcher","handle":"@ada","link":"https://ada.example"},"disclosure":{"at":"2026-07-01T07:00:00Z","timeZone":"Europe/Berlin","agreedLocal":"2026-07-01T09:00+02:00","readerLocal":null}}""";
    static final String THREAD = """
            [{"id":"5d0f3c1e-8f5b-4a44-9c1d-2f7e0e3b1a90","postedAt":"2026-06-02T08:05:00Z","authorKind":"MAINTAINER","visibility":"REPORTER","projectSlug":null,"text":"Thanks, we can reproduce it on 2.4.0. Could you confirm the browser you used?"}]""";
    static final String MESSAGE = """
            {"id":"7a1c9e2b-0b7e-4f3e-8d2a-6c5b4a3f2e10","postedAt":"2026-06-02T09:00:00Z","authorKind":"REPORTER","visibility":"REPORTER","projectSlug":null,"text":"Firefox 126 on Linux."}""";
    static final String REPLY = """
            {"text":"Firefox 126 on Linux."}""";
    static final String COUNTER = """
            {"date":"2026-07-15","time":"09:00","timeZone":"Europe/Berlin"}""";
    static final String CREDIT = """
            {"visibility":"PUBLIC","name":"Ada Researcher","handle":"@ada","link":"https://ada.example"}""";
    static final String MY_REPORTS = """
            [{"trackingId":"OPENPANEL-2026-0007","projectSlug":"openpanel","state":"TRIAGED","resolution":null,"submittedAt":"2026-06-01T09:30:00Z","nextDueAt":"2026-06-15T09:30:00Z"}]""";

    static final String NOT_FOUND = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""";
    static final String RATE_LIMITED = """
            {"type":"urn:embargo:problem:rate-limited","title":"Too many requests","status":429,"detail":"Too many requests; retry later."}""";
    static final String ILLEGAL_TRANSITION = """
            {"type":"urn:embargo:problem:illegal-transition","title":"Conflict","status":409,"detail":"The case is CLOSED; it cannot reply to it in that state.","currentState":"CLOSED"}""";
    static final String VALIDATION = """
            {"type":"urn:embargo:problem:validation","title":"Invalid request","status":400,"detail":"The request has invalid fields.","violations":[{"field":"text","message":"must not be blank"}]}""";
    static final String INVALID_DATE = """
            {"type":"urn:embargo:problem:invalid-date","title":"Bad request","status":400,"detail":"The disclosure date and hour must not be in the past."}""";
    static final String INVALID_TIME_ZONE = """
            {"type":"urn:embargo:problem:invalid-time-zone","title":"Bad request","status":400,"detail":"The time zone must be an IANA time zone such as Europe/Berlin."}""";
    static final String UNAUTHENTICATED = """
            {"type":"urn:embargo:problem:unauthenticated","title":"Unauthorized","status":401,"detail":"A valid bearer token is required."}""";

    static final String CASE_SUMMARIES = """
            [{"id":"0b9f3a52-6a4e-4c1b-9e57-1f2d3c4b5a69","trackingId":"OPENPANEL-2026-0007","state":"TRIAGED","resolution":null,"severity":"HIGH","cvssScore":8.1,"projects":["openpanel"],"assignee":"maintainer-1","submittedAt":"2026-06-01T09:30:00Z","updatedAt":"2026-06-03T10:00:00Z","nextDueAt":"2026-06-15T09:30:00Z","findings":[]}]""";
    static final String CASE_SUMMARY = """
            {"id":"0b9f3a52-6a4e-4c1b-9e57-1f2d3c4b5a69","trackingId":"OPENPANEL-2026-0007","state":"TRIAGED","resolution":null,"severity":"HIGH","cvssScore":8.1,"projects":["openpanel"],"assignee":"maintainer-1","submittedAt":"2026-06-01T09:30:00Z","updatedAt":"2026-06-03T10:00:00Z","nextDueAt":"2026-06-15T09:30:00Z","findings":[]}""";
    static final String COUNTS = """
            {"NEW":3,"ACKNOWLEDGED":1,"NEEDS_INFO":0,"TRIAGED":2,"FIXING":1,"FIXED":0,"PUBLISHED":4,"CLOSED":6}""";
    static final String CASE_DETAIL = """
            {"id":"0b9f3a52-6a4e-4c1b-9e57-1f2d3c4b5a69","trackingId":"OPENPANEL-2026-0007","state":"TRIAGED","resolution":null,"duplicateOf":null,"severity":"HIGH","cvssVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N","cvssScore":8.1,"cweIds":["CWE-79"],"assignee":"maintainer-1","projects":[{"slug":"openpanel","lead":true,"status":"AFFECTED","fixedVersions":null,"statement":null,"dateStance":null}],"submittedAt":"2026-06-01T09:30:00Z","updatedAt":"2026-06-03T10:00:00Z","disclosureDate":null,"disclosureStatus":null,"publishNotBefore":null,"publicationForced":false,"version":4,"milestones":[{"kind":"FIX","project":"openpanel","startedAt":"2026-06-03T10:00:00Z","dueAt":"2026-06-17T10:00:00Z","paused":false,"settledAt":null,"breachedAt":null}],"content":{"title":"Stored XSS in dashboard event names","component":"dashboard","versionTested":"2.4.0"},"findings":[],"disclosure":null,"actions":["REQUEST_INFO","START_FIX","MARK_FIXED","PUBLISH","CLOSE"]}""";
    static final String HISTORY = """
            [{"position":0,"occurredAt":"2026-06-02T08:00:00Z","actor":"maintainer-1","action":"ACKNOWLEDGE","from":"NEW","to":"ACKNOWLEDGED","reason":null}]""";
    static final String TRANSITION = """
            {"action":"TRIAGE","cvssVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N","reason":"Reproduced on 2.4.0","version":3}""";
    static final String SEVERITY = """
            {"cvssVector":"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N","cweIds":["CWE-79"],"version":4}""";
    static final String ASSIGN = """
            {"assignee":"maintainer-1"}""";
    static final String NOTE = """
            {"visibility":"INTERNAL","projectSlug":"openpanel","text":"Fix lands in 2.4.1."}""";
    static final String NOTE_VIEW = """
            {"id":"7a1c9e2b-0b7e-4f3e-8d2a-6c5b4a3f2e10","postedAt":"2026-06-02T09:00:00Z","authorKind":"MAINTAINER","visibility":"INTERNAL","projectSlug":"openpanel","text":"Fix lands in 2.4.1."}""";
    static final String ADD_PROJECT = """
            {"projectSlug":"pod"}""";
    static final String PROJECT_STATUS = """
            {"status":"FIXED","fixedVersions":"2.4.1","statement":"Fixed in 2.4.1; upgrade."}""";
    static final String STANCE = """
            {"stance":"OBJECT","reason":"Our release is a week later."}""";
    static final String DISCLOSURE = """
            {"date":"2026-07-01","time":"09:00","timeZone":"Europe/Berlin"}""";
    static final String FINDINGS = """
            [{"code":"out-of-scope:self-xss","policySentence":"self-XSS","closesAs":"OUT_OF_SCOPE","asksReporter":false}]""";
    static final String RESOLUTION = """
            {"version":1}""";
    static final String INVALID_FILTER = """
            {"type":"urn:embargo:problem:invalid-filter","title":"Bad request","status":400,"detail":"sla is BREACHED, WARNING or ON_TRACK."}""";
    static final String INVALID_PAGING = """
            {"type":"urn:embargo:problem:invalid-paging","title":"Bad request","status":400,"detail":"page >= 0, 1 <= size <= 100 and page × size <= 100000; narrow the filter instead."}""";
    static final String LEAD_ONLY = """
            {"type":"urn:embargo:problem:lead-project-only","title":"Forbidden","status":403,"detail":"Only maintainers of the case's lead project may triage this case."}""";
    static final String LEAD_OWNER_ONLY = """
            {"type":"urn:embargo:problem:lead-owner-only","title":"Forbidden","status":403,"detail":"Only an owner of the case's lead project may override the publication guard of this case."}""";
    static final String CONCURRENT_EDIT = """
            {"type":"urn:embargo:problem:concurrent-edit","title":"Conflict","status":409,"detail":"The case changed since you read it; reload and retry.","currentVersion":5}""";
    static final String PUBLICATION_BLOCKED = """
            {"type":"urn:embargo:problem:publication-blocked","title":"Conflict","status":409,"detail":"The case cannot be published yet: every affected project must be fixed or not affected, the agreed date must have come and heads-up subscribers must have had their notice; a lead owner may override with a reason.","blockers":["UNFIXED_PROJECTS","DATE_NOT_AGREED"]}""";
    static final String STATE_CONFLICT = """
            {"type":"urn:embargo:problem:illegal-transition","title":"Conflict","status":409,"detail":"The case is NEW; it cannot triage it in that state.","currentState":"NEW"}""";
    static final String INVALID_CVSS = """
            {"type":"urn:embargo:problem:invalid-cvss","title":"Bad request","status":400,"detail":"The vector is not a valid CVSS 3.1 or 4.0 vector."}""";
    static final String SEVERITY_REQUIRED = """
            {"type":"urn:embargo:problem:severity-required","title":"Bad request","status":400,"detail":"Triage needs a CVSS vector or a severity."}""";
    static final String INVALID_CWE = """
            {"type":"urn:embargo:problem:invalid-cwe","title":"Bad request","status":400,"detail":"CWE ids look like CWE-79."}""";
    static final String INVALID_RESOLUTION = """
            {"type":"urn:embargo:problem:invalid-resolution","title":"Bad request","status":400,"detail":"Closing needs a resolution other than WITHDRAWN (which is the reporter's)."}""";
    static final String UNKNOWN_DUPLICATE = """
            {"type":"urn:embargo:problem:unknown-duplicate","title":"Bad request","status":400,"detail":"A duplicate must name another case you can see."}""";
    static final String OVERRIDE_REASON = """
            {"type":"urn:embargo:problem:override-reason-required","title":"Bad request","status":400,"detail":"An override of the publication guard needs a reason of 1 to 2000 characters."}""";
    static final String PUBLIC_ROUTE = """
            {"type":"urn:embargo:problem:public-route-not-allowed","title":"Conflict","status":409,"detail":"The project's policy has no public route: every report stays private."}""";
    static final String NOT_A_MAINTAINER = """
            {"type":"urn:embargo:problem:not-a-maintainer","title":"Bad request","status":400,"detail":"The assignee maintains none of the case's projects."}""";
    static final String PROJECT_REQUIRED = """
            {"type":"urn:embargo:problem:project-required","title":"Bad request","status":400,"detail":"Internal notes belong to one of your projects on the case."}""";
    static final String UNKNOWN_PROJECT = """
            {"type":"urn:embargo:problem:unknown-project","title":"Bad request","status":400,"detail":"No hosted project has this slug."}""";
    static final String ALREADY_AFFECTED = """
            {"type":"urn:embargo:problem:project-already-affected","title":"Conflict","status":409,"detail":"The project is already on the case."}""";
    static final String LEAD_PROJECT = """
            {"type":"urn:embargo:problem:lead-project","title":"Conflict","status":409,"detail":"The lead project cannot be removed from its case."}""";
    static final String NOT_RESOLVABLE = """
            {"type":"urn:embargo:problem:finding-not-resolvable","title":"Conflict","status":409,"detail":"This finding does not resolve the report on its own; use the workflow."}""";
    static final String MALFORMED_BODY = """
            {"type":"urn:embargo:problem:malformed-body","title":"Invalid request","status":400,"detail":"The request body is not valid JSON."}""";
}
