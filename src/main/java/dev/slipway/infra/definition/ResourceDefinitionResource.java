package dev.slipway.infra.definition;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.IdempotencyKey;
import dev.slipway.api.SlipwayException;
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

/**
 * REST adapter for resource definitions. Rooted at /api/v1 because the dry run is a custom method
 * on the collection itself (resource-definitions:match).
 */
@Path("/api/v1")
@Authenticated
@Tag(name = "Infrastructure")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceDefinitionResource {
    private static final String COLLECTION = "resource-definitions";

    private final ResourceDefinitions service;

    public ResourceDefinitionResource(ResourceDefinitions service) {
        this.service = service;
    }

    @POST
    @Path(COLLECTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new resource definition.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResourceDefinitionView.class)))
    @Operation(operationId = "createResourceDefinition", summary = "Create a resource definition", description = "Creates a resource definition (platform admins only). 409 when another definition of the type has an identical criterion (they would tie).")
    public Uni<RestResponse<ResourceDefinitionView>> create(
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            ResourceDefinitionSpec spec, @Context UriInfo uri) {
        return service.create(spec, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().name(), created.resource().etag()));
    }

    @GET
    @Path(COLLECTION)
    @Operation(operationId = "listResourceDefinitions", summary = "List resource definitions", description = "Lists resource definitions by name (secret inputs by state only).")
    public Uni<ResourceDefinitionPage> list(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = "Only definitions of this resource type.") @QueryParam("type") String type) {
        return service.list(Pages.size(pageSize), pageToken, type)
                .map(page -> new ResourceDefinitionPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path(COLLECTION + "/{name}")
    @Operation(operationId = "getResourceDefinition", summary = "Get a resource definition", description = "Returns one resource definition with its ETag (secret inputs by state only).")
    public Uni<RestResponse<ResourceDefinitionView>> get(
            @Parameter(description = "Resource definition name.") @PathParam("name") String name) {
        return service.get(name).map(view -> RestResponses.ok(view, view.etag()));
    }

    @PATCH
    @Path(COLLECTION + "/{name}")
    @Consumes({ ApiHeaders.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateResourceDefinition", summary = "Update a resource definition", description = "Applies a JSON merge patch (platform admins only); name and type are immutable, secret inputs merge by name (null removes one), every change bumps the version. 409 when it would tie with another definition.")
    @RequestBody(content = @Content(mediaType = ApiHeaders.MERGE_PATCH_JSON, schema = @Schema(implementation = ResourceDefinitionSpec.class)))
    public Uni<RestResponse<ResourceDefinitionView>> update(
            @Parameter(description = "Resource definition name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        return service.update(name, patch, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @DELETE
    @Path(COLLECTION + "/{name}")
    @Operation(operationId = "deleteResourceDefinition", summary = "Delete a resource definition", description = "Deletes a resource definition and its encrypted secret inputs (platform admins only).")
    public Uni<RestResponse<Void>> delete(
            @Parameter(description = "Resource definition name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch) {
        return service.delete(name, ifMatch).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path(COLLECTION + ":match")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "matchResourceDefinition", summary = "Which definition would serve a resource", description = "Dry run: which resource definition would provide a resource of the type (and class) to the application's environment, and why, naming every candidate; nothing is provisioned. A request no definition serves is answered too (matched false). Needs read access to the application (404 otherwise).")
    public Uni<DefinitionMatch> match(MatchRequest request) {
        return service.dryRunMatch(request);
    }

    /**
     * Clients that percent-encode the ':' of a custom method (resource-definitions%3Amatch) miss the
     * route above, which matches the raw path; this catches them and dispatches the same way.
     */
    @POST
    @Path(COLLECTION + "{method}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<DefinitionMatch> encoded(@PathParam("method") String method, MatchRequest request) {
        if (!method.equals(":match")) {
            throw new SlipwayException.NotFound("no resource at /api/v1/" + COLLECTION + method);
        }
        return match(request);
    }

    @Schema(description = "One page of resource definitions.")
    public record ResourceDefinitionPage(
            @Schema(description = "Resource definitions on this page, by name.") List<ResourceDefinitionView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
