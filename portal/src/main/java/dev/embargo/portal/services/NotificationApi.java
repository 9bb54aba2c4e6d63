package dev.embargo.portal.services;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.token.propagation.common.AccessToken;

/** notification-service's webhooks, deliveries, heads-up subscribers and preferences, with the user's token. */
@RegisterRestClient(configKey = "notification")
@AccessToken
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface NotificationApi {

    @GET
    @Path("/projects/{slug}/webhooks")
    List<Json> webhooks(@PathParam("slug") String slug);

    @POST
    @Path("/projects/{slug}/webhooks")
    Json createWebhook(@PathParam("slug") String slug, Json body);

    @DELETE
    @Path("/projects/{slug}/webhooks/{id}")
    void removeWebhook(@PathParam("slug") String slug, @PathParam("id") String id);

    @GET
    @Path("/projects/{slug}/deliveries")
    List<Json> deliveries(@PathParam("slug") String slug);

    @GET
    @Path("/projects/{slug}/heads-up-subscribers")
    List<Json> subscribers(@PathParam("slug") String slug);

    @POST
    @Path("/projects/{slug}/heads-up-subscribers")
    Json addSubscriber(@PathParam("slug") String slug, Json body);

    @DELETE
    @Path("/projects/{slug}/heads-up-subscribers/{id}")
    void removeSubscriber(@PathParam("slug") String slug, @PathParam("id") String id);

    @GET
    @Path("/me/preferences")
    List<Json> preferences();

    @PUT
    @Path("/me/preferences/{eventType}")
    Json setPreference(@PathParam("eventType") String eventType, Json body);
}
