package dev.embargo.portal.cases;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import us.springett.cvss.Cvss;

/**
 * The score of a CVSS 3.x or 4.0 vector, for the editor's live display. A POST, so the vector of an unpublished case
 * never lands in a URL or an access log; it reads nothing and changes nothing.
 */
@Path("/cvss/score")
public class CvssScores {

    public record Request(String vector) {
    }

    /** {@code valid} false when the vector cannot be scored; then score and severity are null. */
    public record Score(boolean valid, Double score, String severity) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Score score(Request request) {
        return of(request == null ? null : request.vector());
    }

    public static Score of(String vector) {
        if (vector == null || vector.isBlank() || vector.length() > 200) {
            return new Score(false, null, null);
        }
        try {
            Cvss cvss = Cvss.fromVector(vector.strip());
            if (cvss == null) {
                return new Score(false, null, null);
            }
            double score = cvss.calculateScore().getBaseScore();
            return new Score(true, score, severity(score));
        } catch (RuntimeException e) {
            return new Score(false, null, null);
        }
    }

    /** The qualitative rating of the CVSS specifications (3.1 section 5, 4.0 likewise). */
    static String severity(double score) {
        if (score == 0) {
            return "NONE";
        }
        if (score < 4) {
            return "LOW";
        }
        if (score < 7) {
            return "MEDIUM";
        }
        return score < 9 ? "HIGH" : "CRITICAL";
    }
}
