package dev.slipway.cluster.workload;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One container of the workload's pods.")
public record ContainerSpec(
        @Pattern(regexp = RequestLimits.DNS_LABEL, message = RequestLimits.DNS_LABEL_MESSAGE) @Schema(maxLength = 63, description = "Container name (DNS label).", required = true, examples = "web") String name,
        @Size(max = RequestLimits.LONG_TEXT, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Image reference: [registry/]repository[:tag][@sha256:digest].", required = true, examples = "ghcr.io/acme/checkout:1.4.2") String image,
        @Size(max = RequestLimits.MAX_ITEMS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Entrypoint override.") List<@Size(max = RequestLimits.LONG_TEXT, message = RequestLimits.MAX_CHARACTERS) String> command,
        @Size(max = RequestLimits.MAX_ITEMS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Arguments.") List<@Size(max = RequestLimits.LONG_TEXT, message = RequestLimits.MAX_CHARACTERS) String> args,
        @Size(max = 256, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Plain environment variables (names must be valid environment variable names).", maxProperties = RequestLimits.LONG_TEXT) Map<String, @Size(max = 65536, message = RequestLimits.MAX_CHARACTERS) String> env,
        @Size(max = RequestLimits.MAX_ITEMS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Ports the container listens on.") List<@Valid ContainerPortSpec> ports,
        @Valid @Schema(description = "CPU and memory requests and limits.") ResourcesSpec resources,
        @Valid @Schema(description = "Liveness probe: restart the container when it fails.") ProbeSpec livenessProbe,
        @Valid @Schema(description = "Readiness probe: send traffic only when it passes.") ProbeSpec readinessProbe,
        @Valid @Schema(description = "Startup probe: liveness and readiness probes wait until it passes; default the environment type's.") ProbeSpec startupProbe,
        // A flag rather than a list of writable paths rendered as emptyDir volumes: it says exactly which
        // Kubernetes field it sets, cannot collide with volumes a later spec may declare, and is the one
        // thing a container that writes to its image's file system needs. Only an explicit false opts out.
        @Schema(description = "false lets the container write to its root file system, which the restricted security context "
                + "otherwise makes read-only; default true under restricted.") Boolean readOnlyRootFilesystem) {

    /** A container without a startup probe of its own and with the environment type's root file system. */
    public ContainerSpec(String name, String image, List<String> command, List<String> args, Map<String, String> env,
            List<ContainerPortSpec> ports, ResourcesSpec resources, ProbeSpec livenessProbe, ProbeSpec readinessProbe) {
        this(name, image, command, args, env, ports, resources, livenessProbe, readinessProbe, null, null);
    }
}
