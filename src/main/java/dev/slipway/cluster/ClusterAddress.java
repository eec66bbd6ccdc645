package dev.slipway.cluster;

import java.util.UUID;

/**
 * Where and how to reach a cluster, as the driver needs it: everything that changes the
 * connection is in here, so a client built for one address is rebuilt when any of it changes
 * (a new URL, a new reference, new credentials).
 *
 * @param credentialsVersion how often sealed credentials were set on the cluster (0: none ever)
 */
public record ClusterAddress(UUID id, String name, ClusterKind kind, String apiUrl, String credentialsRef, long credentialsVersion) {

    public static ClusterAddress of(Cluster cluster) {
        return new ClusterAddress(cluster.id, cluster.name, cluster.kind, cluster.apiUrl, cluster.credentialsRef,
                cluster.credentialsVersion);
    }

    /** Equal for two addresses that need the same client. */
    public String connectionKey() {
        return id + "|" + kind + "|" + apiUrl + "|" + credentialsRef + "|" + credentialsVersion;
    }
}
