package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.slipway.access.AuditLog;
import dev.slipway.runtime.Threads;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Tears expired environments down through the same path as a delete: every poll interval it marks
 * the active environments whose expiry has passed DELETING (one statement per batch, safe with any
 * number of replicas sweeping at once), and {@link EnvironmentTeardown} then tears them down and
 * deletes them; one that never had anything in its cluster is deleted at once, as a delete of it
 * would be. Each expiry is audited as done by the platform ("environment.expire").
 */
@ApplicationScoped
public class EnvironmentReaper {
    private static final Logger LOG = Logger.getLogger(EnvironmentReaper.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** Environments one statement marks; a sweep repeats until a batch comes back short. */
    private static final int BATCH = 100;

    private final TeardownStore teardowns;
    private final DeploymentStore deployments;
    private final ReconcilerConfig config;
    private final AuditLog audit;
    private ScheduledExecutorService worker;
    private volatile boolean stopping;

    public EnvironmentReaper(TeardownStore teardowns, DeploymentStore deployments, ReconcilerConfig config, AuditLog audit) {
        this.teardowns = teardowns;
        this.deployments = deployments;
        this.config = config;
        this.audit = audit;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return; // a replica that tears nothing down reaps nothing either
        }
        worker = Executors.newSingleThreadScheduledExecutor(Threads.named("slipway-reaper"));
        long poll = config.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::sweepNow, poll, poll, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        Threads.stop(worker, STOP_GRACE);
    }

    private void sweepNow() {
        try {
            sweep(Instant.now());
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("sweeping expired environments failed; will retry", e);
            }
        }
    }

    /**
     * Marks every environment expired as of {@code now} (the clock is a parameter, not PostgreSQL's
     * now(), so tests can move it) and audits each; answers the environments this call marked,
     * which a concurrent sweep never also answers. Blocks: call it off the event loop.
     */
    public List<Expired> sweep(Instant now) {
        List<Expired> swept = new ArrayList<>();
        List<TeardownStore.Expired> batch;
        do {
            batch = deployments.inTransaction(connection -> teardowns.expire(connection, now, BATCH)).await().atMost(QUERY_TIMEOUT);
            for (TeardownStore.Expired expired : batch) {
                String what = expired.application() + "/" + expired.name();
                LOG.infof("environment %s expired at %s; %s", what, expired.expiresAt(), expired.deleted() ? "deleted" : "tearing it down");
                // Committed already: a failure to audit is logged, and does not undo or repeat the expiry.
                try {
                    audit.recordPlatformAction("environment.expire", "environment", what, expired.application(),
                            "expired at " + expired.expiresAt()
                                    + (expired.deleted() ? "; deleted (nothing in its cluster)" : "; tear-down started"))
                            .await().atMost(QUERY_TIMEOUT);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "auditing the expiry of environment %s failed", what);
                }
                swept.add(new Expired(expired.application(), expired.name(), expired.expiresAt(), expired.deleted()));
            }
        } while (batch.size() == BATCH && !stopping);
        return swept;
    }

    /** An environment a sweep marked: deleted at once, or DELETING and left to the tear-down. */
    public record Expired(String application, String name, Instant expiresAt, boolean deleted) {
    }
}
