package dev.slipway.cluster;

import dev.slipway.api.ETags;

/** The one place a cluster entity becomes its API models. */
final class ClusterMapper {
    private ClusterMapper() {
    }

    static ClusterView toView(Cluster cluster) {
        ClusterCredentialsInfo credentials = cluster.credentialsType == null
                ? null
                : new ClusterCredentialsInfo(cluster.credentialsType, cluster.credentialsVersion, cluster.credentialsRotatedAt);
        return new ClusterView(cluster.id, cluster.name, cluster.description, cluster.kind, cluster.apiUrl, cluster.credentialsRef,
                credentials, cluster.isDefault, cluster.routing, cluster.createdAt, cluster.createdBy, cluster.updatedAt,
                ETags.of(cluster.version));
    }

    /** The patchable document; credentials are write-only, so the current ones are never part of it. */
    static ClusterSpec toSpec(Cluster cluster) {
        return new ClusterSpec(cluster.name, cluster.description, cluster.kind, cluster.apiUrl, cluster.credentialsRef, null,
                cluster.isDefault, cluster.routing);
    }
}
