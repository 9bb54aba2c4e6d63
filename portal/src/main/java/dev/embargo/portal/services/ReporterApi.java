package dev.embargo.portal.services;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** triage-service's reporter API: the report token in a header, never in a URL; no user token. */
@RegisterRestClient(configKey = "triage")
@Path("/api/v1/reporter/cases/{trackingId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ReporterApi {

    String TOKEN = "X-Report-Token";

    @GET
    /** {@code client}: the browser's address, so triage limits failed attempts per reporter, not per portal. */
    Json status(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token,
            @QueryParam("tz") String tz, @HeaderParam("X-Forwarded-For") String client);

    @GET
    @Path("/messages")
    List<Json> thread(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token);

    @POST
    @Path("/messages")
    Json reply(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token, Json body);

    @POST
    @Path("/disclosure/accept")
    Json accept(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token);

    @POST
    @Path("/disclosure/counter")
    Json counter(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token, Json body);

    @POST
    @Path("/fix-confirmation")
    Json confirmFix(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token);

    @PUT
    @Path("/credit")
    Json credit(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token, Json body);

    @POST
    @Path("/withdrawal")
    Json withdraw(@PathParam("trackingId") String trackingId, @HeaderParam(TOKEN) String token);
}
