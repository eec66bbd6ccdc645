package dev.slipway.deployment;

import dev.slipway.deployment.lifecycle.DeploymentEvent;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/** REST adapter for the platform-wide deployment event stream. */
@Path("/api/v1/events")
@Authenticated
@Tag(name = "Deployments")
public class EventResource {
    private final Deployments service;
    private final DeploymentSse sse;

    public EventResource(Deployments service, DeploymentSse sse) {
        this.service = service;
        this.sse = sse;
    }

    @GET
    @WatchScopeFilter.ScopeCheckedFirst
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "A stream of deployment events (event name deployment, id = event id).", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = DeploymentEvent.class)))
    @Operation(operationId = "watchEvents", summary = "Watch deployment events", description = "Server-Sent Events of deployment status changes, "
            + "optionally of one application (and environment); send Last-Event-ID to resume after the last event received.")
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "Only this application's events.") @QueryParam("application") String application,
            @Parameter(description = "Only this environment's events (needs application).") @QueryParam("environment") String environment,
            @Parameter(description = "Only events about approvals: a deployment waiting for approval, an approval given, a "
                    + "rejection, an expiry (for bots that post them to chat).") @QueryParam("approvals") boolean approvals,
            @Parameter(description = "Resume after this event id.") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sseFactory) {
        return RestMulti.fromUniResponse(service.watch(application, environment, null, DeploymentSse.lastEventId(lastEventId), approvals),
                events -> sse.toSse(events, sseFactory));
    }
}
