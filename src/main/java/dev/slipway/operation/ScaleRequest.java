package dev.slipway.operation;

import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many pods a workload should run. */
@Schema(description = "How many pods a service or worker should run.")
public record ScaleRequest(
        @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Workload to scale; may be left out when the deployment has exactly one service or worker.", examples = "web") String workload,
        @NotNull(message = RequestLimits.REQUIRED) @Min(value = 0, message = "must be between 0 and 100") @Max(value = 100, message = "must be between 0 and 100") @Schema(description = "Pods to run, 0 to 100.", required = true, examples = "3") Integer replicas) {
}
