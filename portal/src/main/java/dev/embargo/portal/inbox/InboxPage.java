package dev.embargo.portal.inbox;

import static dev.embargo.portal.web.Forms.blank;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.embargo.portal.services.IntakeApi;
import dev.embargo.portal.services.Json;
import dev.embargo.portal.services.TriageApi;
import dev.embargo.portal.web.PortalConfig;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * The inbox: the cases of all the reader's projects, filtered and paged by triage (sorted by next deadline), with a
 * count per state. Filters are plain query parameters (never report content), so a filtered inbox can be bookmarked.
 */
@Path("/cases")
@Authenticated
public class InboxPage {

    static final List<String> STATES = List.of("NEW", "ACKNOWLEDGED", "NEEDS_INFO", "TRIAGED", "FIXING", "FIXED",
            "PUBLISHED", "CLOSED");
    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE");
    static final List<String> SLA = List.of("BREACHED", "WARNING", "ON_TRACK");
    private static final Pattern TRACKING_ID = Pattern.compile("[A-Za-z0-9-]{1,40}");

    private final TriageApi triage;
    private final IntakeApi intake;
    private final Template inbox;
    private final PortalConfig config;

    InboxPage(@RestClient TriageApi triage, @RestClient IntakeApi intake, @Location("inbox.html") Template inbox,
            PortalConfig config) {
        this.triage = triage;
        this.intake = intake;
        this.inbox = inbox;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("project") String project, @QueryParam("state") String state,
            @QueryParam("severity") String severity, @QueryParam("sla") String sla,
            @QueryParam("finding") String finding, @QueryParam("assignee") String assignee, @QueryParam("q") String q,
            @QueryParam("page") @DefaultValue("0") int page) {
        var filter = new Filter(blank(project), oneOf(state, STATES), oneOf(severity, SEVERITIES), oneOf(sla, SLA),
                blank(finding), blank(assignee),
                q == null || !TRACKING_ID.matcher(q.strip()).matches() ? null : q.strip().toUpperCase(Locale.ROOT),
                Math.max(0, Math.min(page, 1000)));
        int size = config.pageSize();
        List<Json> cases = triage.cases(filter.project(), filter.state(), filter.severity(), filter.sla(),
                filter.finding(), filter.assignee(), filter.q(), "deadline", filter.page(), size);
        Json counts = triage.counts(filter.project(), filter.severity(), filter.sla(), filter.finding(),
                filter.assignee(), filter.q());
        // Triage's offset is page × size (asking for one more than a page would shift every later page and hide a
        // case at each boundary). The tabs' counts are under the same filter, so they say whether a next page exists.
        boolean more = cases.size() == size && (long) (filter.page() + 1) * size < matching(counts, filter.state());
        return inbox.data("cases", cases).data("more", more).data("filter", filter).data("counts", counts)
                .data("projects", intake.myProjects()).data("states", STATES).data("severities", SEVERITIES)
                .data("slas", SLA);
    }

    /** How many cases the filter matches: the count of its state, or of every state. */
    private static long matching(Json counts, String state) {
        return counts.entrySet().stream().filter(e -> state == null || e.getKey().equals(state))
                .mapToLong(e -> e.getValue() instanceof Number n ? n.longValue() : 0).sum();
    }

    /** The inbox's filter; {@link #query} builds the links of the state tabs and the pager. */
    public record Filter(String project, String state, String severity, String sla, String finding, String assignee,
            String q, int page) {

        public String query(String key, Object value) {
            var b = new StringBuilder("?");
            add(b, "project", "project".equals(key) ? value : project);
            add(b, "state", "state".equals(key) ? value : state);
            add(b, "severity", "severity".equals(key) ? value : severity);
            add(b, "sla", "sla".equals(key) ? value : sla);
            add(b, "finding", "finding".equals(key) ? value : finding);
            add(b, "assignee", "assignee".equals(key) ? value : assignee);
            add(b, "q", "q".equals(key) ? value : q);
            add(b, "page", "page".equals(key) ? value : ("state".equals(key) ? null : (page == 0 ? null : page)));
            return b.length() == 1 ? "?" : b.substring(0, b.length() - 1);
        }

        private static void add(StringBuilder b, String k, Object v) {
            if (v != null && !v.toString().isEmpty()) {
                b.append(k).append('=').append(URLEncoder.encode(v.toString(), StandardCharsets.UTF_8)).append('&');
            }
        }
    }

    private static String oneOf(String s, List<String> allowed) {
        return s != null && allowed.contains(s) ? s : null;
    }
}
