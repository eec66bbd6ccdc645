package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A port a container listens on.")
public record ContainerPortSpec(
        @Schema(maxLength = 15, description = "Port name (IANA service name syntax, at most 15 characters).", examples = "http") String name,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") @Schema(description = "Port number, 1 to 65535.", required = true, examples = "8080") Integer containerPort,
        @Schema(maxLength = 16, description = "TCP (default), UDP or SCTP.") String protocol) {
}
