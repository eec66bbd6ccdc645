package dev.slipway.cluster;

import dev.slipway.api.ETags;

/** The one place a cluster entity becomes its API models. */
final class ClusterMapper {
    private ClusterMapper() {
    }

    static ClusterView toView(Cluster cluster) {
        return new ClusterView(cluster.id, cluster.name, cluster.description, cluster.kind, cluster.apiUrl, cluster.credentialsRef,
                cluster.isDefault, cluster.createdAt, cluster.createdBy, cluster.updatedAt, ETags.of(cluster.version));
    }

    static ClusterSpec toSpec(Cluster cluster) {
        return new ClusterSpec(cluster.name, cluster.description, cluster.kind, cluster.apiUrl, cluster.credentialsRef, cluster.isDefault);
    }
}
