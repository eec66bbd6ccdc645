package dev.slipway.cluster.workload;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Compute resources in Kubernetes quantity syntax (cpu: 250m, memory: 512Mi).")
public record ResourcesSpec(
        @Schema(description = "Guaranteed resources: cpu and/or memory.") Map<String, String> requests,
        @Schema(description = "Maximum resources: cpu and/or memory.") Map<String, String> limits) {
}
