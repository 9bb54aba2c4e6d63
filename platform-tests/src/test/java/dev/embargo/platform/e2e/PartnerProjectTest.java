package dev.embargo.platform.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMailUtil;

import dev.embargo.platform.e2e.Platform.Service;
import dev.embargo.testing.MailTestResource;
import dev.embargo.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Case roles across the running platform, with three tenants registered through intake: the lead project's owner adds a
 * partner project to a case; the partner's maintainer sees the shared parts only, sets its own project's status and
 * gets 403 for everything only the lead may do; a maintainer of an unrelated project gets exactly the 404 of a case
 * that does not exist.
 */
class PartnerProjectTest {

    /** A policy that takes reports through the platform and asks the reporter for nothing beyond a description. */
    static final String POLICY = """
            {"name":"Partner test policy","channels":[{"kind":"PLATFORM"}],
             "reportFields":{"component":"OPTIONAL","versionTested":"OPTIONAL","description":"REQUIRED",
               "impact":"OPTIONAL","stepsToReproduce":"OPTIONAL","proofOfConcept":"OPTIONAL","suggestedFix":"OPTIONAL"}}""";

    /** A registered project: its slug, its owner and a maintainer the owner added (each with a token). */
    record Tenant(String slug, String owner, String maintainer) {
        String ownerToken() {
            return Tokens.of(owner);
        }

        String maintainerToken() {
            return Tokens.of(maintainer);
        }

        String ownerEmail() {
            return owner + "@example.org";
        }
    }

    private final Platform platform = Platform.get();

