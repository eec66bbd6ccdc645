package dev.slipway.infra.provision;

import java.util.List;

import dev.slipway.api.rest.Pages;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST adapter for an environment's provisioned resources. */
@Path("/api/v1/applications/{application}/environments/{environment}/resources")
@Authenticated
@Tag(name = "Infrastructure")
@Produces(MediaType.APPLICATION_JSON)
public class ResourceInstanceResource {
    private final ResourceInstances service;

    public ResourceInstanceResource(ResourceInstances service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "listEnvironmentResources", summary = "List an environment's resources", description = "Lists the resources provisioned for the environment's deployments, ordered by name, with their status and "
            + "non-secret outputs.")
    public Uni<EnvironmentResourcePage> list(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = Pages.PAGE_SIZE_DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "50")) @QueryParam("pageSize") String pageSize,
            @Parameter(description = Pages.PAGE_TOKEN_DESCRIPTION) @QueryParam("pageToken") String pageToken) {
        return service.list(application, environment, Pages.size(pageSize), pageToken)
                .map(page -> new EnvironmentResourcePage(page.items(), page.nextPageToken()));
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getEnvironmentResource", summary = "Get an environment's resource", description = "Returns one resource: the definition and driver that provide it, its status and its non-secret outputs.")
    public Uni<ResourceInstanceView> get(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment,
            @Parameter(description = "Resource name.") @PathParam("name") String name) {
        return service.get(application, environment, name);
    }

    @Schema(description = "One page of an environment's resources.")
    public record EnvironmentResourcePage(
            @Schema(description = "Resources on this page, ordered by name.") List<ResourceInstanceView> items,
            @Schema(description = "Token for the next page; absent on the last page.") String nextPageToken) {
    }
}
