package dev.slipway.config;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ConfigRevisionRepository implements PanacheRepositoryBase<ConfigRevision, UUID> {
    /** Stands for "no environment" in native queries, where a null parameter has no type. */
    private static final UUID NO_ENVIRONMENT = new UUID(0, 0);

    /**
     * The newest revision numbers of an application: overall, of its base, and of one
     * environment's overrides (0 where there is none).
     */
    public record Heads(long application, long base, long environment) {
        /** The last revision that changed what the environment gets. */
        public long effective() {
            return Math.max(base, environment);
        }
    }

    /**
     * Serialises configuration changes of one application until the transaction ends, so that
     * the If-Match check and the next number are decided on the newest state.
     */
    public Uni<Void> lock(UUID applicationId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
                .setParameter("key", "config:" + applicationId)
                .getSingleResult())
                .replaceWithVoid();
    }

    public Uni<Heads> heads(UUID applicationId, UUID environmentId) {
        return Panache.getSession().flatMap(session -> session.<Object[]>createNativeQuery("""
                SELECT coalesce(max(number), 0),
                       coalesce(max(number) FILTER (WHERE environment_id IS NULL), 0),
                       coalesce(max(number) FILTER (WHERE environment_id = :env), 0)
                  FROM config_revisions WHERE application_id = :app""")
                .setParameter("app", applicationId)
                .setParameter("env", environmentId == null ? NO_ENVIRONMENT : environmentId)
                .getSingleResult())
                .map(row -> new Heads(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue()));
    }

    /** The protected environment types among the application's environments: a base change reaches them. */
    public Uni<List<String>> protectedEnvironmentTypes(UUID applicationId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT DISTINCT t.name FROM environments e JOIN environment_types t ON t.name = e.type
                 WHERE e.application_id = :app AND t.is_protected""", String.class)
                .setParameter("app", applicationId)
                .getResultList());
    }

    /** The revision that holds a scope's state as of a number: its newest at or below it; null when there is none. */
    public Uni<ConfigRevision> scopeAt(UUID applicationId, UUID environmentId, long number) {
        if (number <= 0) {
            return Uni.createFrom().nullItem();
        }
        Parameters parameters = Parameters.with("app", applicationId).and("number", number);
        String scope = environmentId == null ? "environmentId is null" : "environmentId = :env";
        if (environmentId != null) {
            parameters.and("env", environmentId);
        }
        return find("applicationId = :app and " + scope + " and number <= :number", Sort.descending("number"), parameters).firstResult();
    }

    public Uni<ConfigRevision> findByNumber(UUID applicationId, long number) {
        return find("applicationId = :app and number = :number", Parameters.with("app", applicationId).and("number", number)).firstResult();
    }

    /** Newest first; with an environment, only the revisions that changed what it gets (its own and the base's). */
    public Uni<List<ConfigRevision>> page(UUID applicationId, UUID environmentId, PageRequest page) {
        return KeysetQuery.select("SELECT * FROM config_revisions")
                .where("application_id = ?", applicationId)
                .whereIf(environmentId != null, "environment_id IS NULL OR environment_id = ?", environmentId)
                .after(page, "number < ?", key -> List.of(Long.parseLong(key)))
                .page("number DESC", page)
                .list(ConfigRevision.class);
    }
}
