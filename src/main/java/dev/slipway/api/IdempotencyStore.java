package dev.slipway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes creates idempotent across retries, restarts and replicas by keeping keys in PostgreSQL.
 *
 * <p>A key is first claimed in its own committed transaction, so a concurrent duplicate sees it
 * IN_FLIGHT (409) instead of racing. The create itself and the recording of its response then
 * share one transaction: either both happen or neither, and a failed create releases the key so
 * the caller may retry. An IN_FLIGHT claim older than the stale timeout (a crashed replica) may
 * be taken over by a retry with the same request.
 */
@ApplicationScoped
public class IdempotencyStore {
    private static final String CLAIM = """
            INSERT INTO idempotency_keys (scope_key, fingerprint, state, claimed_at, expires_at)
            VALUES (:scopeKey, :fingerprint, 'IN_FLIGHT', now(), now() + make_interval(secs => :retentionSeconds))
            ON CONFLICT (scope_key) DO UPDATE
               SET fingerprint = EXCLUDED.fingerprint, state = 'IN_FLIGHT', claimed_at = now(),
                   expires_at = EXCLUDED.expires_at, response_status = NULL, response_body = NULL
             WHERE idempotency_keys.expires_at < now()
                OR (idempotency_keys.state = 'IN_FLIGHT'
                    AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
                    AND idempotency_keys.claimed_at < now() - make_interval(secs => :staleSeconds))
            """;
    private static final String READ = """
            SELECT fingerprint, state, CAST(response_body AS text) FROM idempotency_keys WHERE scope_key = :scopeKey
            """;
    private static final String COMPLETE = """
            UPDATE idempotency_keys SET state = 'COMPLETED', response_status = :status, response_body = CAST(CAST(:body AS text) AS jsonb)
             WHERE scope_key = :scopeKey
            """;
    private static final String RELEASE = "DELETE FROM idempotency_keys WHERE scope_key = :scopeKey AND state = 'IN_FLIGHT'";
    private static final String PURGE = "DELETE FROM idempotency_keys WHERE expires_at < now()";
    private static final int CLAIM_ATTEMPTS = 3;

    private final ObjectMapper mapper;
    private final IdempotencyMetrics metrics;
    private final Duration retention = Duration.ofHours(24);
    private final Duration staleAfter = Duration.ofMinutes(2);

    public IdempotencyStore(ObjectMapper mapper, IdempotencyMetrics metrics) {
        this.metrics = metrics;
        // Canonical request fingerprints: the same request must always hash the same.
        this.mapper = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /**
     * Runs a create in a transaction, at most once per (caller, key).
     *
     * @param callerSubject the caller's stable subject: keys are scoped to it, so two callers never share one
     * @param operation names the operation and its path parameters, so one key cannot be
     *                  reused for a different operation or parent resource
     * @param request   the request as the service received it; its JSON form is fingerprinted
     * @param status    the success status to record (REST replays it)
     */
    public <T> Uni<Created<T>> createOnce(String callerSubject, IdempotencyKey key, String operation, Object request,
            int status, Class<T> type, Supplier<Uni<T>> create) {
        if (key == null) {
            return Panache.withTransaction(create).map(resource -> new Created<>(resource, false));
        }
        String scopeKey = callerSubject + "\n" + key.value();
        String fingerprint = fingerprint(operation, request);
        return claim(scopeKey, fingerprint, type, CLAIM_ATTEMPTS).onFailure().invoke(refusal -> {
            if (refusal instanceof SlipwayException.IdempotencyInFlight) {
                metrics.refused(operation, "in_flight");
            } else if (refusal instanceof SlipwayException.IdempotencyKeyReused) {
                metrics.refused(operation, "key_reused");
            }
        }).flatMap(replay -> {
            if (replay != null) {
                metrics.replayed(operation);
                return Uni.createFrom().item(new Created<>(replay, true));
            }
            return Panache.<T>withTransaction(() -> create.get()
                    .call(resource -> complete(scopeKey, status, resource)))
                    .onFailure().call(() -> release(scopeKey))
                    .map(resource -> new Created<>(resource, false));
        });
    }

    /** Deletes expired keys; the retention promise is 24 h, nothing is kept longer. */
    public Uni<Integer> purgeExpired() {
        return Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(PURGE).executeUpdate()));
    }

    /** Returns null when this request now owns the key, or the earlier response to replay. */
    private <T> Uni<T> claim(String scopeKey, String fingerprint, Class<T> type, int attemptsLeft) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(CLAIM)
                .setParameter("scopeKey", scopeKey)
                .setParameter("fingerprint", fingerprint)
                .setParameter("retentionSeconds", (double) retention.toSeconds())
                .setParameter("staleSeconds", (double) staleAfter.toSeconds())
                .executeUpdate()))
                .flatMap(claimed -> claimed == 1
                        ? Uni.createFrom().<T>nullItem()
                        : existing(scopeKey, fingerprint, type, attemptsLeft));
    }

    private <T> Uni<T> existing(String scopeKey, String fingerprint, Class<T> type, int attemptsLeft) {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.<Object[]>createNativeQuery(READ)
                .setParameter("scopeKey", scopeKey)
                .getSingleResultOrNull()))
                .flatMap(row -> {
                    if (row == null) {
                        // The earlier request failed and released the key between our two reads.
                        if (attemptsLeft <= 1) {
                            return Uni.createFrom().failure(new SlipwayException.IdempotencyInFlight(
                                    "another request with this Idempotency-Key is being processed; retry shortly"));
                        }
                        return claim(scopeKey, fingerprint, type, attemptsLeft - 1);
                    }
                    if (!fingerprint.equals(row[0])) {
                        return Uni.createFrom().failure(new SlipwayException.IdempotencyKeyReused(
                                "this Idempotency-Key was already used with a different request; use a new key for a new request"));
                    }
                    if (!"COMPLETED".equals(row[1])) {
                        return Uni.createFrom().failure(new SlipwayException.IdempotencyInFlight(
                                "the first request with this Idempotency-Key is still being processed; retry shortly"));
                    }
                    return Uni.createFrom().item(() -> read((String) row[2], type));
                });
    }

    private Uni<Integer> complete(String scopeKey, int status, Object resource) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(COMPLETE)
                .setParameter("scopeKey", scopeKey)
                .setParameter("status", status)
                .setParameter("body", write(resource))
                .executeUpdate());
    }

    private Uni<Integer> release(String scopeKey) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(RELEASE)
                .setParameter("scopeKey", scopeKey)
                .executeUpdate()));
    }

    String fingerprint(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(mapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint request", e);
        }
    }

    private String write(Object resource) {
        try {
            return mapper.writeValueAsString(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record response", e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot replay recorded response", e);
        }
    }
}
