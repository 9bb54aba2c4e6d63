package dev.embargo.credits.researcher;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.embargo.credits.researcher.ResearcherApi.ClaimResponse;
import dev.embargo.credits.researcher.ResearcherApi.ConsentRequest;
import dev.embargo.credits.researcher.ResearcherApi.ProfileRequest;
import dev.embargo.credits.researcher.ResearcherApi.ProfileResponse;
import dev.embargo.platform.problem.Problem;

/** The signed-in researcher's own profile: name, link, consent, and claiming credits of their reports. */
@Path("/api/v1/researchers/me")
@RolesAllowed("reporter")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Researchers")
class ResearcherResource {

    static final String PROFILE_EXAMPLE = """
            {"displayName":"Nora Quist","link":"https://nora.example","consent":true,"claimedCredits":1,"unclaimedCredits":0,"points":50,"credits":[{"trackingId":"OPENPANEL-2026-0042","type":"REPORTER","points":50,"year":2026,"anonymous":false,"claimed":true}]}""";
    static final String UNAUTHENTICATED_EXAMPLE = """
            {"type":"urn:embargo:problem:unauthenticated","title":"Unauthorized","status":401,"detail":"A valid bearer token is required."}""";
    static final String FORBIDDEN_EXAMPLE = """
            {"type":"urn:embargo:problem:forbidden","title":"Forbidden","status":403,"detail":"You may not do this."}""";
    static final String VALIDATION_EXAMPLE = """
            {"type":"urn:embargo:problem:validation","title":"Invalid request","status":400,"detail":"The request has invalid fields.","violations":[{"field":"displayName","message":"size must be between 1 and 100"}]}""";

    private final Profiles profiles;
    private final JsonWebToken token;

    ResearcherResource(Profiles profiles, JsonWebToken token) {
        this.profiles = profiles;
        this.token = token;
    }

    @GET
    @Operation(summary = "The signed-in researcher's profile", description = "How the researcher is named in the hall of fame, whether they consent to being named, and every credit tied to their account.")
    @APIResponse(responseCode = "200", description = "The profile and the researcher's own credits", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "profile", value = PROFILE_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = UNAUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not signed in as a reporter (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No profile yet (not-found)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not-found", value = """
            {"type":"urn:embargo:problem:not-found","title":"Not found","status":404,"detail":"No such resource, or you may not see it."}""")))
    public ProfileResponse profile() {
        return profiles.view(token.getSubject());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or change the profile's display name and link", description = "The name and link are shown for the credits the researcher claimed; the leaderboards follow in the same transaction. Only absolute http(s) links without credentials are accepted.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "profile", value = """
            {"displayName":"Nora Quist","link":"https://nora.example"}""")))
    @APIResponse(responseCode = "200", description = "The profile and the researcher's own credits", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "profile", value = PROFILE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "The body is not valid (validation, malformed-body, unknown-field) or the link is not a safe http(s) URL (invalid-link)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
            @ExampleObject(name = "validation", value = VALIDATION_EXAMPLE),
            @ExampleObject(name = "invalid-link", value = """
                    {"type":"urn:embargo:problem:invalid-link","title":"Invalid request","status":400,"detail":"The link must be an absolute http or https URL without credentials."}""") }))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = UNAUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not signed in as a reporter (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = FORBIDDEN_EXAMPLE)))
    public ProfileResponse update(@Valid @NotNull ProfileRequest request) {
        return profiles.update(token.getSubject(), request.displayName(), request.link());
    }

    @POST
    @Path("/claims")
    @Operation(summary = "Claim the credits of the researcher's own reports", description = "Links every unclaimed credit tied to the signed-in account to the profile, so the chosen name and link are shown for them. Claiming twice claims nothing new.")
    @APIResponse(responseCode = "200", description = "How many credits were claimed now", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "claimed", value = """
            {"claimed":2}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = UNAUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not signed in as a reporter (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = FORBIDDEN_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "No profile yet (profile-required)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "profile-required", value = """
            {"type":"urn:embargo:problem:profile-required","title":"Conflict","status":409,"detail":"Create your profile before claiming credits."}""")))
    public ClaimResponse claim() {
        return new ClaimResponse(profiles.claim(token.getSubject()));
    }

    @PUT
    @Path("/consent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give or withdraw consent to being named", description = "Without consent every credit of the researcher is shown as anonymous, everywhere; the leaderboards follow in the same transaction.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "withdraw", value = """
            {"granted":false}""")))
    @APIResponse(responseCode = "200", description = "The profile and the researcher's own credits", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "profile", value = PROFILE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "The body is not valid (validation, malformed-body, unknown-field)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "validation", value = VALIDATION_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No valid bearer token (unauthenticated)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "unauthenticated", value = UNAUTHENTICATED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not signed in as a reporter (forbidden)", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "forbidden", value = FORBIDDEN_EXAMPLE)))
    public ProfileResponse consent(@Valid @NotNull ConsentRequest request) {
        return profiles.consent(token.getSubject(), request.granted());
    }
}
