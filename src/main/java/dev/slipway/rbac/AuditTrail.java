package dev.slipway.rbac;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.Page;
import dev.slipway.api.PageRequest;
import dev.slipway.api.Violations;
import dev.slipway.application.Applications;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the audit log, newest first: admins read all of it, owners their applications' part.
 * There is deliberately no way to change or delete an entry.
 */
@ApplicationScoped
public class AuditTrail {
    private final Pool pool;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final Applications applications;

    public AuditTrail(Pool pool, CallerResolver callers, AccessGuard access, Applications applications) {
        this.pool = pool;
        this.callers = callers;
        this.access = access;
        this.applications = applications;
    }

    public Uni<Page<AuditEventView>> list(AuditQuery query) {
        Violations violations = new Violations();
        if (query.application() != null) {
            violations.slug("application", query.application());
        }
        if (query.outcome() != null && !query.outcome().equals("ALLOWED") && !query.outcome().equals("DENIED")) {
            violations.add("outcome", "must be ALLOWED or DENIED");
        }
        Instant since = instant(violations, "since", query.since());
        Instant until = instant(violations, "until", query.until());
        violations.throwIfAny();
        PageRequest page = PageRequest.of(query.pageSize(), query.pageToken(), query.application(), query.actor(), query.action(),
                query.resource(), query.outcome(), query.since(), query.until());
        return callers.current()
                .call(caller -> authorize(caller, query.application()))
                .flatMap(ignored -> fetch(page, query, since, until))
                .map(rows -> Page.from(rows, page, event -> Long.toString(event.id()), event -> event));
    }

    /** The whole log takes audit.read on the platform (admins); one application's part, owner there. */
    private Uni<?> authorize(Caller caller, String application) {
        if (application == null) {
            return access.require(caller, Permission.AUDIT_READ, AccessTarget.platform("audit-log", null));
        }
        return Panache.withSession(() -> applications.requireVisible(caller, application))
                .flatMap(app -> access.require(caller, Permission.AUDIT_READ, Applications.target(app)));
    }

    private Uni<List<AuditEventView>> fetch(PageRequest page, AuditQuery query, Instant since, Instant until) {
        return KeysetQuery.select("SELECT * FROM audit_events")
                .after(page, "id < ?", key -> List.of(Long.parseLong(key)))
                .whereGiven("application = ?", query.application())
                .whereGiven("actor = ?", query.actor())
                .whereGiven("action = ?", query.action())
                .whereGiven("resource = ?", query.resource())
                .whereGiven("outcome = ?", query.outcome())
                .whereGiven("occurred_at >= ?", since == null ? null : since.atOffset(ZoneOffset.UTC))
                .whereGiven("occurred_at < ?", until == null ? null : until.atOffset(ZoneOffset.UTC))
                .page("id DESC", page)
                .list(pool, row -> new AuditEventView(row.getLong("id"), row.getOffsetDateTime("occurred_at").toInstant(),
                        row.getString("actor"), row.getString("subject_type"), row.getString("action"),
                        row.getString("resource_kind"), row.getString("resource"), row.getString("application"),
                        row.getString("outcome"), row.getString("reason"), row.getString("request_id"),
                        row.getString("source_address")));
    }

    private static Instant instant(Violations violations, String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(field, "must be an RFC 3339 timestamp such as 2026-11-26T09:30:00Z");
            return null;
        }
    }
}
