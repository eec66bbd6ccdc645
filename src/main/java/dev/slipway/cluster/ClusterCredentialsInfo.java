package dev.slipway.cluster;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ClusterCredentialsInfo", description = "What is known about a cluster's stored credentials, never the credentials.")
public record ClusterCredentialsInfo(
        @Schema(description = "Kind of credentials held.") CredentialsType type,
        @Schema(description = "How many times credentials were set on this cluster; Slipway rebuilds its client for the cluster when it changes.") long version,
        @Schema(description = "When they were last set (UTC).") Instant rotatedAt) {
}
