package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.slipway.api.Timestamps;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Cancels deployments whose wait for approval is over (ApprovalExpired), so that a change nobody
 * approved within {@code slipway.approvals.expire-after} cannot run days later by surprise. Every
 * replica may sweep: each row moves once (the write is guarded by the status it leaves).
 */
@ApplicationScoped
public class ApprovalExpiry {
    private static final Logger LOG = Logger.getLogger(ApprovalExpiry.class);
    private final DeploymentStore store;
    private final DeploymentEventHub events;

    public ApprovalExpiry(DeploymentStore store, DeploymentEventHub events) {
        this.store = store;
        this.events = events;
    }

    @Scheduled(every = "${slipway.approvals.sweep-interval:1m}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return expireAsOf(Timestamps.now())
                .onFailure().invoke(failure -> LOG.warn("expiring approvals failed; will retry", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Cancels what waits for approval past its expiry as of {@code now}; the deployments cancelled.
     * The time is a parameter so that tests can sweep as of tomorrow instead of waiting for it.
     */
    public Uni<List<UUID>> expireAsOf(Instant now) {
        return store.expireApprovals(now).invoke(expired -> {
            if (!expired.isEmpty()) {
                LOG.infof("approval expired for %d deployment(s): %s", expired.size(), expired);
                events.announce();
            }
        });
    }
}
