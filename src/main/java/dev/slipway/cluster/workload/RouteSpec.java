package dev.slipway.cluster.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Traffic from outside the cluster to a service workload: an Ingress rule, or an HTTPRoute where the cluster uses a Gateway. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A route from outside the cluster to a port of a service workload. A host belongs to one environment "
        + "of one application across the platform.")
public record RouteSpec(
        @Schema(description = "Host name (lower case); may be a placeholder such as ${resources.dns.host}.", required = true, examples = "shop.example.com") String host,
        @Schema(description = "Path prefix, starting with '/'; default /.", examples = "/api") String path,
        @Schema(description = "The service workload that takes the traffic; default: the only service workload.", examples = "web") String workload,
        @Schema(description = "A service port of that workload.", required = true, examples = "80") Integer port) {

    public String pathOrRoot() {
        return path == null ? "/" : path;
    }
}
