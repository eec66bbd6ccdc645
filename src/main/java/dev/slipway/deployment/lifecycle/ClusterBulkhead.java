package dev.slipway.deployment.lifecycle;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Each cluster's bounded share of this replica's reconciler workers: at most
 * {@code slipway.reconciler.workers-per-cluster} (default half the workers, at least one) work on
 * one cluster at a time. A cluster that accepts connections and never answers can then hold only
 * its share for its timeouts, and deployments to every other cluster go on undelayed: a worker that
 * finds a cluster's share taken puts the job back and claims another instead of waiting.
 */
@ApplicationScoped
public class ClusterBulkhead {
    private final int share;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    @Inject
    ClusterBulkhead(ReconcilerConfig config) {
        this(config.workersPerCluster().orElse(Math.max(1, config.workers() / 2)));
    }

    ClusterBulkhead(int share) {
        if (share < 1) {
            throw new IllegalStateException("slipway.reconciler.workers-per-cluster must be at least 1, not " + share);
        }
        this.share = share;
    }

    /** A permit to work on the cluster, or null when its share is taken. Close it when the work on the cluster is done. */
    Permit tryEnter(String cluster) {
        Semaphore semaphore = permits.computeIfAbsent(cluster, name -> new Semaphore(share));
        return semaphore.tryAcquire() ? new Permit(semaphore) : null;
    }

    /** One worker's place in a cluster's share; released once, however often it is closed. */
    static final class Permit implements AutoCloseable {
        private final Semaphore semaphore;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        }
    }
}
