package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the deployment reconciler claims and drives jobs. */
@ConfigMapping(prefix = "slipway.reconciler")
public interface ReconcilerConfig {
    /** Whether this replica runs workers (API-only replicas may turn it off). */
    @WithDefault("true")
    boolean enabled();

    /** Worker threads per replica; each drives one deployment at a time. */
    @WithDefault("4")
    int workers();

    /**
     * Workers that may work on one cluster at a time (a bulkhead, see ClusterBulkhead); default
     * half the workers, at least one.
     */
    Optional<Integer> workersPerCluster();

    /** How long a job waits before it is claimed again when its cluster's share of the workers was busy. */
    @WithDefault("1s")
    Duration busyClusterDelay();

    /** How long a claim holds without renewal; a crashed worker's job is claimable after it. */
    @WithDefault("30s")
    Duration lease();

    /** Longest an idle worker sleeps before looking again (an event from the hub usually wakes it sooner). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Attempts at a cluster call before the deployment fails. */
    @WithDefault("5")
    int maxAttempts();

    /** First retry delay; doubles up to maxBackoff (a server's Retry-After wins when longer). */
    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * On shutdown, how long a worker in the middle of an apply may take to finish it before its job
     * is given back anyway (re-applied by the next owner: server-side apply is idempotent). Below
     * the pod's terminationGracePeriodSeconds (30 s in deploy/), which also has to cover the
     * shutdown delay and the HTTP drain. Jobs waiting on a rollout or a release job are given back
     * at once, whatever this says.
     */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** Longest a rollout may take before the deployment fails with RolloutTimeout. */
    @WithDefault("10m")
    Duration rolloutDeadline();
}
