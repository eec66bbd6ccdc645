package dev.slipway.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import dev.slipway.api.StoreErrors;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Write transactions of use cases whose answer depends on whether the caller sent If-Match.
 *
 * <p>
 * A write without If-Match is unconditional: the caller asked for the change whatever the
 * current version. If another writer bumped the version between this transaction's read and its
 * flush (the reconciler touching a deployment, a concurrent merge patch), the stale-version
 * failure is not the caller's conflict, so the whole transaction runs again on fresh rows, in a
 * new session, after a short random pause (immediate retries of many writers to one row keep
 * colliding). With If-Match the stale version is the answer (412), as the caller asked.
 */
public final class Transactions {
    /** With pauses doubling from ~2 ms to ~256 ms, about a second of contention on one row before giving up (412). */
    static final int ATTEMPTS = 10;

    private Transactions() {
    }

    /** Runs {@code work} in a transaction of its own, again on a stale version when {@code ifMatch} is absent. */
    public static <T> Uni<T> write(String ifMatch, Supplier<Uni<T>> work) {
        Uni<T> once = Uni.createFrom().deferred(() -> Panache.withTransaction(work));
        if (ifMatch != null && !ifMatch.isBlank()) {
            return once;
        }
        return attempt(once, 1);
    }

    /** An unconditional write (an operation that takes no If-Match). */
    public static <T> Uni<T> write(Supplier<Uni<T>> work) {
        return write(null, work);
    }

    private static <T> Uni<T> attempt(Uni<T> once, int attempt) {
        return once.onFailure(failure -> attempt < ATTEMPTS && StoreErrors.isStaleVersion(failure))
                .recoverWithUni(() -> pause(attempt).chain(() -> attempt(once, attempt + 1)));
    }

    /**
     * A random pause that resumes on the same Vert.x context: Hibernate Reactive keeps its session
     * per context and refuses to run on a worker thread, where Mutiny's own backoff would resume.
     */
    private static Uni<Void> pause(int attempt) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Uni.createFrom().voidItem();
        }
        long millis = 1 + ThreadLocalRandom.current().nextLong(2L << Math.min(attempt, 7));
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(millis,
                timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }
}
