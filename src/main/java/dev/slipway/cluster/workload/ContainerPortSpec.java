package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A port a container listens on.")
public record ContainerPortSpec(
        @Size(max = 15, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Port name (IANA service name syntax, at most 15 characters).", examples = "http") String name,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") @Schema(description = "Port number, 1 to 65535.", required = true, examples = "8080") Integer containerPort,
        @Size(max = 16, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "TCP (default), UDP or SCTP.") String protocol) {
}
