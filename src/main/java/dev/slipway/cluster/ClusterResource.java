package dev.slipway.cluster;

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

/** REST adapter for clusters. */
@Path("/api/v1/clusters")
@Authenticated
@Tag(name = "Clusters")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {
    private final Clusters service;

    public ClusterResource(Clusters service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new cluster.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClusterView.class)))
    @Operation(operationId = "createCluster", summary = "Register a cluster", description = "Registers a Kubernetes cluster (platform admins only), with a reference to its credentials or the credentials "
            + "themselves (stored encrypted, never returned).")
    public Uni<RestResponse<ClusterView>> create(
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            ClusterSpec spec, @Context UriInfo uri) {
        return service.create(spec, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().name(), created.resource().etag()));
    }

    @GET
    @Operation(operationId = "listClusters", summary = "List clusters", description = "Lists registered clusters ordered by name.")
    public Uni<ClusterPage> list(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken) {
        return service.list(Pages.size(pageSize), pageToken).map(page -> new ClusterPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getCluster", summary = "Get a cluster", description = "Returns one cluster with its ETag; credentials appear only as a reference or as their kind, version and rotation time.")
    public Uni<RestResponse<ClusterView>> get(@Parameter(description = "Cluster name.") @PathParam("name") String name) {
        return service.get(name).map(view -> RestResponses.ok(view, view.etag()));
    }

    @GET
    @Path("{name}:health")
    @Operation(operationId = "checkClusterHealth", summary = "Check a cluster's health", description = "Asks the cluster's API server for its "
            + "version within a short timeout and reports whether it answered, the version and the round-trip time. A check a few "
            + "seconds old is reused. A cluster found unreachable is marked down: its deployments fail at once with ClusterUnavailable "
            + "until a check reaches it again or a cool-off passes.")
    public Uni<ClusterHealth> health(@Parameter(description = "Cluster name.") @PathParam("name") String name) {
        return service.health(name);
    }

    /**
     * Clients that percent-encode the ':' of a custom method (name%3Ahealth) miss the route above,
     * which matches the raw path; this catches them and answers the same way.
     */
    @GET
    @Path("{nameAndMethod: [^/]+%3[Aa]health}")
    @Operation(hidden = true)
    public Uni<ClusterHealth> encodedHealth(@PathParam("nameAndMethod") String nameAndMethod) {
        return health(nameAndMethod.replaceFirst("(?i)(:|%3a)health$", ""));
    }

    @PATCH
    @Path("{name}")
    @Consumes({ ApiHeaders.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateCluster", summary = "Update a cluster", description = "Applies a JSON merge patch (platform admins only); name and kind are immutable. Sending credentials rotates them "
            + "(the cluster's client is rebuilt); credentials: null removes them.")
    @RequestBody(content = @Content(mediaType = ApiHeaders.MERGE_PATCH_JSON, schema = @Schema(implementation = ClusterSpec.class)))
    public Uni<RestResponse<ClusterView>> update(
            @Parameter(description = "Cluster name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        return service.update(name, patch, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteCluster", summary = "Remove a cluster", description = "Removes a cluster no environment or environment type uses (platform admins only).")
    public Uni<RestResponse<Void>> delete(
            @Parameter(description = "Cluster name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch) {
        return service.delete(name, ifMatch).map(ignored -> RestResponse.noContent());
    }

    @Schema(description = "One page of clusters.")
    public record ClusterPage(
            @Schema(description = "Clusters on this page, ordered by name.") List<ClusterView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
