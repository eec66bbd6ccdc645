package dev.slipway.cluster;

import java.time.Duration;

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
}
