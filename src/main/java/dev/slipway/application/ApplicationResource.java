package dev.slipway.application;

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

/** REST adapter for applications: translates HTTP to {@link Applications} and back. */
@Path("/api/v1/applications")
@Authenticated
@Tag(name = "Applications")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {
    private final Applications service;

    public ApplicationResource(Applications service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new application.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    @Operation(operationId = "createApplication", summary = "Create an application", description = "Creates an application owned by ownerGroup. "
            + "Send an Idempotency-Key to make retries safe: the same key and body within 24 h return the first response.")
    public Uni<RestResponse<ApplicationView>> create(
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            CreateApplicationRequest request, @Context UriInfo uri) {
        return service.create(request, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().name(), created.resource().etag()));
    }

    @GET
    @Operation(operationId = "listApplications", summary = "List applications", description = "Lists applications ordered by name, one page at a time.")
    public Uni<ApplicationPage> list(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = Pages.LABEL_SELECTOR_DESCRIPTION) @QueryParam("labelSelector") String labelSelector,
            @Parameter(description = "Only applications owned by this group.") @QueryParam("ownerGroup") String ownerGroup) {
        return service.list(new ApplicationQuery(Pages.size(pageSize), pageToken, labelSelector, ownerGroup))
                .map(page -> new ApplicationPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getApplication", summary = "Get an application", description = "Returns one application with its ETag.")
    public Uni<RestResponse<ApplicationView>> get(@Parameter(description = "Application name.") @PathParam("name") String name) {
        return service.get(name).map(view -> RestResponses.ok(view, view.etag()));
    }

    @PATCH
    @Path("{name}")
    @Consumes({ ApiHeaders.MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(operationId = "updateApplication", summary = "Update an application", description = "Applies a JSON merge patch (RFC 7386). "
            + "Send If-Match with the ETag you read to avoid overwriting someone else's change (412 if it moved on).")
    @RequestBody(content = @Content(mediaType = ApiHeaders.MERGE_PATCH_JSON, schema = @Schema(implementation = ApplicationChanges.class)))
    public Uni<RestResponse<ApplicationView>> update(
            @Parameter(description = "Application name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch,
            JsonNode patch) {
        return service.update(name, patch, ifMatch).map(view -> RestResponses.ok(view, view.etag()));
    }

    @DELETE
    @Path("{name}")
    @Operation(operationId = "deleteApplication", summary = "Delete an application", description = "Deletes an application; refused (409) while it still has environments, which the error names.")
    public Uni<RestResponse<Void>> delete(
            @Parameter(description = "Application name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch) {
        return service.delete(name, ifMatch).map(ignored -> RestResponse.noContent());
    }

    @Schema(description = "One page of applications.")
    public record ApplicationPage(
            @Schema(description = "Applications on this page, ordered by name.") List<ApplicationView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
