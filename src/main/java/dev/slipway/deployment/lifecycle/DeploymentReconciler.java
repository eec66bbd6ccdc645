package dev.slipway.deployment.lifecycle;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.slipway.cluster.driver.ReleaseJobs;
import dev.slipway.cluster.driver.RolloutTracker;
import dev.slipway.runtime.Threads;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
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
 *
 * <p>Shutting down ({@link #drain}) is graceful: no new claims at once; a worker in the middle of
 * an apply finishes it within {@code slipway.reconciler.shutdown-grace}, so a set of objects is
 * never left half-applied by choice; then every job this replica still holds (waiting on a
 * rollout or a release job, or an apply that overran the grace) is given back in the database, so
 * another replica claims it at once rather than after the lease runs out, and goes on from its
 * status. An apply cut short is simply applied again by the next owner: server-side apply is
 * idempotent.
 */
@ApplicationScoped
public class DeploymentReconciler {
    private static final Logger LOG = Logger.getLogger(DeploymentReconciler.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** Beyond the apply grace: giving the jobs back is a few statements. */
    private static final Duration RELEASE_SLACK = Duration.ofSeconds(5);

    private final DeploymentQueue queue;
    private final DeploymentRunner runner;
    private final DeploymentEventHub hub;
    private final ReconcilerConfig config;
    private final RolloutTracker tracker;
    private final ReleaseJobs releases;
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicReference<CompletableFuture<Void>> draining = new AtomicReference<>();
    /** Who holds this replica's leases; new at each start, so a restarted reconciler is another worker identity. */
    private volatile String owner;
    private volatile boolean stopping;
    /** When the running jobs' leases were last renewed (or the workers started), for the readiness check. */
    private volatile Instant leasesRenewedAt;
    private ExecutorService workers;
    private ScheduledExecutorService leaseRenewal;

    public DeploymentReconciler(DeploymentQueue queue, DeploymentRunner runner, DeploymentEventHub hub, ReconcilerConfig config,
            RolloutTracker tracker, ReleaseJobs releases) {
        this.queue = queue;
        this.runner = runner;
        this.hub = hub;
        this.config = config;
        this.tracker = tracker;
        this.releases = releases;
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
        startWorkers();
    }

    /**
     * Starts the workers and lease renewal under a new owner identity. Called at startup, and
     * again after {@link #drain} (tests play "another replica" this way).
     */
    public synchronized void startWorkers() {
        if (workers != null && !workers.isTerminated()) {
            throw new IllegalStateException("the reconciler's workers are running already");
        }
        owner = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        stopping = false;
        draining.set(null);
        wakeUps.drainPermits();
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

    /**
     * With {@code quarkus.shutdown.delay-enabled}, Quarkus announces the shutdown before its delay
     * (while readiness already reports DOWN and HTTP still serves): the drain starts here, so it
     * runs alongside the delay and the HTTP drain rather than after them.
     */
    void drainEarly(@Observes ShutdownDelayInitiatedEvent shutdownDelay) {
        drainInBackground();
    }

    /** Without the delay this is the first word of a shutdown; either way, the drain has ended when it returns. */
    void stop(@Observes ShutdownEvent shutdown) {
        try {
            drainInBackground().get(config.shutdownGrace().plus(RELEASE_SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("draining the deployment reconciler took too long; jobs it still holds are claimed after their leases run out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("draining the deployment reconciler failed; jobs it still holds are claimed after their leases run out", e.getCause());
        }
    }

    private CompletableFuture<Void> drainInBackground() {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        if (!draining.compareAndSet(null, drained)) {
            return draining.get();
        }
        Threads.named("slipway-reconciler-drain").newThread(() -> {
            try {
                drainNow(config.shutdownGrace());
                drained.complete(null);
            } catch (RuntimeException e) {
                drained.completeExceptionally(e);
            }
        }).start();
        return drained;
    }

    /**
     * Stops claiming, lets applies in progress finish within {@code grace}, and gives back every
     * job still held (see the class comment); answers those jobs. What a graceful shutdown does,
     * callable on its own (tests). The reconciler claims nothing more until {@link #startWorkers}.
     */
    public List<UUID> drain(Duration grace) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        if (!draining.compareAndSet(null, drained)) {
            throw new IllegalStateException("the reconciler is draining already");
        }
        try {
            List<UUID> released = drainNow(grace);
            drained.complete(null);
            return released;
        } catch (RuntimeException e) {
            drained.completeExceptionally(e);
            throw e;
        }
    }

    private synchronized List<UUID> drainNow(Duration grace) {
        stopping = true;
        if (workers == null) {
            return List.of(); // disabled on this replica, or drained already
        }
        wakeUps.release(config.workers()); // idle workers see the flag at once
        // No interrupt: a worker inside runner.run is applying a set of objects and should finish
        // that phase (it hands a rollout to the tracker and returns within the grace, usually).
        workers.shutdown();
        boolean finished = awaitQuietly(workers, grace);
        if (!finished) {
            LOG.warnf("an apply did not finish within %s of the shutdown; its job is given back and applied again by the next owner",
                    grace);
        }
        Threads.stop(workers, STOP_GRACE);
        Threads.stop(leaseRenewal, STOP_GRACE);
        workers = null;
        leaseRenewal = null;
        // Outcomes of what is given back must come from the next owner, not from this replica's
        // leftovers racing it: stop watching before the leases go.
        int rollouts = tracker.abandonAll();
        int releaseJobs = releases.abandonAll();
        List<UUID> released = queue.releaseAll(owner);
        running.clear();
        LOG.infof("deployment reconciler %s stopped: %d job(s) given back to the other replicas (%d rollout(s), %d release job(s) no"
                + " longer watched here)", owner, released.size(), rollouts, releaseJobs);
        return released;
    }

    private static boolean awaitQuietly(ExecutorService pool, Duration grace) {
        try {
            return pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
