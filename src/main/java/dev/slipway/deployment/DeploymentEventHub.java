package dev.slipway.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Fans deployment events out to watchers on every replica. The database records each status
 * change and NOTIFYs it (see V2 migration); this hub LISTENs, so an event written by any replica
 * reaches the watchers of all of them. Replays for resuming streams read the event table.
 */
@ApplicationScoped
public class DeploymentEventHub {
    static final String EVENTS_CHANNEL = "slipway_deployment_events";
    static final String JOBS_CHANNEL = "slipway_deployment_jobs";
    private static final Logger LOG = Logger.getLogger(DeploymentEventHub.class);
    private static final int REPLAY_LIMIT = 1000;

    private final Vertx vertx;
    private final Pool pool;
    private final PgConnectOptions connectOptions;
    private final BroadcastProcessor<DeploymentEvent> live = BroadcastProcessor.create();
    private final List<Consumer<String>> jobListeners = new CopyOnWriteArrayList<>();
    private PgSubscriber subscriber;

    public DeploymentEventHub(Vertx vertx, Pool pool,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.pool = pool;
        this.connectOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(username).setPassword(password);
    }

    void start(@Observes StartupEvent startup) {
        subscriber = PgSubscriber.subscriber(vertx, connectOptions)
                // LISTEN again after a lost connection; events in between are found by replay.
                .reconnectPolicy(retries -> 1_000L);
        subscriber.channel(EVENTS_CHANNEL).handler(this::publish);
        subscriber.channel(JOBS_CHANNEL).handler(payload -> jobListeners.forEach(listener -> listener.accept(payload)));
        subscriber.connect().await().indefinitely();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (subscriber != null) {
            subscriber.close().await().indefinitely();
        }
        live.onComplete();
    }

    /** Called with the deployment id whenever a job becomes claimable. */
    public void onJobAvailable(Consumer<String> listener) {
        jobListeners.add(listener);
    }

    /** Live events only, from now on. */
    public Multi<DeploymentEvent> live() {
        return live;
    }

    /**
     * Events in scope after {@code afterId} (replayed from the table), then live ones, without
     * gaps or duplicates: live events are buffered while the replay runs and passed on only past
     * the last replayed id.
     */
    public Multi<DeploymentEvent> stream(String application, String environment, UUID deploymentId, Long afterId) {
        return Multi.createFrom().emitter(emitter -> {
            List<DeploymentEvent> buffered = new ArrayList<>();
            long[] lastSent = { afterId == null ? -1 : afterId };
            boolean[] replaying = { afterId != null };
            Object lock = new Object();
            var subscription = live.filter(event -> event.matches(application, environment, deploymentId)).subscribe().with(event -> {
                synchronized (lock) {
                    if (replaying[0]) {
                        buffered.add(event);
                    } else if (event.id() > lastSent[0]) {
                        lastSent[0] = event.id();
                        emitter.emit(event);
                    }
                }
            }, emitter::fail, emitter::complete);
            emitter.onTermination(subscription::cancel);
            if (afterId == null) {
                return;
            }
            replay(application, environment, deploymentId, afterId).subscribe().with(events -> {
                synchronized (lock) {
                    for (DeploymentEvent event : events) {
                        lastSent[0] = event.id();
                        emitter.emit(event);
                    }
                    for (DeploymentEvent event : buffered) {
                        if (event.id() > lastSent[0]) {
                            lastSent[0] = event.id();
                            emitter.emit(event);
                        }
                    }
                    buffered.clear();
                    replaying[0] = false;
                }
            }, emitter::fail);
        });
    }

    /** Stored events in scope with an id above afterId, oldest first. */
    public Uni<List<DeploymentEvent>> replay(String application, String environment, UUID deploymentId, long afterId) {
        return pool.preparedQuery("""
                        SELECT id, deployment_id, application, environment, status, reason, message, created_at
                          FROM deployment_events
                         WHERE id > $1 AND ($2::text IS NULL OR application = $2) AND ($3::text IS NULL OR environment = $3)
                           AND ($4::uuid IS NULL OR deployment_id = $4)
                         ORDER BY id LIMIT $5""")
                .execute(Tuple.of(afterId, application, environment, deploymentId, REPLAY_LIMIT))
                .map(rows -> {
                    List<DeploymentEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(fromRow(row)));
                    return events;
                });
    }

    private void publish(String payload) {
        try {
            JsonObject json = new JsonObject(payload);
            live.onNext(new DeploymentEvent(json.getLong("id"), UUID.fromString(json.getString("deploymentId")),
                    json.getString("application"), json.getString("environment"), DeploymentStatus.valueOf(json.getString("status")),
                    json.getString("reason"), json.getString("message"), parseTimestamp(json.getString("createdAt"))));
        } catch (RuntimeException e) {
            LOG.warnf(e, "ignoring malformed deployment event notification");
        }
    }

    private static Instant parseTimestamp(String text) {
        // json_build_object renders timestamptz like 2026-11-26T01:02:03.456789+00:00
        return java.time.OffsetDateTime.parse(text).toInstant();
    }

    private static DeploymentEvent fromRow(Row row) {
        return new DeploymentEvent(row.getLong("id"), row.getUUID("deployment_id"), row.getString("application"),
                row.getString("environment"), DeploymentStatus.valueOf(row.getString("status")), row.getString("reason"),
                row.getString("message"), row.getOffsetDateTime("created_at").toInstant());
    }
}
