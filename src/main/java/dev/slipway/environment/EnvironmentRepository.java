package dev.slipway.environment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.api.LabelSelector;
import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
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

    /** Names of an application's environments, for the "still has environments" refusal. */
    public Uni<List<String>> namesOf(UUID applicationId) {
        return find("applicationId", Sort.by("name"), applicationId).project(EnvironmentTypeRepository.NameOnly.class).list()
                .map(rows -> rows.stream().map(EnvironmentTypeRepository.NameOnly::name).toList());
    }

    public Uni<Long> countOnCluster(String cluster) {
        return count("cluster", cluster);
    }

    public Uni<Long> countOfType(String type) {
        return count("type", type);
    }

    /** One keyset page of an application's environments by name, optionally filtered by labels. */
    public Uni<List<Environment>> page(UUID applicationId, PageRequest page, Map<String, String> labelSelector) {
        return KeysetQuery.select("SELECT * FROM environments")
                .where("application_id = ?", applicationId)
                .after(page, "name > ?", List::of)
                // Typed as text first: the driver would send a String bound straight to jsonb as a JSON string.
                .whereIf(!labelSelector.isEmpty(), "labels @> CAST(CAST(? AS text) AS jsonb)",
                        LabelSelector.toContainmentJson(labelSelector))
                .page("name", page)
                .list(Environment.class);
    }
}
