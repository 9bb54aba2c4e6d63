package dev.embargo.credits.halloffame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;

/** A rendered public document with a content-derived ETag, answered 304 when the client already has it. */
record Representation(Format format, String body) {

    /** The formats the hall of fame comes in. */
    enum Format {
        JSON("application/json;charset=UTF-8"), MARKDOWN("text/markdown;charset=UTF-8"),
        HTML("text/html;charset=UTF-8");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        /** {@code ?format=} wins; otherwise the most preferred acceptable type; anything else is JSON. */
        static Format choose(String formatParameter, List<MediaType> acceptable) {
            if (formatParameter != null && !formatParameter.isBlank()) {
                return switch (formatParameter.toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "markdown", "md" -> MARKDOWN;
                case "html" -> HTML;
                default -> throw ProblemException.badRequest("unknown-format",
                        "The format must be json, markdown or html.");
                };
            }
            for (MediaType type : acceptable) {
                if (type.isWildcardType()) {
                    return JSON;
                }
                String t = type.getType().toLowerCase(Locale.ROOT);
                String s = type.getSubtype().toLowerCase(Locale.ROOT);
                if (t.equals("application") && (s.equals("json") || s.equals("*"))) {
                    return JSON;
                }
                if (t.equals("text") && (s.equals("markdown") || s.equals("x-markdown"))) {
                    return MARKDOWN;
                }
                if (t.equals("text") && (s.equals("html") || s.equals("*"))
                        || t.equals("application") && s.equals("xhtml+xml")) {
                    return HTML;
                }
            }
            throw new ProblemException(Problem.of("not-acceptable", 406, "Not Acceptable",
                    "Available as application/json, text/markdown or text/html."));
        }
    }

    Response respond(Request request) {
        EntityTag tag = new EntityTag(digest(format.contentType + "\n" + body));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder builder = notModified != null ? notModified
                : Response.ok(body).type(format.contentType);
        builder.tag(tag).header(HttpHeaders.VARY, "Accept")
                // Public data, but withdrawals must show quickly: caches revalidate with the ETag.
                .header(HttpHeaders.CACHE_CONTROL, "public, no-cache").header("X-Content-Type-Options", "nosniff");
        if (format == Format.HTML) {
            builder.header("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                    .header("Referrer-Policy", "no-referrer");
        }
        return builder.build();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
