package dev.slipway.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends to the audit log. An allowed write is recorded in the transaction of the write, so the
 * record exists exactly when the write does; a denial is recorded on its own connection, because
 * the request's transaction (if any) rolls back with the error.
 */
@ApplicationScoped
public class AuditLog {
    private static final String COLUMNS = "actor, subject_type, action, resource_kind, resource, application, outcome, reason, "
            + "request_id, source_address";
    /** The reactive client's placeholders ($n) and Hibernate's (?n) for the same ten values. */
    private static final String INSERT = "INSERT INTO audit_events (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    private static final String INSERT_IN_SESSION = "INSERT INTO audit_events (" + COLUMNS
            + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    private static final int MAX_REASON = 1000;

    /** One audit record before it is stored. */
    public record Entry(String actor, String subjectType, String action, String resourceKind, String resource,
            String application, String outcome, String reason) {

        static Entry of(Caller caller, Permission permission, AccessTarget target, boolean allowed, String reason) {
            return new Entry(caller.name(), caller.subjectType(), permission.wireName(), target.kind(), target.name(),
                    target.application(), allowed ? "ALLOWED" : "DENIED", reason);
        }
    }

    private final Pool pool;

    /** @param pool the side pool (see application.properties), so denials commit beside a rolled-back request */
    public AuditLog(@ReactiveDataSource("side") Pool pool) {
        this.pool = pool;
    }

    /** Records inside the current Hibernate Reactive transaction. */
    public Uni<Void> recordInTransaction(Entry entry) {
        Object[] values = values(entry);
        return Panache.getSession().flatMap(session -> {
            var insert = session.createNativeQuery(INSERT_IN_SESSION);
            for (int i = 0; i < values.length; i++) {
                insert.setParameter(i + 1, values[i]);
            }
            return insert.executeUpdate();
        }).replaceWithVoid();
    }

    /** Records on its own connection, committed at once whatever happens to the request. */
    public Uni<Void> recordNow(Entry entry) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(values(entry))).replaceWithVoid();
    }

    /** The row's values in COLUMNS order, with the request's origin and overlong texts cut. */
    private static Object[] values(Entry entry) {
        RequestOrigin origin = RequestOrigin.current();
        return new Object[] { truncate(entry.actor(), 300), entry.subjectType(), entry.action(), entry.resourceKind(),
                truncate(entry.resource(), 300), entry.application(), entry.outcome(), truncate(entry.reason(), MAX_REASON),
                origin.requestId(), origin.sourceAddress() };
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
