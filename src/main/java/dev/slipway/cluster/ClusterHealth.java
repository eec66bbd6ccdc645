package dev.slipway.cluster;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of asking a cluster's API server for its version. */
@Schema(name = "ClusterHealth", description = "Whether Slipway reaches a cluster's API server, as of checkedAt.")
public record ClusterHealth(
        @Schema(description = "Cluster name.") String cluster,
        @Schema(description = "Whether the API server answered the version request successfully within the health timeout.") boolean reachable,
        @Schema(description = "The API server's Kubernetes version, when it answered.", examples = "v1.32.0") String serverVersion,
        @Schema(description = "HTTP status of the API server's answer when it was an error (401 for refused credentials, ...).") Integer statusCode,
        @Schema(description = "What went wrong, in Slipway's words (the cluster's own answer is never quoted); absent when reachable.") String problem,
        @Schema(description = "Round-trip time of the check in milliseconds.") long roundTripMillis,
        @Schema(description = "When the check ran (UTC); checks are reused for a few seconds.") Instant checkedAt) {
}
