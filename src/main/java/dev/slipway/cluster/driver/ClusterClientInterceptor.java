package dev.slipway.cluster.driver;

import dev.slipway.cluster.ClusterAddress;
import io.fabric8.kubernetes.client.http.Interceptor;

/**
 * Something that sees every HTTP call Slipway makes to a cluster (metrics, traces). Each bean of
 * this type is asked for an interceptor per cluster, and {@link ClusterConnections} installs it
 * in every client it hands out: external clusters' clients, and the clients it derives from the
 * sandbox's and the in-cluster one.
 */
public interface ClusterClientInterceptor {

    /** Unique among the interceptors: fabric8 keeps one interceptor per name. */
    String name();

    /** The interceptor for the calls to this cluster. */
    Interceptor forCluster(ClusterAddress cluster);
}
