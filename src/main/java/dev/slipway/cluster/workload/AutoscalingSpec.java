package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A HorizontalPodAutoscaler for a workload. Its replicas then belong to the autoscaler: Slipway
 * stops sending them, so that a later deployment does not reset what the autoscaler chose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Scale between minReplicas and maxReplicas on CPU utilisation (a HorizontalPodAutoscaler).")
public record AutoscalingSpec(
        @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100") @Schema(description = "Fewest pods, 1 to 100; default 1.", examples = "2") Integer minReplicas,
        @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100") @Schema(description = "Most pods, 1 to 100, at least minReplicas.", required = true, examples = "10") Integer maxReplicas,
        @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100") @Schema(description = "Average CPU utilisation (percent of requests) to aim for, 1 to 100; default 80.", examples = "70") Integer targetCPUUtilizationPercentage) {

    public static final int DEFAULT_TARGET_CPU = 80;

    public int minOrDefault() {
        return minReplicas == null ? 1 : minReplicas;
    }

    public int targetCpuOrDefault() {
        return targetCPUUtilizationPercentage == null ? DEFAULT_TARGET_CPU : targetCPUUtilizationPercentage;
    }
}
