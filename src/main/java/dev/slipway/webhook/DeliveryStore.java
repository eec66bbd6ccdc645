package dev.slipway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import dev.slipway.store.Sql;
import dev.slipway.store.crypto.SealedSecret;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every statement on webhook deliveries. Due deliveries are claimed with FOR UPDATE SKIP LOCKED and
 * a lease, so replicas never send the same attempt at once and a replica that dies mid-attempt only
 * delays it; an outcome is recorded only by the replica that still holds the lease. A disabled
 * subscription's deliveries (pings and redeliveries included) wait until it is enabled again.
 */
@ApplicationScoped
public class DeliveryStore {
    private static final String CLAIM = """
            UPDATE webhook_deliveries d SET lease_owner = :owner, lease_expires_at = now() + make_interval(secs => CAST(:lease AS double precision))
            FROM webhook_subscriptions s
            WHERE d.id IN (SELECT due.id FROM webhook_deliveries due JOIN webhook_subscriptions paused ON paused.id = due.subscription_id
                           WHERE due.state = 'pending' AND due.next_attempt_at <= now() AND paused.enabled
                             AND (due.lease_expires_at IS NULL OR due.lease_expires_at < now())
                           ORDER BY due.next_attempt_at LIMIT :limit FOR UPDATE OF due SKIP LOCKED)
              AND s.id = d.subscription_id
            RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.source, d.subject, d.occurred_at, d.data, d.attempts,
                      d.give_up_at, s.url, s.key_id, s.format, s.nonce, s.ciphertext""";
    private static final String DELIVERED = """
            UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, last_attempt_at = now(), delivered_at = now(),
                   last_status_code = :status, last_latency_ms = :latency, last_error = NULL, next_attempt_at = NULL,
                   lease_owner = NULL, lease_expires_at = NULL
            WHERE id = :id AND lease_owner = :owner""";
    /** A failed attempt: retried after the delay unless that would pass the delivery's deadline. */
    private static final String FAILED_ATTEMPT = """
            UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_status_code = :status,
                   last_latency_ms = :latency, last_error = :error,
                   state = CASE WHEN now() + make_interval(secs => CAST(:delay AS double precision)) > give_up_at THEN 'failed' ELSE 'pending' END,
                   next_attempt_at = CASE WHEN now() + make_interval(secs => CAST(:delay AS double precision)) > give_up_at THEN NULL
                                          ELSE now() + make_interval(secs => CAST(:delay AS double precision)) END,
                   lease_owner = NULL, lease_expires_at = NULL
            WHERE id = :id AND lease_owner = :owner""";
    /**
     * A replica shutting down gives back the deliveries it still holds (a send cut short): due at
     * once for another replica, no attempt counted, as nothing is known about the cut-short one.
     */
    private static final String RELEASE = """
            UPDATE webhook_deliveries SET lease_owner = NULL, lease_expires_at = NULL
            WHERE lease_owner = :owner AND state = 'pending'""";
    private static final String REDELIVER = """
            UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = now(), give_up_at = now() + interval '24 hours',
                   lease_owner = NULL, lease_expires_at = NULL
            WHERE id = :id AND subscription_id = :subscription""";
    private static final String PING = """
            INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, source, subject, occurred_at, data, next_attempt_at,
                                            give_up_at)
            VALUES (:id, :subscription, :eventId, :type, '/api/v1/webhooks', :subject, now(), CAST(CAST(:data AS text) AS jsonb), now(),
                    now() + interval '24 hours')""";
    private static final String COLUMNS = """
            id, seq, event_id, event_type, subject, state, attempts, last_status_code, last_latency_ms, last_error, last_attempt_at,
            next_attempt_at, delivered_at, created_at""";

    private final Pool pool;

    public DeliveryStore(Pool pool) {
        this.pool = pool;
    }

    /** A claimed delivery with what sending it needs; data is the event's JSON value as the client decoded it. */
    record Claimed(UUID id, UUID subscriptionId, String eventId, String eventType, String source, String subject, Instant occurredAt,
            Object data, int attempts, Instant giveUpAt, String url, SealedSecret secret) {
    }

