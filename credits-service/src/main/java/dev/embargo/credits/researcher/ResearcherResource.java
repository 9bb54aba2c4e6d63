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

import dev.embargo.credits.researcher.ResearcherApi.ClaimResponse;
import dev.embargo.credits.researcher.ResearcherApi.ConsentRequest;
import dev.embargo.credits.researcher.ResearcherApi.ProfileRequest;
import dev.embargo.credits.researcher.ResearcherApi.ProfileResponse;

/** The signed-in researcher's own profile: name, link, consent, and claiming credits of their reports. */
@Path("/api/v1/researchers/me")
@RolesAllowed("reporter")
@Produces(MediaType.APPLICATION_JSON)
class ResearcherResource {

    private final Profiles profiles;
    private final JsonWebToken token;

    ResearcherResource(Profiles profiles, JsonWebToken token) {
        this.profiles = profiles;
        this.token = token;
    }

    @GET
    public ProfileResponse profile() {
        return profiles.view(token.getSubject());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileResponse update(@Valid @NotNull ProfileRequest request) {
        return profiles.update(token.getSubject(), request.displayName(), request.link());
    }

    @POST
    @Path("/claims")
    public ClaimResponse claim() {
        return new ClaimResponse(profiles.claim(token.getSubject()));
    }

    @PUT
    @Path("/consent")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProfileResponse consent(@Valid @NotNull ConsentRequest request) {
        return profiles.consent(token.getSubject(), request.granted());
    }
}
