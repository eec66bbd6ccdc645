package dev.slipway.access;

import dev.slipway.store.Sql;
import dev.slipway.store.SqlTarget;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
            VALUES (:actor, :subjectType, :action, :resourceKind, :resource, :application, :outcome, :reason,
                    :requestId, :sourceAddress)""";
    private static final int MAX_REASON = 1000;

    /** One audit record before it is stored. */
    public record Entry(String actor, String subjectType, String action, String resourceKind, String resource,
            String application, String outcome, String reason) {

        static Entry of(Caller caller, Permission permission, AccessTarget target, boolean allowed, String reason) {
            return new Entry(caller.name(), caller.subjectType(), permission.wireName(), target.kind(), target.name(),
                    target.application(), allowed ? "ALLOWED" : "DENIED", reason);
        }
    }

    /** The subject type of what Slipway does by itself, not on a caller's request. */
    public static final String PLATFORM = "PLATFORM";

    private final Pool pool;

    /** @param pool the side pool (see application.properties), so denials commit beside a rolled-back request */
    public AuditLog(@ReactiveDataSource("side") Pool pool) {
        this.pool = pool;
    }

    /** Records inside the current Hibernate Reactive transaction. */
    public Uni<Void> recordInTransaction(Entry entry) {
        return SqlTarget.currentSession().update(insert(entry)).replaceWithVoid();
    }

    /** Records something Slipway did by itself (actor "slipway"), on its own connection. */
    public Uni<Void> recordPlatformAction(String action, String resourceKind, String resource, String application, String reason) {
        return recordNow(new Entry("slipway", PLATFORM, action, resourceKind, resource, application, "ALLOWED", reason));
    }

    /** Records on its own connection, committed at once whatever happens to the request. */
    public Uni<Void> recordNow(Entry entry) {
        return SqlTarget.client(pool).update(insert(entry)).replaceWithVoid();
    }

    /** The row, with the request's origin and overlong texts cut. */
    private static Sql insert(Entry entry) {
        RequestOrigin origin = RequestOrigin.current();
        return Sql.of(INSERT)
                .bind("actor", truncate(entry.actor(), 300))
                .bind("subjectType", entry.subjectType())
                .bind("action", entry.action())
                .bind("resourceKind", entry.resourceKind())
                .bind("resource", truncate(entry.resource(), 300))
                .bind("application", entry.application())
                .bind("outcome", entry.outcome())
                .bind("reason", truncate(entry.reason(), MAX_REASON))
                .bind("requestId", origin.requestId())
                .bind("sourceAddress", origin.sourceAddress());
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
