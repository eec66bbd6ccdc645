package dev.slipway.cluster.workload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A health probe: exactly one of httpGetPath (with port), tcpPort or exec.")
public record ProbeSpec(
        @Schema(description = "HTTP GET path, e.g. /health.") String httpGetPath,
        @Schema(description = "Port for the HTTP GET, 1 to 65535.") Integer port,
        @Schema(description = "TCP port to connect to, 1 to 65535.") Integer tcpPort,
        @Schema(description = "Command run in the container; exit 0 means healthy.") List<String> exec,
        @Schema(description = "Seconds before the first probe, 0 to 3600.") Integer initialDelaySeconds,
        @Schema(description = "Seconds between probes, 1 to 3600.") Integer periodSeconds,
        @Schema(description = "Seconds before a probe times out, 1 to 3600.") Integer timeoutSeconds,
        @Schema(description = "Failures in a row before the probe counts as failed, 1 to 100.") Integer failureThreshold) {
}
