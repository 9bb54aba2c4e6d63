package dev.embargo.portal.services;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** intake-service's project, policy and submission API, called with the signed-in user's access token. */
@RegisterRestClient(configKey = "intake")
@AccessToken
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface IntakeApi {

    /** The projects the user is a member of, with their role. */
    @GET
    @Path("/me/projects")
    List<Json> myProjects();

    @GET
    @Path("/projects")
    List<Json> directory();

    @POST
    @Path("/projects")
    Json register(Json body);

    @GET
    @Path("/projects/{slug}/members")
    List<Json> members(@PathParam("slug") String slug);

    @PUT
    @Path("/projects/{slug}/members/{subject}")
    Json setMember(@PathParam("slug") String slug, @PathParam("subject") String subject, Json body);

    @DELETE
    @Path("/projects/{slug}/members/{subject}")
    void removeMember(@PathParam("slug") String slug, @PathParam("subject") String subject);

    @GET
    @Path("/projects/{slug}/policy")
    Json policy(@PathParam("slug") String slug);

    @PUT
    @Path("/projects/{slug}/policy")
    Json publishPolicy(@PathParam("slug") String slug, JsonNode document);

    @GET
    @Path("/projects/{slug}/policy/versions")
    List<Json> policyVersions(@PathParam("slug") String slug);

    @GET
    @Path("/projects/{slug}/policy/versions/{version}")
    Json policyVersion(@PathParam("slug") String slug, @PathParam("version") int version);

    @GET
    @Path("/projects/{slug}/reporter-standings")
    List<Json> standings(@PathParam("slug") String slug);

    @DELETE
    @Path("/projects/{slug}/reporter-standings/{reporter}")
    void lift(@PathParam("slug") String slug, @PathParam("reporter") String reporter);

    @GET
    @Path("/projects/{slug}/security.txt")
    @Produces(MediaType.TEXT_PLAIN)
    String securityTxt(@PathParam("slug") String slug);

    /** A report submitted by a signed-in reporter: the case is theirs under "my reports". */
    @POST
    @Path("/projects/{slug}/reports")
    Json submit(@PathParam("slug") String slug, @HeaderParam("X-Forwarded-For") String client, Json report);
}
