package dev.slipway.infra.definition;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ResourceTypeRepository implements PanacheRepositoryBase<ResourceType, UUID> {

    public Uni<ResourceType> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** One page by name. */
    public Uni<List<ResourceType>> page(PageRequest page) {
        return KeysetQuery.select("SELECT * FROM resource_types")
                .after(page, "name > ?", List::of)
                .page("name", page)
                .list(ResourceType.class);
    }
}