    @Test
    void aPartnersMaintainerSeesTheSharedPartsSetsItsOwnStatusAndIsRefusedLeadActionsWhileAStrangerSeesNothing() {
        Tenant lead = register("lead");
        Tenant partner = register("partner");
        Tenant stranger = register("stranger");
        String secretNote = "LEAD-ONLY-NOTE-" + UUID.randomUUID();

        var submitted = new Api(platform).submit(lead.slug(), Api.report("Auth bypass in the admin API",
                "The admin API accepts a session cookie of any tenant because the tenant id is read from the request"
                        + " body instead of the session, so one tenant's user administers every other tenant.",
                "reporter-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org", "Pat Partner"));
        assertEquals(201, submitted.status());
        String caseId = await().atMost(60, TimeUnit.SECONDS).until(() -> caseIdOf(lead, submitted.trackingId()),
                id -> id != null);
        String cases = "/api/v1/cases/" + caseId;

        ok(call(lead.maintainerToken(), "POST", cases + "/transitions", Map.of("action", "ACKNOWLEDGE")));
        ok(call(lead.maintainerToken(), "POST", cases + "/transitions",
                Map.of("action", "TRIAGE", "cvssVector", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:N")));
        ok(call(lead.maintainerToken(), "POST", cases + "/messages",
                Map.of("visibility", "INTERNAL", "projectSlug", lead.slug(), "text", secretNote)));
        ok(call(lead.ownerToken(), "POST", cases + "/projects", Map.of("projectSlug", partner.slug())));

        // The partner's maintainer (not an owner) sees the case once triage has the partner's members.
        await().atMost(60, TimeUnit.SECONDS)
                .until(() -> call(partner.maintainerToken(), "GET", cases, null).statusCode() == 200);
        Response seen = call(partner.maintainerToken(), "GET", cases, null);
        assertEquals(List.of(lead.slug(), partner.slug()), seen.path("projects.slug"));
        assertEquals(List.of(true, false), seen.path("projects.lead"));
        String messages = call(partner.maintainerToken(), "GET", cases + "/messages", null).then().statusCode(200)
                .extract().asString();
        assertFalse(messages.contains(secretNote), "a partner reads the lead's internal notes");
        assertTrue(call(lead.maintainerToken(), "GET", cases + "/messages", null).asString().contains(secretNote));
        // Adding the project told its owners.
        await().atMost(60, TimeUnit.SECONDS).until(
                () -> mailTo(partner.ownerEmail()).stream().anyMatch(body -> body.contains(submitted.trackingId())));

        // Everything only the lead may do: 403 problem+json, and the case does not change.
        long version = ((Number) seen.path("version")).longValue();
        String date = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        Map<String, Object> leadOnly = new java.util.LinkedHashMap<>();
        leadOnly.put("publish", List.of("POST", cases + "/transitions", Map.of("action", "PUBLISH")));
        leadOnly.put("override", List.of("POST", cases + "/transitions",
                Map.of("action", "PUBLISH", "override", true, "reason", "we want it out")));
        leadOnly.put("close", List.of("POST", cases + "/transitions", Map.of("action", "CLOSE", "resolution", "SPAM")));
        leadOnly.put("reopen", List.of("POST", cases + "/transitions", Map.of("action", "REOPEN")));
        leadOnly.put("start fix", List.of("POST", cases + "/transitions", Map.of("action", "START_FIX")));
        leadOnly.put("add project", List.of("POST", cases + "/projects", Map.of("projectSlug", stranger.slug())));
        leadOnly.put("remove project", List.of("DELETE", cases + "/projects/" + partner.slug(), Map.of()));
        leadOnly.put("date", List.of("PUT", cases + "/disclosure", Map.of("date", date)));
        leadOnly.put("severity", List.of("PUT", cases + "/severity", Map.of("severity", "LOW")));
        for (var action : leadOnly.entrySet()) {
            List<?> c = (List<?>) action.getValue();
            Response refused = call(partner.maintainerToken(), (String) c.get(0), (String) c.get(1), c.get(2));
            assertEquals(403, refused.statusCode(), action.getKey() + ": " + refused.asString());
            assertEquals("application/problem+json", refused.contentType().replaceFirst(";.*", ""), action.getKey());
            assertEquals("urn:embargo:problem:lead-project-only", refused.path("type"), action.getKey());
        }
        Response after = call(lead.maintainerToken(), "GET", cases, null);
        assertEquals(version, ((Number) after.path("version")).longValue(), "a refused call changed the case");
        assertEquals("TRIAGED", after.path("state"));
        assertEquals(2, ((List<?>) after.path("projects")).size());

        // What the partner may do: its own project's status and statement, its own internal notes.
        ok(call(partner.maintainerToken(), "PUT", cases + "/projects/" + partner.slug(),
                Map.of("status", "AFFECTED", "statement", "Our fork is affected too.")));
        ok(call(partner.maintainerToken(), "POST", cases + "/messages",
                Map.of("visibility", "INTERNAL", "projectSlug", partner.slug(), "text", "checking our fork")));
        // ... but not the lead project's.
        Response othersStatus = call(partner.maintainerToken(), "PUT", cases + "/projects/" + lead.slug(),
                Map.of("status", "FIXED"));
        assertEquals(404, othersStatus.statusCode(), othersStatus.asString());
        // The lead cannot publish while a project is unfixed (no date agreed either), without an override.
        Response blocked = call(lead.maintainerToken(), "POST", cases + "/transitions", Map.of("action", "PUBLISH"));
        assertEquals(409, blocked.statusCode(), blocked.asString());
        assertEquals("urn:embargo:problem:publication-blocked", blocked.path("type"));
        assertTrue(((List<?>) blocked.path("blockers")).contains("UNFIXED_PROJECTS"), blocked.asString());

        // A maintainer of an unrelated project: every call on the case answers exactly as on a missing case.
        String missing = "/api/v1/cases/" + UUID.randomUUID();
        for (String[] op : new String[][] { { "GET", "" }, { "GET", "/history" }, { "GET", "/messages" },
                { "GET", "/advisory" }, { "POST", "/transitions" }, { "PUT", "/projects/" + stranger.slug() },
                { "POST", "/projects" }, { "PUT", "/disclosure" } }) {
            Map<String, Object> body = op[0].equals("GET") ? null : Map.of("action", "PUBLISH");
            Response onCase = call(stranger.maintainerToken(), op[0], cases + op[1], body);
            Response onMissing = call(stranger.maintainerToken(), op[0], missing + op[1], body);
            String what = op[0] + " " + op[1];
            assertEquals(404, onCase.statusCode(), what + ": " + onCase.asString());
            assertEquals(onMissing.statusCode(), onCase.statusCode(), what);
            assertEquals(onMissing.asString(), onCase.asString(), what);
            assertEquals(onMissing.contentType(), onCase.contentType(), what);
            assertEquals("application/problem+json", onCase.contentType().replaceFirst(";.*", ""), what);
        }
        assertFalse(call(stranger.maintainerToken(), "GET", "/api/v1/cases", null).asString().contains(caseId));
    }

    /** Registers a project as a platform admin; its owner publishes the policy and adds a maintainer. */
    private Tenant register(String prefix) {
        String slug = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        var tenant = new Tenant(slug, "owner-" + slug, "maint-" + slug);
        String admin = Tokens.of("platform-admin-" + UUID.randomUUID(), "platform-admin");
        ok(intake(admin, "POST", "/api/v1/projects",
                Map.of("slug", slug, "name", "Project " + slug, "homepage", "https://" + slug + ".example", "owners",
                        List.of(Map.of("subject", tenant.owner(), "email", tenant.ownerEmail())))));
        ok(intake(tenant.ownerToken(), "PUT", "/api/v1/projects/" + slug + "/policy", POLICY));
        ok(intake(tenant.ownerToken(), "PUT", "/api/v1/projects/" + slug + "/members/" + tenant.maintainer(),
                Map.of("role", "MAINTAINER", "email", tenant.maintainer() + "@example.org")));
        return tenant;
    }

    private String caseIdOf(Tenant t, String trackingId) {
        List<Map<String, Object>> cases = call(t.maintainerToken(), "GET", "/api/v1/cases?project=" + t.slug(), null)
                .then().statusCode(200).extract().path("$");
        return cases.stream().filter(c -> trackingId.equals(c.get("trackingId"))).map(c -> (String) c.get("id"))
                .findFirst().orElse(null);
    }

    private Response call(String token, String method, String path, Object body) {
        return request(Service.TRIAGE, token, method, path, body);
    }

    private Response intake(String token, String method, String path, Object body) {
        return request(Service.INTAKE, token, method, path, body);
    }

    private Response request(Service service, String token, String method, String path, Object body) {
        var spec = given().baseUri(platform.url(service)).auth().oauth2(token);
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        return spec.request(method, path);
    }

    private static void ok(Response r) {
        assertTrue(r.statusCode() < 300, r.statusCode() + " " + r.asString());
    }

    /** Subject and body of every mail to the address. */
    private static List<String> mailTo(String address) {
        return Arrays.stream(MailTestResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients() != null
                        && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).map(m -> {
            try {
                return m.getSubject() + "\n" + GreenMailUtil.getBody(m);
            } catch (Exception e) {
                return "";
            }
        }).toList();
    }
}
