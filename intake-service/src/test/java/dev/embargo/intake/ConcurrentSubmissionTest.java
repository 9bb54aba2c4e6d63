package dev.embargo.intake;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import dev.embargo.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Submissions to one project run side by side: different reports each get their own tracking id and event, identical
 * ones still collapse into one report.
 */
@QuarkusTest
class ConcurrentSubmissionTest {

    @Test
    void fortyConcurrentDifferentReportsToOneProjectGetFortyDistinctTrackingIdsAndEvents() throws Exception {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        List<Response> responses = concurrently(40, i -> {
            Map<String, Object> report = Fixtures.completeReport();
            report.put("title", "SQL injection in export variant " + i);
            return given().header("X-Forwarded-For", Fixtures.randomClient()).contentType(ContentType.JSON).body(report)
                    .when().post(project.path() + "/reports");
        });
        responses.forEach(r -> assertEquals(201, r.statusCode(), r.asString()));
        Set<String> trackingIds = responses.stream().map(r -> r.<String> path("trackingId"))
                .collect(Collectors.toSet());
        assertEquals(40, trackingIds.size(), "distinct tracking ids");
        String prefix = project.slug().toUpperCase() + "-" + Year.now() + "-";
        // No submission rolled back, so the numbers are exactly 1..40 (in whatever order the requests got them).
        Set<Integer> numbers = new TreeSet<>();
        for (String id : trackingIds) {
            assertTrue(id.startsWith(prefix), id);
            numbers.add(Integer.parseInt(id.substring(prefix.length())));
        }
        Set<Integer> oneToForty = IntStream.rangeClosed(1, 40).boxed().collect(Collectors.toCollection(TreeSet::new));
        assertEquals(oneToForty, numbers);
        assertEquals(40, SubmissionApiTest.reportsOf(project.slug()));
        assertEquals(40, submittedEventsOf(project.slug()));
    }

    @Test
    void tenConcurrentIdenticalSubmissionsMakeOneReportAndOneEventWithoutBurningANumber() throws Exception {
        var project = Fixtures.projectWithExamplePolicy("openpanel");
        // Signed in, so every copy is the same reporter whatever address it comes from (each address has its own
        // rate-limit bucket).
        String reporter = Tokens.of("reporter-" + UUID.randomUUID(), "reporter");
        List<Response> responses = concurrently(10,
                i -> given().auth().oauth2(reporter).header("X-Forwarded-For", Fixtures.randomClient())
                        .contentType(ContentType.JSON).body(Fixtures.completeReport()).when()
                        .post(project.path() + "/reports"));
        List<Integer> statuses = responses.stream().map(Response::statusCode).sorted().toList();
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200, 200, 201), statuses);
        String expected = project.slug().toUpperCase() + "-" + Year.now() + "-0001";
        responses.forEach(r -> assertEquals(expected, r.path("trackingId")));
        assertEquals(1, SubmissionApiTest.reportsOf(project.slug()));
        assertEquals(1, submittedEventsOf(project.slug()));
        // The nine resubmissions drew no number: the next report is the second.
        Map<String, Object> other = Fixtures.completeReport();
        other.put("title", "Another finding");
        Fixtures.submit(project.slug(), other).statusCode(201).body("trackingId",
                Matchers.equalTo(project.slug().toUpperCase() + "-" + Year.now() + "-0002"));
    }

    /** Starts all requests at once (as far as threads allow) and waits for every answer. */
    private static List<Response> concurrently(int n, IntFunction<Response> request) throws Exception {
        var start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Response> call = () -> {
                    start.await();
                    return request.apply(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }

    static long submittedEventsOf(String slug) {
        return SubmissionApiTest.count("SELECT count(*) FROM intake.outbox o JOIN intake.report r"
                + " ON o.message_key = r.id::text JOIN intake.project p ON p.id = r.project_id"
                + " WHERE o.event_type = 'report.submitted.v1' AND p.slug = ?", slug);
    }
}
