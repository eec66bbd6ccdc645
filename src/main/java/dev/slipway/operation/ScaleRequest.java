package dev.slipway.operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How many pods a workload should run. */
@Schema(description = "How many pods a service or worker should run.")
public record ScaleRequest(
        @Schema(description = "Workload to scale; may be left out when the deployment has exactly one service or worker.", examples = "web") String workload,
        @Schema(description = "Pods to run, 0 to 100.", required = true, examples = "3") Integer replicas) {
}
