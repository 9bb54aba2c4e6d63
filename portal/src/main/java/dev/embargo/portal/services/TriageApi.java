package dev.embargo.portal.services;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** triage-service's case API, called with the signed-in user's access token. */
@RegisterRestClient(configKey = "triage")
@AccessToken
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TriageApi {

    @GET
    @Path("/cases")
    List<Json> cases(@QueryParam("project") String project, @QueryParam("state") String state,
            @QueryParam("severity") String severity, @QueryParam("sla") String sla,
            @QueryParam("finding") String finding, @QueryParam("assignee") String assignee,
            @QueryParam("trackingId") String trackingId, @QueryParam("sort") String sort, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/cases/counts")
    Json counts(@QueryParam("project") String project, @QueryParam("severity") String severity,
            @QueryParam("sla") String sla, @QueryParam("finding") String finding,
            @QueryParam("assignee") String assignee, @QueryParam("trackingId") String trackingId);

    @GET
    @Path("/cases/{id}")
    Json get(@PathParam("id") String id, @QueryParam("tz") String tz);

    @GET
    @Path("/cases/{id}/history")
    List<Json> history(@PathParam("id") String id);

    @GET
    @Path("/cases/{id}/messages")
    List<Json> messages(@PathParam("id") String id);

    @POST
    @Path("/cases/{id}/transitions")
    Json transition(@PathParam("id") String id, Json body);

    @PUT
    @Path("/cases/{id}/severity")
    Json severity(@PathParam("id") String id, Json body);

    @PUT
    @Path("/cases/{id}/assignee")
    Json assign(@PathParam("id") String id, Json body);

    @POST
    @Path("/cases/{id}/messages")
    Json post(@PathParam("id") String id, Json body);

    @POST
    @Path("/cases/{id}/projects")
    Json addProject(@PathParam("id") String id, Json body);

    @PUT
    @Path("/cases/{id}/projects/{slug}")
    Json projectStatus(@PathParam("id") String id, @PathParam("slug") String slug, Json body);

    @PUT
    @Path("/cases/{id}/projects/{slug}/disclosure-stance")
    Json stance(@PathParam("id") String id, @PathParam("slug") String slug, Json body);

    @PUT
    @Path("/cases/{id}/disclosure")
    Json disclosure(@PathParam("id") String id, Json body);

    @GET
    @Path("/cases/{id}/advisory")
    String advisory(@PathParam("id") String id, @QueryParam("format") String format);

    /** The signed-in reporter's own reports (those submitted while signed in). */
    @GET
    @Path("/reporter/me/cases")
    List<Json> myReports();
}
