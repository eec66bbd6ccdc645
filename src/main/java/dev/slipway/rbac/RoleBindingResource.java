package dev.slipway.rbac;

import java.util.List;

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

/** REST adapter for role bindings: translates HTTP to {@link RoleBindings} and back. */
@Path("/api/v1/role-bindings")
@Authenticated
@Tag(name = "Access")
@Produces(MediaType.APPLICATION_JSON)
public class RoleBindingResource {
    private final RoleBindings service;

    public RoleBindingResource(RoleBindings service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Created; Location names the new binding.", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoleBindingView.class)))
    @Operation(operationId = "createRoleBinding", summary = "Grant a role", description = "Binds a role to a subject within a scope. "
            + "Owners bind on their applications, admins anywhere; nobody grants a role above their own (403, audited).")
    public Uni<RestResponse<RoleBindingView>> create(
            @Parameter(description = ApiHeaders.IDEMPOTENCY_KEY_DESCRIPTION) @HeaderParam(ApiHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            CreateRoleBindingRequest request, @Context UriInfo uri) {
        return service.create(request, IdempotencyKey.ofNullable(idempotencyKey, ApiHeaders.IDEMPOTENCY_KEY))
                .map(created -> RestResponses.created(created, uri, created.resource().id().toString(), null));
    }

    @GET
    @Operation(operationId = "listRoleBindings", summary = "List role bindings", description = "Lists the bindings the caller may see "
            + "(on applications it can read, naming itself, or all for admins), one page at a time.")
    public Uni<RoleBindingPage> list(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = "Only bindings with exactly this scope.") @QueryParam("scope") String scope,
            @Parameter(description = "Only bindings of this subject.") @QueryParam("subject") String subject,
            @Parameter(description = "Only bindings on this application (any of its scopes).") @QueryParam("application") String application) {
        return service.list(Pages.size(pageSize), pageToken, scope, subject, application)
                .map(page -> new RoleBindingPage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getRoleBinding", summary = "Get a role binding", description = "Returns one role binding.")
    public Uni<RoleBindingView> get(@Parameter(description = "Role binding id.") @PathParam("id") String id) {
        return service.get(id);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteRoleBinding", summary = "Revoke a role", description = "Deletes a role binding; "
            + "the same rules as granting apply.")
    public Uni<RestResponse<Void>> delete(@Parameter(description = "Role binding id.") @PathParam("id") String id) {
        return service.delete(id).map(ignored -> RestResponse.noContent());
    }

    @Schema(description = "One page of role bindings.")
    public record RoleBindingPage(
            @Schema(description = "Role bindings on this page, in a stable order.") List<RoleBindingView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
