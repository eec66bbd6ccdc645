package dev.slipway.deployment;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST adapter for an environment's drift report. */
@Path("/api/v1/applications/{application}/environments/{environment}/drift")
@Authenticated
@Tag(name = "Deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {
    private final DriftReports service;

    public DriftResource(DriftReports service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "getDrift", summary = "Drift", description = "Compares what Slipway last applied to the environment with "
            + "what its cluster holds now and lists the fields that differ.")
    public Uni<DriftReport> drift(
            @Parameter(description = "Application name.") @PathParam("application") String application,
            @Parameter(description = "Environment name.") @PathParam("environment") String environment) {
        return service.drift(application, environment);
    }
}
