package dev.slipway.operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which workload's pods to roll. */
@Schema(description = "Which workload's pods to replace.")
public record RestartRequest(
        @Schema(description = "Service or worker to restart; left out: every service and worker of the current deployment.", examples = "web") String workload) {
}
