package dev.slipway.deployment.lifecycle;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who listens to the {@link DeploymentEventHub} on this replica, by kind, as a gauge: each open
 * SSE stream, gRPC watch and long-poll is one subscriber from its subscription until it ends in
 * any way (completed, failed, cancelled by the client going away).
 */
@Startup // the series exist from the start, at zero, so rate() and alerts see them before the first event
@ApplicationScoped
public class EventSubscribers {
    static final String SUBSCRIBERS = "slipway.event.subscribers";

    /** How a client listens. */
    public enum Kind {
        SSE, GRPC, LONG_POLL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Kind, AtomicInteger> open = new EnumMap<>(Kind.class);

    public EventSubscribers(MeterRegistry registry) {
        for (Kind kind : Kind.values()) {
            AtomicInteger count = new AtomicInteger();
            open.put(kind, count);
            Gauge.builder(SUBSCRIBERS, count, AtomicInteger::get).tag("kind", kind.label())
                    .description("Open deployment event subscriptions on this replica: SSE streams, gRPC watches, long-polls")
                    .register(registry);
        }
    }

    /** The stream, counted as one subscriber of this kind while it is subscribed to. */
    public <T> Multi<T> counted(Kind kind, Multi<T> stream) {
        AtomicInteger count = open.get(kind);
        return stream.onSubscription().invoke(count::incrementAndGet).onTermination().invoke(count::decrementAndGet);
    }

    /** The wait, counted as one subscriber of this kind until it answers, fails or is cancelled. */
    public <T> Uni<T> counted(Kind kind, Uni<T> wait) {
        AtomicInteger count = open.get(kind);
        return wait.onSubscription().invoke(count::incrementAndGet).onTermination().invoke(count::decrementAndGet);
    }
}
