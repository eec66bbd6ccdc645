package dev.slipway.cluster;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<Cluster, UUID> {

    public Uni<Cluster> findByName(String name) {
        return find("name", name).firstResult();
    }

    public Uni<Cluster> findDefault() {
        return find("isDefault", true).firstResult();
    }

    public Uni<List<Cluster>> page(PageRequest page) {
        return KeysetQuery.select("SELECT * FROM clusters").after(page, "name > ?", List::of).page("name", page).list(Cluster.class);
    }

    /**
     * Clears the default flag everywhere but on the given cluster (one default at a time). The
     * version moves too, so the previous default's ETag changes with its representation.
     */
    public Uni<Integer> clearDefaultExcept(UUID keep) {
        return update("isDefault = false, version = version + 1 where isDefault = true and id <> ?1", keep);
    }
}
