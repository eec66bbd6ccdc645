package dev.slipway.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.slipway.api.SlipwayException;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * Says when this replica starts shutting down, and ends long-lived streams then (event streams,
 * gRPC watches, followed logs) so that clients reconnect to another replica at once instead of
 * holding the HTTP drain ({@code quarkus.shutdown.timeout}) until it gives up. The earliest word
 * is Quarkus' shutdown delay ({@code quarkus.shutdown.delay-enabled}, readiness already DOWN);
 * without the delay it is the ShutdownEvent, observed before the beans that feed the streams stop.
 */
@ApplicationScoped
public class ShutdownSignal {
    /** What a client is told to wait before reconnecting (SSE {@code retry:}, Retry-After). */
    public static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);
    public static final String MESSAGE = "this replica is shutting down; reconnect to resume";

    private final AtomicReference<CompletableFuture<Void>> begun = new AtomicReference<>(new CompletableFuture<>());

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent shutdownDelay) {
        begin();
    }

    void onShutdown(@Observes @Priority(1) ShutdownEvent shutdown) {
        begin();
    }

    /** Starts the shutdown of streams; the observers call it, and tests. Idempotent. */
    public void begin() {
        begun.get().complete(null);
    }

    public boolean begun() {
        return begun.get().isDone();
    }

    /**
     * Takes a begun shutdown back: streams opened from now on run normally (streams it ended stay
     * ended). For a replica drained and then resumed in the same process, as tests do.
     */
    public void resume() {
        begun.updateAndGet(current -> current.isDone() ? new CompletableFuture<>() : current);
    }

    /**
     * The stream, ended by a {@link SlipwayException.Unavailable} (gRPC UNAVAILABLE, retryable)
     * once the shutdown begins; a stream subscribed after that fails at once. Adapters that can
     * say more (SSE's {@code retry:}) recover from it with {@link #isShutdown}.
     */
    public <T> Multi<T> endAtShutdown(Multi<T> stream) {
        // The signal is looked up at subscription, so a stream prepared before a resume runs
        // normally; each stream waits on a copy, as cancelling the Uni (the stream ended first)
        // cancels the future it waits on.
        Multi<T> end = Uni.createFrom().completionStage(() -> begun.get().copy())
                .onItem().transformToUni(ignored -> Uni.createFrom().<T>failure(new SlipwayException.Unavailable(MESSAGE)))
                .toMulti();
        // A merge completes only when both do: the stream's own end is passed through the merge as
        // a marker failure (which cancels the wait) and turned back into completion after it.
        Multi<T> ending = stream.onCompletion().failWith(StreamEnded::new);
        return Multi.createBy().merging().streams(ending, end).onFailure(StreamEnded.class).recoverWithCompletion();
    }

    /** The stream completed on its own; never seen outside {@link #endAtShutdown}. */
    private static final class StreamEnded extends RuntimeException {
        StreamEnded() {
            super(null, null, false, false);
        }
    }

    /**
     * The last event of a Server-Sent Events stream ended by the shutdown: a comment saying so and
     * {@code retry:} (the reconnect delay), with no id, so the client's Last-Event-ID still names
     * the last real event and its reconnect (to another replica, readiness being DOWN here) resumes
     * from it.
     */
    public static OutboundSseEvent lastSseEvent(Sse sse) {
        return sse.newEventBuilder().comment(MESSAGE).reconnectDelay(RECONNECT_AFTER.toMillis()).build();
    }

    /** Whether a stream ended because this replica is shutting down. */
    public static boolean isShutdown(Throwable failure) {
        return failure instanceof SlipwayException.Unavailable && MESSAGE.equals(failure.getMessage());
    }
}
