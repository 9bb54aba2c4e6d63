package dev.embargo.notification;

/** Example bodies the OpenAPI document shows, shared by the features' resources so each problem reads the same. */
public final class ApiExamples {

    public static final String NOT_FOUND = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""";
    public static final String UNAUTHENTICATED = """
            {"type":"urn:embargo:problem:unauthenticated","title":"Unauthorized","status":401,"detail":"A valid bearer token is required."}""";
    public static final String FORBIDDEN = """
            {"type":"urn:embargo:problem:forbidden","title":"Forbidden","status":403,"detail":"You may not do this."}""";
    public static final String OWNER_REQUIRED = """
            {"type":"urn:embargo:problem:owner-required","title":"Forbidden","status":403,"detail":"Only the project's owners may do this."}""";
    public static final String VALIDATION = """
            {"type":"urn:embargo:problem:validation","title":"Invalid request","status":400,"detail":"The request has invalid fields.","violations":[{"field":"url","message":"must not be blank"}]}""";
    public static final String MALFORMED_BODY = """
            {"type":"urn:embargo:problem:malformed-body","title":"Invalid request","status":400,"detail":"The request body is not valid JSON."}""";

    private ApiExamples() {
    }
}
