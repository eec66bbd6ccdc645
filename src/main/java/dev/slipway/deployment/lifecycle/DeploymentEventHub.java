package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.slipway.runtime.ShutdownSignal;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Fans deployment events out to watchers on every replica. The database records each status
 * change in deployment_events (a trigger, in the writing transaction); it sends no notification
 * itself, because a NOTIFY inside a writing transaction serialises every commit on PostgreSQL's
 * notification lock. Instead, after its commits a replica calls {@link #announce()}, which sends
 * one coalesced NOTIFY of its own; every replica LISTENs and then reads the new rows from the
 * table, so an event written anywhere reaches all watchers. The LISTEN connection is held from
 * the side pool (so the datasource's TLS and trust settings apply to it) and taken again after it
 * is lost; a slow poll covers notifications missed meanwhile.
 *
 * <p>Event ids come from an identity column, so a transaction that commits late can make a
 * lower id visible after higher ones were read. The reader therefore remembers the ids it
 * skipped ("holes") and looks for them again for a while before giving them up (a rolled-back
 * transaction leaves a permanent hole).
 */
@ApplicationScoped
public class DeploymentEventHub {
    static final String EVENTS_CHANNEL = "slipway_deployment_events";
    private static final Logger LOG = Logger.getLogger(DeploymentEventHub.class);
    private static final int REPLAY_LIMIT = 1000;
    private static final int PUMP_BATCH = 1000;
    private static final long ANNOUNCE_DELAY_MS = 2;
    private static final long POLL_INTERVAL_MS = 1_000;
    private static final long RELISTEN_DELAY_MS = 1_000;
    private static final Duration HOLE_PATIENCE = Duration.ofSeconds(10);
    private static final String EVENT_COLUMNS = "id, deployment_id, application, environment, status, reason, message, created_at";

    private final Vertx vertx;
    private final Pool pool;
    private final Pool sidePool;
    private final BroadcastProcessor<DeploymentEvent> live = BroadcastProcessor.create();
    private final List<Consumer<DeploymentEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean announcePending = new AtomicBoolean();
    private final AtomicBoolean pumping = new AtomicBoolean();
    private final AtomicBoolean pumpAgain = new AtomicBoolean();
    private final AtomicLong notifications = new AtomicLong();
    /** Highest event id read so far; ids below it that were not seen are in {@link #holes}. */
    private volatile long cursor = -1;
    private final Map<Long, Instant> holes = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile PgConnection listening;
    /** Since when no connection LISTENs (from the start until the first LISTEN), or null while one does. */
    private volatile Instant notListeningSince = Instant.now();
    private long pollTimer = -1;

    private final ShutdownSignal shutdown;

    /** @param sidePool the side pool (see application.properties): the LISTEN connection is held for good */
    public DeploymentEventHub(Vertx vertx, Pool pool, @ReactiveDataSource("side") Pool sidePool, ShutdownSignal shutdown) {
        this.vertx = vertx;
        this.pool = pool;
        this.sidePool = sidePool;
        this.shutdown = shutdown;
    }

    void start(@Observes StartupEvent startup) {
        cursor = pool.query("SELECT coalesce(max(id), 0) AS id FROM deployment_events").execute()
                .map(rows -> rows.iterator().next().getLong("id")).await().indefinitely();
        listen().await().indefinitely();
        pollTimer = vertx.setPeriodic(POLL_INTERVAL_MS, ignored -> pump());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        PgConnection connection = listening;
        if (connection != null) {
            connection.close().await().indefinitely();
        }
        live.onComplete();
    }

    /** Takes a connection from the side pool and LISTENs on it; when that connection is lost, takes another. */
    private Uni<Void> listen() {
        return sidePool.getConnection().flatMap(connection -> {
            PgConnection listener = PgConnection.cast(connection);
            listener.notificationHandler(notification -> {
                notifications.incrementAndGet();
                pump();
            });
            return listener.query("LISTEN " + EVENTS_CHANNEL).execute()
                    .invoke(() -> {
                        listening = listener;
                        notListeningSince = null;
                        listener.closeHandler(() -> {
                            listening = null;
                            notListeningSince = Instant.now();
                            listenAgainLater();
                        });
                        pump(); // whatever was announced while no connection listened
                    })
                    .onFailure().call(connection::close)
                    .replaceWithVoid();
        });
    }

    private void listenAgainLater() {
        if (stopped) {
            return;
        }
        vertx.setTimer(RELISTEN_DELAY_MS, ignored -> listen().subscribe().with(done -> {
        }, failure -> {
            LOG.debug("LISTEN for deployment events failed; the poll delivers meanwhile, trying again", failure);
            listenAgainLater();
        }));
    }

    /**
     * How long this hub has been without a LISTEN connection (zero while it has one). Meanwhile
     * events still arrive, but only through the slow poll: watchers and idle workers hear of them
     * late.
     */
    public Duration notListeningFor() {
        Instant since = notListeningSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }

    /** The backend process that LISTENs for this hub, or 0 while it has none; for tests that cut the connection. */
    int listenerProcessId() {
        PgConnection connection = listening;
        return connection == null ? 0 : connection.processId();
    }

    /** How many notifications this hub has heard; for tests that tell them from the poll. */
    long notificationsHeard() {
        return notifications.get();
    }

    /**
     * Tells every replica that deployment events were committed. Calls within a few milliseconds
     * share one NOTIFY, sent in its own statement after the writer's commit.
     */
    public void announce() {
        if (announcePending.compareAndSet(false, true)) {
            vertx.setTimer(ANNOUNCE_DELAY_MS, ignored -> {
                announcePending.set(false);
                pool.query("NOTIFY " + EVENTS_CHANNEL).execute().subscribe().with(
                        done -> {
                        }, failure -> LOG.debug("deployment event NOTIFY failed; the poll will deliver", failure));
            });
        }
    }

    /** Called on this replica for every new event, before live watchers see it (the reconciler's wake-up). */
    public void onEvent(Consumer<DeploymentEvent> listener) {
        listeners.add(listener);
    }

    /** Reads events past the cursor (and late ones in holes) and publishes them; one read at a time. */
    private void pump() {
        if (!pumping.compareAndSet(false, true)) {
            pumpAgain.set(true);
            return;
        }
        pumpAgain.set(false);
        long from = cursor;
        Long[] missing = holes.keySet().toArray(Long[]::new);
        pool.preparedQuery("SELECT " + EVENT_COLUMNS + " FROM deployment_events WHERE id > $1 OR id = ANY($2) ORDER BY id LIMIT $3")
                .execute(Tuple.of(from, missing, PUMP_BATCH))
                .subscribe().with(rows -> {
                    long highest = from;
                    int count = 0;
                    for (Row row : rows) {
                        DeploymentEvent event = fromRow(row);
                        count++;
                        if (event.id() <= from) {
                            holes.remove(event.id());
                        } else {
                            for (long skipped = highest + 1; skipped < event.id(); skipped++) {
                                holes.put(skipped, Instant.now());
                            }
                            highest = event.id();
                        }
                        publish(event);
                    }
                    cursor = highest;
                    Instant giveUp = Instant.now().minus(HOLE_PATIENCE);
                    holes.values().removeIf(since -> since.isBefore(giveUp));
                    pumping.set(false);
                    if (count == PUMP_BATCH || pumpAgain.get()) {
                        pump();
                    }
                }, failure -> {
                    pumping.set(false);
                    LOG.debug("reading deployment events failed; will retry", failure);
                });
    }

    private void publish(DeploymentEvent event) {
        for (Consumer<DeploymentEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("deployment event listener failed", e);
            }
        }
        live.onNext(event);
    }

    /**
     * Live events only, from now on. Fails with {@link ShutdownSignal}'s Unavailable once this
     * replica starts shutting down (a long-poll then answers what it has).
     */
    public Multi<DeploymentEvent> live() {
        return shutdown.endAtShutdown(live);
    }

    /**
     * Events in scope after {@code afterId} (replayed from the table), then live ones, without
     * gaps or duplicates: live events are buffered while the replay runs and passed on only past
     * the last replayed id. Once this replica starts shutting down the stream fails with
     * {@link ShutdownSignal}'s Unavailable: SSE ends with a retry hint, gRPC with UNAVAILABLE, and
     * the client resumes from its last event id on another replica.
     */
    public Multi<DeploymentEvent> stream(String application, String environment, UUID deploymentId, Long afterId) {
        return shutdown.endAtShutdown(openStream(application, environment, deploymentId, afterId));
    }

    private Multi<DeploymentEvent> openStream(String application, String environment, UUID deploymentId, Long afterId) {
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
                .execute(Tuple.of(afterId, application, environment, deploymentId).addInteger(REPLAY_LIMIT))
                .map(rows -> {
                    List<DeploymentEvent> events = new ArrayList<>();
                    rows.forEach(row -> events.add(fromRow(row)));
                    return events;
                });
    }

    private static DeploymentEvent fromRow(Row row) {
        return new DeploymentEvent(row.getLong("id"), row.getUUID("deployment_id"), row.getString("application"),
                row.getString("environment"), DeploymentStatus.valueOf(row.getString("status")), row.getString("reason"),
                row.getString("message"), row.getOffsetDateTime("created_at").toInstant());
    }
}