    Uni<List<Claimed>> claim(String owner, Duration lease, int limit) {
        return Sql.of(CLAIM).bind("owner", owner).bind("lease", lease.toMillis() / 1000.0).bind("limit", limit)
                .execute(pool).map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getUUID("id"), row.getUUID("subscription_id"), row.getString("event_id"),
                                row.getString("event_type"), row.getString("source"), row.getString("subject"),
                                instant(row.getOffsetDateTime("occurred_at")), row.getJson("data"), row.getInteger("attempts"),
                                instant(row.getOffsetDateTime("give_up_at")), row.getString("url"),
                                new SealedSecret(row.getString("key_id"), row.getInteger("format"), row.getBuffer("nonce").getBytes(),
                                        row.getBuffer("ciphertext").getBytes())));
                    }
                    return claimed;
                });
    }

    Uni<Integer> delivered(UUID id, String owner, int status, long latencyMs) {
        return Sql.of(DELIVERED).bind("id", id).bind("owner", owner).bind("status", status).bind("latency", (int) latencyMs)
                .execute(pool).map(rows -> rows.rowCount());
    }

    Uni<Integer> failed(UUID id, String owner, Integer status, long latencyMs, String error, Duration retryIn) {
        return Sql.of(FAILED_ATTEMPT).bind("id", id).bind("owner", owner).bind("status", status).bind("latency", (int) latencyMs)
                .bind("error", error).bind("delay", retryIn.toMillis() / 1000.0)
                .execute(pool).map(rows -> rows.rowCount());
    }

    /** See {@link #RELEASE}; answers how many were given back. */
    Uni<Integer> releaseAll(String owner) {
        return Sql.of(RELEASE).bind("owner", owner).execute(pool).map(rows -> rows.rowCount());
    }

    /** Sends a delivery again (whatever its state), with a fresh 24 h of retries; in the request's transaction. */
    Uni<Integer> redeliver(UUID subscription, UUID delivery) {
        return Sql.of(REDELIVER).bind("id", delivery).bind("subscription", subscription).updateInSession();
    }

    /** A ping event for one subscription; in the request's transaction. */
    Uni<Integer> ping(UUID subscription, UUID delivery, String eventId, String data) {
        return Sql.of(PING).bind("id", delivery).bind("subscription", subscription).bind("eventId", eventId)
                .bind("type", WebhookEventTypes.PING)
                .bind("subject", "webhooks/" + subscription).bind("data", data).updateInSession();
    }

    Uni<DeliveryView> find(UUID subscription, UUID delivery) {
        return Sql.of("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE id = :id AND subscription_id = :subscription")
                .bind("id", delivery).bind("subscription", subscription).execute(pool)
                .map(rows -> rows.rowCount() == 0 ? null : view(rows.iterator().next()));
    }

    /** One page of the delivery log, newest first; the sort key is the row's sequence number. */
    Uni<List<Row>> page(UUID subscription, PageRequest page, String state) {
        return KeysetQuery.select("SELECT " + COLUMNS + " FROM webhook_deliveries")
                .where("subscription_id = ?", subscription)
                .whereGiven("state = ?", state)
                .after(page, "seq < ?", key -> List.of(Long.parseLong(key)))
                .page("seq DESC", page)
                .list(pool, row -> row);
    }

    static DeliveryView view(Row row) {
        return new DeliveryView(row.getUUID("id"), row.getString("event_id"), row.getString("event_type"), row.getString("subject"),
                row.getString("state"), row.getInteger("attempts"), row.getInteger("last_status_code"), row.getInteger("last_latency_ms"),
                row.getString("last_error"), instant(row.getOffsetDateTime("last_attempt_at")),
                instant(row.getOffsetDateTime("next_attempt_at")), instant(row.getOffsetDateTime("delivered_at")),
                instant(row.getOffsetDateTime("created_at")));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
