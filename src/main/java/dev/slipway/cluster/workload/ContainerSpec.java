package dev.slipway.cluster.workload;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One container of the workload's pods.")
public record ContainerSpec(
        @Schema(description = "Container name (DNS label).", required = true, examples = "web") String name,
        @Schema(description = "Image reference: [registry/]repository[:tag][@sha256:digest].", required = true, examples = "ghcr.io/acme/checkout:1.4.2") String image,
        @Schema(description = "Entrypoint override.") List<String> command,
        @Schema(description = "Arguments.") List<String> args,
        @Schema(description = "Plain environment variables (names must be valid environment variable names).") Map<String, String> env,
        @Schema(description = "Ports the container listens on.") List<ContainerPortSpec> ports,
        @Schema(description = "CPU and memory requests and limits.") ResourcesSpec resources,
        @Schema(description = "Liveness probe: restart the container when it fails.") ProbeSpec livenessProbe,
        @Schema(description = "Readiness probe: send traffic only when it passes.") ProbeSpec readinessProbe) {
}
