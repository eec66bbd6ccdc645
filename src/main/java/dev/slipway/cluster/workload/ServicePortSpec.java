package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A port of the environment's Service.")
public record ServicePortSpec(
        @Schema(maxLength = 15, description = "Port name.", examples = "http") String name,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") @Schema(description = "Service port, 1 to 65535.", required = true, examples = "80") Integer port,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") @Schema(description = "Container port number it forwards to, 1 to 65535; default: port.", examples = "8080") Integer targetPort,
        @Schema(maxLength = 16, description = "TCP (default), UDP or SCTP.") String protocol) {
}
