package dev.slipway.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.slipway.access.AccessPolicy.Decision;
import dev.slipway.api.SlipwayException;
import dev.slipway.runtime.LogContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Service-layer gate: loads the caller's role bindings, asks {@link AccessPolicy}, writes the
 * audit record and turns a denial into the error the caller sees. A target the caller may not
 * even see answers exactly like a missing application (404), so names cannot be probed.
 */
@ApplicationScoped
public class AccessGuard {
    private static final String BINDINGS_OF = "SELECT id, subject, role, scope FROM role_bindings WHERE subject = ANY($1)";

    private final Pool pool;
    private final AuditLog audit;
    private final AuthorizationMetrics metrics;

    /** @param pool the side pool: bindings are read beside the request's own transaction, never waiting on the main pool */
    public AccessGuard(@ReactiveDataSource("side") Pool pool, AuditLog audit, AuthorizationMetrics metrics) {
        this.metrics = metrics;
        this.pool = pool;
        this.audit = audit;
    }

    /**
     * Every binding naming the caller (as user, service account or group member). Read once per
     * request: a write checks visibility and then its permission, and both see the same bindings.
     */
    public Uni<List<Binding>> bindingsOf(Caller caller) {
        String key = BINDINGS_OF + caller.subject();
        List<Binding> known = RequestOrigin.requestLocal(key);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        String[] subjects = caller.bindingSubjects().toArray(String[]::new);
        return pool.preparedQuery(BINDINGS_OF).execute(Tuple.of(subjects)).map(rows -> {
            List<Binding> bindings = new ArrayList<>();
            for (Row row : rows) {
                bindings.add(new Binding(row.getUUID("id"), row.getString("subject"), Role.valueOf(row.getString("role")),
                        Scope.parse(row.getString("scope"))));
            }
            RequestOrigin.putRequestLocal(key, List.copyOf(bindings));
            return bindings;
        });
    }

    /** The applications the caller may see: all for admins and platform-scoped bindings. */
    public Uni<Visibility> visibility(Caller caller) {
        return bindingsOf(caller).map(bindings -> {
            boolean all = caller.admin() || bindings.stream().anyMatch(binding -> binding.scope().isPlatform());
            Set<String> applications = bindings.stream().map(binding -> binding.scope().application())
                    .filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
            return new Visibility(all, applications, caller.groups());
        });
    }

    /** Decides without side effects: the access check API and list filters use this. */
    public Uni<Decision> decide(Caller caller, Permission permission, AccessTarget target) {
        if (permission == Permission.PLATFORM_READ) {
            return Uni.createFrom().item(AccessPolicy.decide(caller, List.of(), permission, target));
        }
        return bindingsOf(caller).map(bindings -> AccessPolicy.decide(caller, bindings, permission, target));
    }

    /**
     * Requires the permission. An allowed write is audited in the current transaction (call this
     * inside the write's transaction); a denial is audited at once and fails with 404 when the
     * caller may not see the target, else 403.
     */
    public Uni<Decision> require(Caller caller, Permission permission, AccessTarget target) {
        nameInLogs(target);
        return decide(caller, permission, target).call(decision -> {
            if (decision.allowed()) {
                return permission.isWrite()
                        ? recordAllowed(AuditLog.Entry.of(caller, permission, target, true, decision.reason()))
                        : Uni.createFrom().voidItem();
            }
            metrics.denied(permission, decision.visible());
            return audit.recordNow(AuditLog.Entry.of(caller, permission, target, false, decision.reason()))
                    .onItem().failWith(() -> denial(decision, target));
        });
    }

    /**
     * Requires the permission like {@link #require(Caller, Permission, AccessTarget)}, and says
     * more in the audit record: why the caller did it (e.g. a break-glass reason).
     */
    public Uni<Decision> require(Caller caller, Permission permission, AccessTarget target, String detail) {
        nameInLogs(target);
        return decide(caller, permission, target).call(decision -> {
            String full = decision.reason() + "; " + detail;
            // The audit log keeps at most 1000 characters of a reason.
            String reason = full.length() > 1000 ? full.substring(0, 999) + "…" : full;
            if (decision.allowed()) {
                return permission.isWrite()
                        ? recordAllowed(AuditLog.Entry.of(caller, permission, target, true, reason))
                        : Uni.createFrom().voidItem();
            }
            metrics.denied(permission, decision.visible());
            return audit.recordNow(AuditLog.Entry.of(caller, permission, target, false, reason))
                    .onItem().failWith(() -> denial(decision, target));
        });
    }

    /** The error for a denial: 404 for what the caller may not know exists, else 403. */
    public static SlipwayException denial(Decision decision, AccessTarget target) {
        if (!decision.visible()) {
            return SlipwayException.NotFound.of("application", target.application());
        }
        return new SlipwayException.Forbidden(decision.reason());
    }

    /** Records a denial decided elsewhere (for example an attempted escalation). */
    public Uni<Void> recordDenied(Caller caller, Permission permission, AccessTarget target, String reason) {
        metrics.denied(permission, true); // decided where the target was visible: the caller is told why
        return audit.recordNow(AuditLog.Entry.of(caller, permission, target, false, reason));
    }

    /**
     * A request that needs a permission on an application is about that application: its log
     * lines say so from here on. (Decisions alone, as list filters make them, name none.)
     */
    private static void nameInLogs(AccessTarget target) {
        if (target.application() != null) {
            LogContext.put(LogContext.APPLICATION, target.application());
        }
    }

    private Uni<Void> recordAllowed(AuditLog.Entry entry) {
        return Panache.currentTransaction().flatMap(transaction -> transaction != null
                ? audit.recordInTransaction(entry)
                : audit.recordNow(entry));
    }
}
