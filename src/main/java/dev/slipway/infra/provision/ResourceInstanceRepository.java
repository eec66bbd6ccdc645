package dev.slipway.infra.provision;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ResourceInstanceRepository implements PanacheRepositoryBase<ResourceInstance, UUID> {

    public Uni<ResourceInstance> findByName(UUID environmentId, String name) {
        return find("environmentId = :env and name = :name", Parameters.with("env", environmentId).and("name", name)).firstResult();
    }

    public Uni<List<ResourceInstance>> ofEnvironment(UUID environmentId) {
        return find("environmentId", Sort.by("name"), environmentId).list();
    }

    /** One keyset page of an environment's resources by name. */
    public Uni<List<ResourceInstance>> page(UUID environmentId, PageRequest page) {
        return KeysetQuery.select("SELECT * FROM resource_instances")
                .where("environment_id = ?", environmentId)
                .after(page, "name > ?", List::of)
                .page("name", page)
                .list(ResourceInstance.class);
    }
}
