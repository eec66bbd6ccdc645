package dev.slipway.cluster;

/**
 * Checks whether a cluster's API server answers. The cluster feature owns this interface and the
 * driver, which holds the clients, implements it, so the feature's use cases never name the driver.
 */
public interface ClusterProbe {

    /** Asks the cluster for its version, bounded by the health timeout. Blocking: call it off the event loop. */
    ClusterHealth check(ClusterAddress cluster);
}
