package dev.slipway.infra.definition;

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

/** REST adapter for resource types. */
@Path("/api/v1/resource-types")
@Authenticated
@Tag(name = "Infrastructure")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceTypeResource {
    private final ResourceTypes service;

    public ResourceTypeResource(ResourceTypes service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new resource type.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResourceTypeView.class)))
    @Operation(operationId = "createResourceType", summary = "Register a resource type", description = "Registers a resource type with its outputs (platform admins only).")
    public Uni<RestResponse<ResourceTypeView>> create(
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            ResourceTypeSpec spec, @Context UriInfo uri) {
        return service.create(spec, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().name(), created.resource().etag()));
    }

    @GET
    @Operation(operationId = "listResourceTypes", summary = "List resource types", description = "Lists resource types (built-in and registered) by name.")
    public Uni<ResourceTypePage> list(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken) {
        return service.list(Pages.size(pageSize), pageToken).map(page -> new ResourceTypePage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getResourceType", summary = "Get a resource type", description = "Returns one resource type with its outputs and ETag.")
    public Uni<RestResponse<ResourceTypeView>> get(@Parameter(description = "Resource type name.") @PathParam("name") String name) {
        return service.get(name).map(view -> RestResponses.ok(view, view.etag()));
    }

    @PATCH
    @Path("{name}")
    @Consumes({ ApiHeaders.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateResourceType", summary = "Update a resource type", description = "Applies a JSON merge patch to a registered type (platform admins only); built-in types are read-only (409), outputs change only while no definition uses the type.")
    @RequestBody(content = @Content(mediaType = ApiHeaders.MERGE_PATCH_JSON, schema = @Schema(implementation = ResourceTypeSpec.class)))
    public Uni<RestResponse<ResourceTypeView>> update(
            @Parameter(description = "Resource type name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        return service.update(name, patch, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteResourceType", summary = "Delete a resource type", description = "Deletes a registered type no definition uses (platform admins only); built-in types are read-only (409).")
    public Uni<RestResponse<Void>> delete(
            @Parameter(description = "Resource type name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch) {
        return service.delete(name, ifMatch).map(ignored -> RestResponse.noContent());
    }

    @Schema(description = "One page of resource types.")
    public record ResourceTypePage(
            @Schema(description = "Resource types on this page, by name.") List<ResourceTypeView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
