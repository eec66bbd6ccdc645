package dev.slipway.cluster.workload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A health probe: exactly one of httpGetPath (with port), tcpPort or exec.")
public record ProbeSpec(
        @Size(max = 2048, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "HTTP GET path, e.g. /health.") String httpGetPath,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") @Schema(description = "Port for the HTTP GET, 1 to 65535.") Integer port,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") @Schema(description = "TCP port to connect to, 1 to 65535.") Integer tcpPort,
        @Size(max = RequestLimits.MAX_ITEMS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Command run in the container; exit 0 means healthy.") List<@Size(max = RequestLimits.LONG_TEXT, message = RequestLimits.MAX_CHARACTERS) String> exec,
        @Min(value = 0, message = "must be between 0 and 3600") @Max(value = 3600, message = "must be between 0 and 3600") @Schema(description = "Seconds before the first probe, 0 to 3600.") Integer initialDelaySeconds,
        @Min(value = 1, message = "must be between 1 and 3600") @Max(value = 3600, message = "must be between 1 and 3600") @Schema(description = "Seconds between probes, 1 to 3600.") Integer periodSeconds,
        @Min(value = 1, message = "must be between 1 and 3600") @Max(value = 3600, message = "must be between 1 and 3600") @Schema(description = "Seconds before a probe times out, 1 to 3600.") Integer timeoutSeconds,
        @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100") @Schema(description = "Failures in a row before the probe counts as failed, 1 to 100.") Integer failureThreshold) {
}
