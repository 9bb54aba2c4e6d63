package dev.embargo.platform.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every error into problem+json. None of them carries an exception class name, a stack trace or the caller's
 * input; unexpected errors are logged under an id that the response carries, so an operator can find them.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", field(v), "message", v.getMessage())).toList();
        return respond(Problem.of("validation", 400, "Invalid request", "The request has invalid fields.")
                .with("violations", violations));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return respond(Problem.of("unknown-field", 400, "Invalid request",
                "The request sets a field this operation does not accept, such as a server-owned value."));
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return respond(Problem.of("malformed-body", 400, "Invalid request",
                "A field of the request body has the wrong type or shape."));
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonProcessingException e) {
        return respond(Problem.of("malformed-body", 400, "Invalid request", "The request body is not valid JSON."));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return respond(Problem.of("unauthenticated", 401, "Unauthorized", "A valid bearer token is required."));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return respond(Problem.of("unauthenticated", 401, "Unauthorized", "A valid bearer token is required."));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of("forbidden", 403, "Forbidden", "You may not do this."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 400 && causedBy(e, JsonProcessingException.class)) {
            // Truncated JSON or invalid UTF-8 reaches us wrapped by the body reader.
            return malformed(null);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        String kind = switch (status) {
        case 404 -> "not-found";
        case 405 -> "method-not-allowed";
        case 406 -> "not-acceptable";
        case 413 -> "payload-too-large";
        case 415 -> "unsupported-media-type";
        case 401 -> "unauthenticated";
        case 403 -> "forbidden";
        default -> "bad-request";
        };
        String detail = status == 404 ? "No such resource, or you may not see it." : title + ".";
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(kind, status, title, detail));
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            builder.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            Log.warn("request refused: database unavailable");
            return Response
                    .fromResponse(respond(Problem.of("unavailable", 503, "Service unavailable",
                            "The service cannot reach its database; nothing was changed. Retry later.")))
                    .header("Retry-After", "5").build();
        }
        String errorId = UUID.randomUUID().toString();
        // Class and frame only: exception messages may quote data, and logs must never hold report content.
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        Log.errorf("unexpected error %s: %s at %s", errorId, e.getClass().getName(), at);
        return respond(Problem.of("internal", 500, "Internal error", "The request failed; nothing was changed.")
                .with("errorId", errorId));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("Acquisition timeout")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String field(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // Method-parameter paths look like "submit.request.title"; callers only know the body field.
        int arg = path.indexOf('.', path.indexOf('.') + 1);
        return arg > 0 ? path.substring(arg + 1) : path;
    }
}
