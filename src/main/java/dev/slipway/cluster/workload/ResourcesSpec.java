package dev.slipway.cluster.workload;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Compute resources in Kubernetes quantity syntax (cpu: 250m, memory: 512Mi).")
public record ResourcesSpec(
        @Schema(description = "Guaranteed resources: cpu and/or memory.") Map<String, @Size(max = 32, message = RequestLimits.MAX_CHARACTERS) String> requests,
        @Schema(description = "Maximum resources: cpu and/or memory.") Map<String, @Size(max = 32, message = RequestLimits.MAX_CHARACTERS) String> limits) {
}
