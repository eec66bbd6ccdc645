package dev.slipway.deployment.lifecycle;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.slipway.runtime.Threads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Runs the workers that drive deployments onto clusters. Each worker claims a job from
 * {@link DeploymentQueue}, hands it to {@link DeploymentRunner}, and repeats; idle workers wake
 * when the {@link DeploymentEventHub} reports a deployment accepted or ended (on any replica), or
 * after the poll interval. Leases of running jobs are renewed in the background, so only a dead
 * replica's jobs expire and are taken over.
 */
@ApplicationScoped
public class DeploymentReconciler {
    private static final Logger LOG = Logger.getLogger(DeploymentReconciler.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final DeploymentQueue queue;
    private final DeploymentRunner runner;
    private final DeploymentEventHub hub;
    private final ReconcilerConfig config;
    private final String owner;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean stopping;
    /** When the running jobs' leases were last renewed (or the workers started), for the readiness check. */
    private volatile Instant leasesRenewedAt;
    private ExecutorService workers;
    private ScheduledExecutorService leaseRenewal;

    public DeploymentReconciler(DeploymentQueue queue, DeploymentRunner runner, DeploymentEventHub hub, ReconcilerConfig config) {
        this.queue = queue;
        this.runner = runner;
        this.hub = hub;
        this.config = config;
        this.owner = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("deployment reconciler disabled on this replica");
            return;
        }
        // A new PENDING deployment (from any replica) means a job to claim, and a finished one may
        // have freed its environment for the next: wake an idle worker.
        hub.onEvent(event -> {
            if (event.status() == DeploymentStatus.PENDING || event.status().isTerminal()) {
                wakeUps.release();
            }
        });
        workers = Executors.newFixedThreadPool(config.workers(), Threads.named("slipway-reconciler"));
        for (int i = 0; i < config.workers(); i++) {
            workers.submit(this::work);
        }
        long renewEvery = Math.max(100, config.lease().toMillis() / 3);
        leasesRenewedAt = Instant.now();
        leaseRenewal = Executors.newSingleThreadScheduledExecutor(Threads.named("slipway-lease-renewal"));
        leaseRenewal.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        LOG.infof("deployment reconciler %s started with %d workers", owner, config.workers());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (workers != null) {
            wakeUps.release(config.workers());
        }
        Threads.stop(workers, STOP_GRACE);
        Threads.stop(leaseRenewal, STOP_GRACE);
    }

    private void work() {
        while (!stopping) {
            // The fabric8 client can leave a stray interrupt behind after cancelling a watch; it
            // must not fail the next job. A real shutdown is seen through the stopping flag.
            Thread.interrupted();
            try {
                ClaimedJob job = queue.claimNext(owner, config.lease());
                if (job == null) {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                    continue;
                }
                hub.announce(); // claiming may have superseded older deployments
                wakeUps.release(); // there may be more: let an idle worker look too
                running.add(job.deploymentId());
                try {
                    // The rollout continues in the tracker; the lease is renewed until the outcome is written.
                    runner.run(job).whenComplete((done, failure) -> running.remove(job.deploymentId()));
                } catch (RuntimeException e) {
                    running.remove(job.deploymentId());
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.warn("reconciler worker failed; its job will be retried after the lease expires", e);
                    sleepQuietly(config.pollInterval().toMillis());
                }
            }
        }
    }

    private void renewLeases() {
        try {
            queue.renew(owner, new ArrayList<>(running), config.lease());
            leasesRenewedAt = Instant.now();
        } catch (RuntimeException e) {
            LOG.warn("renewing deployment job leases failed; will retry", e);
        }
    }

    /** What the readiness check reports: whether the workers run and when leases were last renewed. */
    ReconcilerState state() {
        boolean workersRunning = workers != null && !workers.isShutdown() && !stopping;
        boolean renewing = leaseRenewal != null && !leaseRenewal.isShutdown();
        return new ReconcilerState(config.enabled(), workersRunning, renewing, leasesRenewedAt, config.lease(), owner);
    }

    record ReconcilerState(boolean enabled, boolean workersRunning, boolean renewing, Instant leasesRenewedAt, Duration lease,
            String owner) {
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "slipway";
        }
    }
}
