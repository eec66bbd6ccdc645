package dev.slipway.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Slipway checks, reaches and gives up on registered clusters. */
@ConfigMapping(prefix = "slipway.clusters")
public interface ClustersConfig {

    /**
     * Whether an EXTERNAL cluster may be registered at a plain http URL on a loopback address
     * (127.0.0.0/8, ::1, localhost). Off in production, where only https is accepted; on in dev mode
     * and tests, whose extra clusters are in-process API servers.
     */
    @WithDefault("false")
    boolean allowHttpLoopback();

    /** Longest one request to an external cluster may take (a cluster that accepts and never answers costs this). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Longest opening a connection to an external cluster may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest a health check waits for the cluster's answer. */
    @WithDefault("5s")
    Duration healthTimeout();

    /** A health check younger than this is answered from memory, so readers cannot make Slipway hammer a cluster. */
    @WithDefault("5s")
    Duration healthCacheTtl();

    /**
     * How long a cluster stays marked down after it could not be reached (a deployment's bounded
     * retries failed on connection errors or timeouts, or a health check found it unreachable):
     * meanwhile its deployments fail at once with ClusterUnavailable. A health check that reaches
     * it, or new credentials or a new URL, ends it sooner.
     */
    @WithDefault("60s")
    Duration downCoolOff();

    /**
     * How long a client replaced by new credentials or a new URL stays open for the rollouts still
     * watched through it.
     */
    @WithDefault("15m")
    Duration retiredClientGrace();

    /** Registering the cluster Slipway runs in (see {@link InClusterRegistrar}). */
    InCluster inCluster();

    /** Whether and how Slipway recognises that it runs in a Kubernetes pod. */
    interface InCluster {
        /**
         * Whether a replica that runs in a pod registers that cluster (kind IN_CLUSTER, reached with the
         * pod's service account) as the default when no cluster is registered at all.
         */
        @WithDefault("true")
        boolean register();

        /**
         * The Kubernetes API service host the kubelet gives every pod (KUBERNETES_SERVICE_HOST, mapped in
         * application.properties); absent outside a pod.
         */
        Optional<String> serviceHost();

        /** The projected service account token every pod gets, unless automounting is switched off. */
        @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
        Path tokenFile();
    }
}
