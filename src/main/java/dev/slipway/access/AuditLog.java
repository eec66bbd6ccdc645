package dev.slipway.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import dev.slipway.store.SideConnections;
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
    private static final String INSERT = """
            INSERT INTO audit_events (actor, subject_type, action, resource_kind, resource, application, outcome, reason,
                                      request_id, source_address)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """;
    private static final String INSERT_NAMED = """
            INSERT INTO audit_events (actor, subject_type, action, resource_kind, resource, application, outcome, reason,
                                      request_id, source_address)
            VALUES (:actor, :subjectType, :action, :kind, :resource, :application, :outcome, :reason, :requestId, :source)
            """;
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

    public AuditLog(SideConnections side) {
        this.pool = side.pool();
    }

    /** Records inside the current Hibernate Reactive transaction. */
    public Uni<Void> recordInTransaction(Entry entry) {
        RequestOrigin origin = RequestOrigin.current();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(INSERT_NAMED)
                .setParameter("actor", truncate(entry.actor(), 300))
                .setParameter("subjectType", entry.subjectType())
                .setParameter("action", entry.action())
                .setParameter("kind", entry.resourceKind())
                .setParameter("resource", truncate(entry.resource(), 300))
                .setParameter("application", entry.application())
                .setParameter("outcome", entry.outcome())
                .setParameter("reason", truncate(entry.reason(), MAX_REASON))
                .setParameter("requestId", origin.requestId())
                .setParameter("source", origin.sourceAddress())
                .executeUpdate()).replaceWithVoid();
    }

    /** Records on its own connection, committed at once whatever happens to the request. */
    public Uni<Void> recordNow(Entry entry) {
        RequestOrigin origin = RequestOrigin.current();
        return pool.preparedQuery(INSERT).execute(Tuple.from(new Object[] {
                truncate(entry.actor(), 300), entry.subjectType(), entry.action(), entry.resourceKind(),
                truncate(entry.resource(), 300), entry.application(), entry.outcome(), truncate(entry.reason(), MAX_REASON),
                origin.requestId(), origin.sourceAddress() })).replaceWithVoid();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
