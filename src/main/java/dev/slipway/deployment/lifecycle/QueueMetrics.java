package dev.slipway.deployment.lifecycle;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The queue's depth and the age of its oldest waiting job, as gauges. A scrape only reads the last
 * answer: one cheap statement on the reactive pool every {@code slipway.metrics.queue-interval}
 * refreshes it, so scrapes never wait for the database and never run SQL on the event loop.
 * Every replica reports the same platform-wide numbers (take the max over replicas, not the sum).
 */
@ApplicationScoped
public class QueueMetrics {
    static final String DEPTH = "slipway.deployment.queue.depth";
    static final String OLDEST_AGE = "slipway.deployment.queue.oldest.age";
    private static final Logger LOG = Logger.getLogger(QueueMetrics.class);

    private final DeploymentStore store;
    private final AtomicLong waiting = new AtomicLong();
    /** The oldest job's wait in milliseconds. */
    private final AtomicLong oldestMillis = new AtomicLong();

    public QueueMetrics(DeploymentStore store, MeterRegistry registry) {
        this.store = store;
        Gauge.builder(DEPTH, waiting, AtomicLong::get)
                .description("Deployment jobs waiting for a worker (claimable, no live lease), platform-wide")
                .register(registry);
        Gauge.builder(OLDEST_AGE, oldestMillis, millis -> millis.get() / 1000.0).baseUnit("seconds")
                .description("How long the oldest waiting deployment job has been claimable, platform-wide (0 when none waits)")
                .register(registry);
    }

    @Scheduled(every = "${slipway.metrics.queue-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return store.backlog().invoke(backlog -> {
            waiting.set(backlog.waiting());
            oldestMillis.set(Math.round(backlog.oldestSeconds() * 1000));
        }).onFailure().invoke(failure -> LOG.debug("reading the deployment queue's depth failed; the gauges keep their last value",
                failure)).onFailure().recoverWithNull().replaceWithVoid();
    }
}
