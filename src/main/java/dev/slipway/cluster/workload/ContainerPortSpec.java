package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A port a container listens on.")
public record ContainerPortSpec(
        @Schema(description = "Port name (IANA service name syntax, at most 15 characters).", examples = "http") String name,
        @Schema(description = "Port number, 1 to 65535.", required = true, examples = "8080") Integer containerPort,
        @Schema(description = "TCP (default), UDP or SCTP.") String protocol) {
}
