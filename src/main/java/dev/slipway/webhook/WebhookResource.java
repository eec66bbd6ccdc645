package dev.slipway.webhook;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.rest.ApiHeaders;
import dev.slipway.api.rest.Pages;
import dev.slipway.api.rest.RestResponses;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** REST adapter for webhook subscriptions and their delivery logs: translates HTTP to {@link Webhooks} and back. */
@Path("/api/v1/webhooks")
@Authenticated
@Tag(name = "Webhooks", description = "Subscriptions that POST an application's (or the platform's) events to a URL as CloudEvents 1.0 "
        + "(structured JSON, application/cloudevents+json), signed as Standard Webhooks describes (webhook-id, webhook-timestamp, "
        + "webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>). Deliveries are retried with exponential backoff for "
        + "24 hours; each subscription keeps a delivery log.")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    private static final String ID = "Webhook subscription id.";

    private final Webhooks service;

    public WebhookResource(Webhooks service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new subscription. A generated secret is in the body, "
            + "this once.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @Operation(operationId = "createWebhook", summary = "Create a webhook subscription", description = "Subscribes a URL to event types of "
            + "one application (owners of it) or of the whole platform (admins). The URL must be https and must not resolve to an "
            + "internal address (400 on url). Without a secret one is generated and returned once.")
    public Uni<RestResponse<WebhookView>> create(
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            WebhookSpec spec, @Context UriInfo uri) {
        return service.create(spec, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().id().toString(), created.resource().etag()));
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List webhook subscriptions", description = "The subscriptions the caller may read, "
            + "by id: owners see their applications', admins every one.")
    public Uni<WebhookPage> list(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = "Only the subscriptions of this application.") @QueryParam("application") String application) {
        return service.list(Pages.size(pageSize), pageToken, application).map(page -> new WebhookPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook subscription", description = "Returns one subscription with its ETag; "
            + "the secret shows only as a fingerprint.")
    public Uni<RestResponse<WebhookView>> get(@Parameter(description = ID) @PathParam("id") String id) {
        return service.get(Webhooks.parseId(id)).map(view -> RestResponses.ok(view, view.etag()));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ ApiHeaders.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateWebhook", summary = "Update a webhook subscription", description = "Applies a JSON merge patch (RFC "
            + "7386): URL (checked again), event types, description, enabled, or a new secret. Send If-Match with the ETag you read "
            + "(412 if it moved on).")
    @RequestBody(content = @Content(mediaType = ApiHeaders.MERGE_PATCH_JSON, schema = @Schema(implementation = WebhookChanges.class)))
    public Uni<RestResponse<WebhookView>> update(
            @Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        return service.update(Webhooks.parseId(id), patch, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook subscription", description = "Deletes it with its delivery log; "
            + "events not yet delivered are dropped.")
    public Uni<RestResponse<Void>> delete(
            @Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch) {
        return service.delete(Webhooks.parseId(id), ifMatch).map(ignored -> RestResponse.noContent());
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "List a subscription's deliveries", description = "The delivery log, "
            + "newest first: each event with its attempts, the last status code, latency and error, and when it is tried next.")
    public Uni<DeliveryPage> deliveries(
            @Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = "Only deliveries in this state.", schema = @Schema(enumeration = { "pending", "delivered",
                    "failed" })) @QueryParam("state") String state) {
        return service.deliveries(Webhooks.parseId(id), Pages.size(pageSize), pageToken, state)
                .map(page -> new DeliveryPage(page.items(), page.nextPageToken()));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}:redeliver")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivery again", description = "Queues the event again now, "
            + "whatever its state, with the same webhook-id and a fresh 24 hours of retries.")
    public Uni<DeliveryView> redeliver(
            @Parameter(description = ID) @PathParam("id") String id,
            @Parameter(description = "Delivery id.") @PathParam("deliveryId") String deliveryId) {
        return service.redeliver(Webhooks.parseId(id), Webhooks.parseDeliveryId(deliveryId));
    }

    @POST
    @Path("{id}:ping")
    @Operation(operationId = "pingWebhook", summary = "Send a test event", description = "Queues a dev.slipway.webhook.ping event for the "
            + "subscription, whatever event types it asked for; watch its delivery in the log.")
    public Uni<DeliveryView> ping(@Parameter(description = ID) @PathParam("id") String id) {
        return service.ping(Webhooks.parseId(id));
    }

    /** Clients that percent-encode the ':' of a custom method miss the routes above; these answer the same way. */
    @POST
    @Path("{idAndMethod: [^/]+%3[Aa]ping}")
    @Operation(hidden = true)
    public Uni<DeliveryView> encodedPing(@PathParam("idAndMethod") String idAndMethod) {
        return ping(idAndMethod.replaceFirst("(?i)(:|%3a)ping$", ""));
    }

    @POST
    @Path("{id}/deliveries/{deliveryAndMethod: [^/]+%3[Aa]redeliver}")
    @Operation(hidden = true)
    public Uni<DeliveryView> encodedRedeliver(@PathParam("id") String id, @PathParam("deliveryAndMethod") String deliveryAndMethod) {
        return redeliver(id, deliveryAndMethod.replaceFirst("(?i)(:|%3a)redeliver$", ""));
    }

    @Schema(description = "One page of webhook subscriptions.")
    public record WebhookPage(
            @Schema(description = "Subscriptions on this page, by id.") List<WebhookView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }

    @Schema(description = "One page of a subscription's delivery log.")
    public record DeliveryPage(
            @Schema(description = "Deliveries on this page, newest first.") List<DeliveryView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
