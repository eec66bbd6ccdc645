package dev.slipway.environment;

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

/** REST adapter for the environments of an application. */
@Path("/api/v1/applications/{application}/environments")
@Authenticated
@Tag(name = "Environments")
@Produces(MediaType.APPLICATION_JSON)
public class EnvironmentResource {
    private final Environments service;

    public EnvironmentResource(Environments service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new environment.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnvironmentView.class)))
    @Operation(operationId = "createEnvironment", summary = "Create an environment", description = "Creates an environment of the application on a cluster and namespace.")
    public Uni<RestResponse<EnvironmentView>> create(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            CreateEnvironmentRequest request, @Context UriInfo uri) {
        return service.create(application, request, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().name(), created.resource().etag()));
    }

    @GET
    @Operation(operationId = "listEnvironments", summary = "List environments", description = "Lists the application's environments ordered by name.")
    public Uni<EnvironmentPage> list(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = Pages.LABEL_SELECTOR_DESCRIPTION) @QueryParam("labelSelector") String labelSelector,
            @Parameter(description = "Only environments that expire before this instant (RFC 3339), e.g. to find previews about to go.", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("expiresBefore") String expiresBefore) {
        return service.list(application, Pages.size(pageSize), pageToken, labelSelector, expiresBefore)
                .map(page -> new EnvironmentPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{environment}")
    @Operation(operationId = "getEnvironment", summary = "Get an environment", description = "Returns one environment with its ETag.")
    public Uni<RestResponse<EnvironmentView>> get(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment) {
        return service.get(application, environment).map(view -> RestResponses.ok(view, view.etag()));
    }

    @PATCH
    @Path("{environment}")
    @Consumes({ ApiHeaders.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateEnvironment", summary = "Update an environment", description = "Applies a JSON merge patch (RFC 7386): type and labels may change.")
    @RequestBody(content = @Content(mediaType = ApiHeaders.MERGE_PATCH_JSON, schema = @Schema(implementation = EnvironmentChanges.class)))
    public Uni<RestResponse<EnvironmentView>> update(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        return service.update(application, environment, patch, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @POST
    @Path("{environment}:extend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "extendEnvironment", summary = "Extend an environment's lifetime", description = "Sets the environment to "
            + "expire ttl from now (at most its type's maxTtl); takes the right to update the environment. 409 while it is being deleted.")
    public Uni<RestResponse<EnvironmentView>> extend(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            ExtendEnvironmentRequest request) {
        return service.extend(application, environment, request == null ? null : request.ttl())
                .map(view -> RestResponses.ok(view, view.etag()));
    }

    /**
     * Clients that percent-encode the ':' of a custom method (name%3Aextend) miss the route above,
     * which matches the raw path; this catches them and answers the same way.
     */
    @POST
    @Path("{nameAndMethod: [^/]+%3[Aa]extend}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<RestResponse<EnvironmentView>> encodedExtend(
            @PathParam("application") String application,
            @PathParam("nameAndMethod") String nameAndMethod,
            ExtendEnvironmentRequest request) {
        return extend(application, nameAndMethod.replaceFirst("(?i)(:|%3a)extend$", ""), request);
    }

    @DELETE
    @Path("{environment}")
    @Operation(operationId = "deleteEnvironment", summary = "Delete an environment", description = "Deletes an environment of the "
            + "application. One that never had anything in its cluster is gone at once (204). Any other is torn down in the background: "
            + "202 with the environment, now DELETING, while its workload is removed and its resources are deprovisioned; the "
            + "environment disappears when that is done.")
    @APIResponse(responseCode = "202", description = "Tear-down started; the environment is DELETING.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Uni<RestResponse<EnvironmentView>> delete(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch) {
        return service.delete(application, environment, ifMatch)
                .map(deleting -> deleting == null ? RestResponse.noContent() : RestResponse.status(RestResponse.Status.ACCEPTED, deleting));
    }

    @Schema(description = "One page of environments.")
    public record EnvironmentPage(
            @Schema(description = "Environments on this page, ordered by name.") List<EnvironmentView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
