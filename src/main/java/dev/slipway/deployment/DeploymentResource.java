package dev.slipway.deployment;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.slipway.api.Created;
import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.rest.ApiHeaders;
import dev.slipway.api.rest.Pages;
import dev.slipway.api.rest.RestResponses;
import dev.slipway.deployment.lifecycle.DeploymentEvent;
import dev.slipway.deployment.lifecycle.DeploymentStatus;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

/** REST adapter for the deployments of an environment. */
@Path("/api/v1/applications/{application}/environments/{environment}/deployments")
@Authenticated
@Tag(name = "Deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {
    /** A Score workload as the body of a create. */
    public static final String SCORE_YAML = "application/vnd.score+yaml";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    private final Deployments service;
    private final DeploymentSse sse;
    private final DeploymentApprovals approvals;

    public DeploymentResource(Deployments service, DeploymentSse sse, DeploymentApprovals approvals) {
        this.service = service;
        this.sse = sse;
        this.approvals = approvals;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreateDeploymentRequest.class)),
            @Content(mediaType = SCORE_YAML, schema = @Schema(type = SchemaType.STRING, description = "A Score workload "
                    + "(apiVersion: score.dev/v1b1), exactly one YAML document; problems are reported by their path in it, "
                    + "e.g. containers.web.image.")) })
    @APIResponse(responseCode = "202", description = "Accepted (status PENDING, or AWAITING_APPROVAL where the environment's type "
            + "requires approvals); Location names the deployment to watch.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid: errors[] names every problem, by its path in the request or in the Score document.")
    @Operation(operationId = "createDeployment", summary = "Deploy", description = "Accepts a deployment (202, status PENDING, or "
            + "AWAITING_APPROVAL where the environment's type requires approvals) of a spec "
            + "or a Score workload (sent as the body with Content-Type " + SCORE_YAML + ", or as the score field), "
            + "or promotes the exact spec of a succeeded deployment from another environment (promoteFrom) whose type comes "
            + "earlier in the promotion order (409 otherwise, unless an admin sets promoteFrom.force). "
            + "Watch it with GET ...?waitFor=terminal, the events stream, or polling. 409 while a freeze is in force on the "
            + "environment, naming each freeze and when it ends, unless an owner or an admin passes breakGlass.")
    public Uni<RestResponse<DeploymentView>> create(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            CreateDeploymentRequest request, @Context UriInfo uri) {
        return service.create(application, environment, request, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> accepted(created, uri));
    }

    /** The same operation with the Score document as the body; documented above, with both media types. */
    @POST
    @Consumes(SCORE_YAML)
    @Operation(hidden = true)
    public Uni<RestResponse<DeploymentView>> createFromScore(
            @PathParam("application") String application,
            @PathParam("environment") String environment,
            @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            String document, @Context UriInfo uri) {
        return create(application, environment, idempotencyKey, CreateDeploymentRequest.ofScore(document), uri);
    }

    @GET
    @Operation(operationId = "listDeployments", summary = "Deployment history", description = "Lists deployments newest first, optionally only those in one status.")
    public Uni<DeploymentPage> list(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = "Only deployments in this status.", schema = @Schema(implementation = DeploymentStatus.class)) @QueryParam("status") String status) {
        return service.list(application, environment, Pages.size(pageSize), pageToken, status)
                .map(page -> new DeploymentPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getDeployment", summary = "Get a deployment", description = "Returns a deployment. With waitFor=terminal it answers "
            + "when the deployment reaches a terminal status or the timeout passes (long-poll, for CI jobs).")
    public Uni<RestResponse<DeploymentView>> get(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Deployment id.") @PathParam("id") String id,
            @Parameter(description = "'terminal' to wait until the deployment is SUCCEEDED, FAILED, SUPERSEDED or CANCELLED.", schema = @Schema(enumeration = "terminal")) @QueryParam("waitFor") String waitFor,
            @Parameter(description = "Longest wait with waitFor, e.g. 60s (default), 5m at most; plain numbers are seconds.", schema = @Schema(pattern = WaitTimeout.PATTERN)) @QueryParam("timeout") String timeout) {
        Uni<DeploymentView> view;
        if (waitFor == null || waitFor.isEmpty()) {
            view = service.get(application, environment, id);
        } else if (waitFor.equals("terminal")) {
            view = service.awaitTerminal(application, environment, id, WaitTimeout.parse(timeout, DEFAULT_WAIT));
        } else {
            throw SlipwayException.Invalid.field("waitFor", "must be 'terminal'");
        }
        return view.map(deployment -> RestResponses.ok(deployment, deployment.etag()));
    }

    @POST
    @Path("{id}:cancel")
    @Operation(operationId = "cancelDeployment", summary = "Cancel a deployment", description = "Cancels a PENDING deployment or one awaiting approval; 409 once a worker has started it.")
    public Uni<RestResponse<DeploymentView>> cancel(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Deployment id.") @PathParam("id") String id) {
        return service.cancel(application, environment, id).map(view -> RestResponses.ok(view, view.etag()));
    }

    @POST
    @Path("{id}:rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Accepted: the new deployment (status PENDING); Location names it.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeploymentView.class)))
    @Operation(operationId = "rollbackDeployment", summary = "Roll back", description = "Starts a new deployment (202) with the exact spec of this one. 409 while a freeze is in force on the environment, naming each freeze and when it ends, unless an owner or an admin passes breakGlass.")
    public Uni<RestResponse<DeploymentView>> rollback(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "The deployment whose spec to restore.") @PathParam("id") String id,
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            @RequestBody(required = false, description = "Optional; an empty body is the same as {}.") RollbackRequest request,
            @Context UriInfo uri) {
        return service.rollback(application, environment, id, request == null ? null : request.reason(),
                request == null ? null : request.breakGlass(), IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> accepted(created, uri));
    }

    @POST
    @Path("{id}:approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Approved: the deployment, PENDING when this was the last approval it needed.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "403", description = "The caller lacks the deployer role, requested the deployment (four eyes), or is a service account no role binding names.")
    @APIResponse(responseCode = "409", description = "The deployment does not await approval, or the caller has already decided on it.")
    @Operation(operationId = "approveDeployment", summary = "Approve a deployment", description = "Approves a deployment AWAITING_APPROVAL. "
            + "It runs once as many deployers other than the requester as its environment type requires have approved.")
    public Uni<RestResponse<DeploymentView>> approve(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Deployment id.") @PathParam("id") String id,
            @RequestBody(required = false, description = "Optional; an empty body is the same as {}.") ApprovalRequest request) {
        return approvals.approve(application, environment, id, request == null ? null : request.comment())
                .map(view -> RestResponses.ok(view, view.etag()));
    }

    @POST
    @Path("{id}:reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Rejected: the deployment, now CANCELLED (ApprovalRejected).", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeploymentView.class)))
    @APIResponse(responseCode = "409", description = "The deployment does not await approval, or the caller has already decided on it.")
    @Operation(operationId = "rejectDeployment", summary = "Reject a deployment", description = "Rejects a deployment AWAITING_APPROVAL: "
            + "it is CANCELLED with reason ApprovalRejected. Needs the deployer role.")
    public Uni<RestResponse<DeploymentView>> reject(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Deployment id.") @PathParam("id") String id,
            @RequestBody(required = false, description = "Optional; an empty body is the same as {}.") ApprovalRequest request) {
        return approvals.reject(application, environment, id, request == null ? null : request.comment())
                .map(view -> RestResponses.ok(view, view.etag()));
    }

    @GET
    @WatchScopeFilter.ScopeCheckedFirst
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "A stream of deployment events (event name deployment, id = event id).", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = DeploymentEvent.class)))
    @Operation(operationId = "watchDeployment", summary = "Watch a deployment", description = "Server-Sent Events of this deployment's status changes; "
            + "send Last-Event-ID to resume after the last event received.")
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Deployment id.") @PathParam("id") String id,
            @Parameter(description = "Resume after this event id.") @HeaderParam("Last-Event-ID") String lastEventId,
            @Context Sse sseFactory) {
        return RestMulti.fromUniResponse(service.watch(application, environment, id, DeploymentSse.lastEventId(lastEventId)),
                events -> sse.toSse(events, sseFactory));
    }

    /**
     * Clients that percent-encode the ':' of a custom method ({id}%3Arollback) miss the routes
     * above, which match the raw path; this catches them, decodes, and dispatches the same way.
     */
    @POST
    @Path("{idAndMethod}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Uni<RestResponse<DeploymentView>> customMethod(
            @PathParam("application") String application,
            @PathParam("environment") String environment,
            @PathParam("idAndMethod") String idAndMethod,
            @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            CustomMethodBody request, @Context UriInfo uri) {
        int colon = idAndMethod.lastIndexOf(':');
        String id = colon < 0 ? idAndMethod : idAndMethod.substring(0, colon);
        String method = colon < 0 ? "" : idAndMethod.substring(colon + 1);
        return switch (method) {
            case "cancel" -> cancel(application, environment, id);
            case "rollback" -> rollback(application, environment, id, idempotencyKey,
                    request == null ? null : new RollbackRequest(request.reason(), request.breakGlass()), uri);
            case "approve" -> approve(application, environment, id, request == null ? null : new ApprovalRequest(request.comment()));
            case "reject" -> reject(application, environment, id, request == null ? null : new ApprovalRequest(request.comment()));
            default -> throw new SlipwayException.NotFound("no method '" + method
                    + "' on deployments; use :cancel, :rollback, :approve or :reject");
        };
    }

    /** The body of any custom method, for clients that percent-encode the ':' (each method reads its own field). */
    public record CustomMethodBody(String reason, String comment, BreakGlass breakGlass) {
    }

    private static RestResponse<DeploymentView> accepted(Created<DeploymentView> created, UriInfo uri) {
        DeploymentView view = created.resource();
        URI location = uri.getBaseUriBuilder()
                .path("api/v1/applications/{application}/environments/{environment}/deployments/{id}")
                .build(view.application(), view.environment(), view.id());
        return RestResponses.accepted(created, location, view.etag());
    }

    @Schema(description = "One page of deployment history.")
    public record DeploymentPage(
            @Schema(description = "Deployments on this page, newest first.") List<DeploymentView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
