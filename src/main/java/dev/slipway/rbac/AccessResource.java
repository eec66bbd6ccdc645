package dev.slipway.rbac;

import java.util.List;

import dev.slipway.api.rest.Pages;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST adapter for the access check and the audit log. */
@Path("/api/v1")
@Authenticated
@Tag(name = "Access")
@Produces(MediaType.APPLICATION_JSON)
public class AccessResource {
    private final AccessChecks access;
    private final AuditTrail audit;

    public AccessResource(AccessChecks access, AuditTrail audit) {
        this.access = access;
        this.audit = audit;
    }

    @POST
    @Path("access/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "checkAccess", summary = "Check access", description = "Answers whether the caller (or, for admins, "
            + "a named subject) may perform an action on an application, environment or the platform, and which grant decides it.")
    public Uni<AccessCheckResult> check(AccessCheckRequest request) {
        return access.check(request);
    }

    @GET
    @Path("audit-events")
    @Operation(operationId = "listAuditEvents", summary = "List audit events", description = "Every write and every denied attempt, "
            + "newest first. Admins read everything; owners read their application's events (name it in application).")
    public Uni<AuditEventPage> listAuditEvents(
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken,
            @Parameter(description = "Only events about this application (required unless the caller is an admin).") @QueryParam("application") String application,
            @Parameter(description = "Only events of this actor (username or client id).") @QueryParam("actor") String actor,
            @Parameter(description = "Only events of this action, e.g. deployment.create or authentication.") @QueryParam("action") String action,
            @Parameter(description = "Only events about this resource name, e.g. shop/prod.") @QueryParam("resource") String resource,
            @Parameter(description = "ALLOWED or DENIED.", schema = @Schema(enumeration = { "ALLOWED",
                    "DENIED" })) @QueryParam("outcome") String outcome,
            @Parameter(description = "Only events at or after this instant (RFC 3339).") @QueryParam("since") String since,
            @Parameter(description = "Only events before this instant (RFC 3339).") @QueryParam("until") String until) {
        return audit.list(new AuditQuery(Pages.size(pageSize), pageToken, application, actor, action, resource, outcome, since, until))
                .map(page -> new AuditEventPage(page.items(), page.nextPageToken()));
    }

    @Schema(description = "One page of audit events.")
    public record AuditEventPage(
            @Schema(description = "Audit events on this page, newest first.") List<AuditEventView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
