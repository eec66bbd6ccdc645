package dev.slipway.environment.freeze;

import java.util.List;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * REST adapter for freezes. Rooted at /api/v1 because the check is a custom method on the
 * collection itself (freezes:active).
 */
@Path("/api/v1")
@Authenticated
@Tag(name = "Freezes")
@Produces(MediaType.APPLICATION_JSON)
public class FreezeResource {
    private static final String COLLECTION = "freezes";

    private final Freezes service;

    public FreezeResource(Freezes service) {
        this.service = service;
    }

    @POST
    @Path(COLLECTION)
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new freeze.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FreezeView.class)))
    @Operation(operationId = "createFreeze", summary = "Create a freeze", description = "Freezes deployments into one environment, every "
            + "environment of a type (optionally of one application) or the whole platform, for a one-off or a recurring window. "
            + "Freezes naming an application need an owner of it; type-wide and platform-wide ones an admin.")
    public Uni<RestResponse<FreezeView>> create(
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            FreezeSpec spec, @Context UriInfo uri) {
        return service.create(spec, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().name(), created.resource().etag()));
    }

    @GET
    @Path(COLLECTION)
    @Operation(operationId = "listFreezes", summary = "List freezes", description = "Lists freezes by name, whether in force now or not; "
            + "every authenticated caller may.")
    public Uni<FreezePage> list(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = "Only freezes naming this application.") @QueryParam("application") String application) {
        return service.list(Pages.size(pageSize), pageToken, application).map(page -> new FreezePage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path(COLLECTION + ":active")
    @Operation(operationId = "getActiveFreezes", summary = "Would a deployment be blocked now", description = "Whether a deployment "
            + "into the application's environment would be refused now, and by which freezes (each with when it ends). Needs read "
            + "access to the application (404 otherwise).")
    public Uni<FreezeCheck> active(
            @Parameter(description = "Application name.", required = true) @QueryParam("application") String application,
            @Parameter(description = "Environment name.", required = true) @QueryParam("environment") String environment) {
        return service.check(application, environment);
    }

    @GET
    @Path(COLLECTION + "/{name}")
    @Operation(operationId = "getFreeze", summary = "Get a freeze", description = "Returns one freeze with its ETag and whether it is in force now.")
    public Uni<RestResponse<FreezeView>> get(@Parameter(description = "Freeze name.") @PathParam("name") String name) {
        return service.get(name).map(view -> RestResponses.ok(view, view.etag()));
    }

    @DELETE
    @Path(COLLECTION + "/{name}")
    @Operation(operationId = "deleteFreeze", summary = "Delete a freeze", description = "Lifts a freeze; needs the same permission as creating it.")
    public Uni<RestResponse<Void>> delete(
            @Parameter(description = "Freeze name.") @PathParam("name") String name,
            @Parameter(description = ApiHeaders.IF_MATCH_DESCRIPTION) @HeaderParam("If-Match") String ifMatch) {
        return service.delete(name, ifMatch).map(ignored -> RestResponse.noContent());
    }

    /**
     * Clients that percent-encode the ':' of a custom method (freezes%3Aactive) miss the route
     * above, which matches the raw path; this catches them and dispatches the same way.
     */
    @GET
    @Path(COLLECTION + "{method}")
    @Operation(hidden = true)
    public Uni<FreezeCheck> encoded(@PathParam("method") String method, @QueryParam("application") String application,
            @QueryParam("environment") String environment) {
        if (!method.equals(":active")) {
            throw new SlipwayException.NotFound("no resource at /api/v1/" + COLLECTION + method);
        }
        return active(application, environment);
    }

    @Schema(description = "One page of freezes.")
    public record FreezePage(
            @Schema(description = "Freezes on this page, by name.") List<FreezeView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
