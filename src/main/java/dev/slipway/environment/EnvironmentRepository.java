package dev.slipway.environment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.api.LabelSelector;
import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import dev.slipway.store.Sql;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class EnvironmentRepository implements PanacheRepositoryBase<Environment, UUID> {

    public Uni<Environment> findByName(UUID applicationId, String name) {
        return find("applicationId = :app and name = :name", Parameters.with("app", applicationId).and("name", name)).firstResult();
    }

    public Uni<Environment> findByNamespace(String cluster, String namespace) {
        return find("cluster = :cluster and namespace = :namespace", Parameters.with("cluster", cluster).and("namespace", namespace))
                .firstResult();
    }

    /** Names of an application's environments, for the "still in use" refusal when it is deleted. */
    public Uni<List<String>> namesOfApplication(String application) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT e.name FROM environments e JOIN applications a ON a.id = e.application_id
                 WHERE a.name = ?1 ORDER BY e.name""", String.class)
                .setParameter(1, application).getResultList());
    }

    /** The first few environments on a cluster as application/environment, for the "still in use" refusal. */
    public Uni<List<String>> namesOnCluster(String cluster, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT a.name || '/' || e.name FROM environments e JOIN applications a ON a.id = e.application_id
                 WHERE e.cluster = ?1 ORDER BY a.name, e.name LIMIT ?2""", String.class)
                .setParameter(1, cluster).setParameter(2, limit).getResultList());
    }

    public Uni<Long> countOnCluster(String cluster) {
        return count("cluster", cluster);
    }

    public Uni<Long> countOfType(String type) {
        return count("type", type);
    }

    /** One keyset page of an application's environments by name, optionally filtered by labels and by expiring before an instant. */
    public Uni<List<Environment>> page(UUID applicationId, PageRequest page, Map<String, String> labelSelector, Instant expiresBefore) {
        return KeysetQuery.select("SELECT * FROM environments")
                .where("application_id = ?", applicationId)
                .after(page, "name > ?", List::of)
                // Typed as text first: the driver would send a String bound straight to jsonb as a JSON string.
                .whereIf(!labelSelector.isEmpty(), "labels @> CAST(CAST(? AS text) AS jsonb)",
                        LabelSelector.toContainmentJson(labelSelector))
                .whereIf(expiresBefore != null, "expires_at < ?", expiresBefore == null ? null : expiresBefore.atOffset(ZoneOffset.UTC))
                .page("name", page)
                .list(Environment.class);
    }

    /**
     * Deletes the environment at the version read, unless Slipway has put something into its
     * cluster meanwhile (the runner marks that without moving the version, so that a change a
     * caller makes at the same time is not refused for it); whether it was deleted.
     */
    public Uni<Boolean> deleteUnlessInCluster(UUID id, long version) {
        return Sql.of("DELETE FROM environments WHERE id = :id AND version = :version AND NOT cluster_footprint").bind("id", id)
                .bind("version", version).updateInSession().map(rows -> rows > 0);
    }
}
