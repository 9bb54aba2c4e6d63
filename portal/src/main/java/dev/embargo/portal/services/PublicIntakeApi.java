package dev.embargo.portal.services;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * intake-service's public API (project directory, policies, anonymous submission). The browser's address goes along in
 * X-Forwarded-For, so the per-client limits and bans apply to the reporter, not to the portal (intake trusts it only
 * from the proxies it is configured to trust).
 */
@RegisterRestClient(configKey = "intake")
@Path("/api/v1/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PublicIntakeApi {

    @GET
    List<Json> directory();

    @GET
    @Path("/{slug}")
    Json project(@PathParam("slug") String slug);

    @GET
    @Path("/{slug}/policy")
    Json policy(@PathParam("slug") String slug);

    @GET
    @Path("/{slug}/policy")
    @Produces("text/markdown")
    String policyText(@PathParam("slug") String slug);

    @POST
    @Path("/{slug}/reports")
    Json submit(@PathParam("slug") String slug, @HeaderParam("X-Forwarded-For") String client, Json report);
}
