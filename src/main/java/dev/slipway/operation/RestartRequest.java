package dev.slipway.operation;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which workload's pods to roll. */
@Schema(description = "Which workload's pods to replace.")
public record RestartRequest(
        @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Service or worker to restart; left out: every service and worker of the current deployment.", examples = "web") String workload) {
}
