package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Traffic from outside the cluster to a service workload: an Ingress rule, or an HTTPRoute where the cluster uses a Gateway. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A route from outside the cluster to a port of a service workload. A host belongs to one environment "
        + "of one application across the platform.")
public record RouteSpec(
        @Size(max = 253, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Host name (lower case); may be a placeholder such as ${resources.dns.host}.", required = true, examples = "shop.example.com") String host,
        @Schema(maxLength = 1024, description = "Path prefix, starting with '/'; default /.", examples = "/api") String path,
        @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "The service workload that takes the traffic; default: the only service workload.", examples = "web") String workload,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535") @Schema(description = "A service port of that workload.", required = true, examples = "80") Integer port) {

    public String pathOrRoot() {
        return path == null ? "/" : path;
    }
}
