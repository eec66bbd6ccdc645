package dev.slipway.api;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Removes idempotency keys past their 24 h retention. Expired keys are already ignored when
 * claimed, so this only keeps the table small; every replica may run it, the delete is safe to
 * repeat.
 */
@ApplicationScoped
public class IdempotencyKeyExpiry {
    private static final Logger LOG = Logger.getLogger(IdempotencyKeyExpiry.class);
    private final IdempotencyStore store;

    public IdempotencyKeyExpiry(IdempotencyStore store) {
        this.store = store;
    }

    @Scheduled(every = "${slipway.idempotency.purge-interval:15m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purgeExpired()
                .invoke(count -> {
                    if (count > 0) {
                        LOG.debugf("purged %d expired idempotency keys", count);
                    }
                })
                .onFailure().invoke(failure -> LOG.warn("purging expired idempotency keys failed; will retry", failure))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
