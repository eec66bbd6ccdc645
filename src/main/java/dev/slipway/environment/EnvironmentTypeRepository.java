package dev.slipway.environment;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class EnvironmentTypeRepository implements PanacheRepositoryBase<EnvironmentType, UUID> {

    public Uni<EnvironmentType> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** One page in promotion order (ties by name); the page key is "order|name". */
    public Uni<List<EnvironmentType>> page(PageRequest page) {
        return KeysetQuery.select("SELECT * FROM environment_types")
                .after(page, "(promotion_order, name) > (?, ?)", key -> {
                    String[] parts = key.split("\\|", 2);
                    return List.of(Integer.parseInt(parts[0]), parts[1]);
                })
                .page("promotion_order, name", page)
                .list(EnvironmentType.class);
    }

    static String pageKey(EnvironmentType type) {
        return type.promotionOrder + "|" + type.name;
    }

    public Uni<List<String>> namesWithDefaultCluster(String cluster) {
        return find("defaultCluster", Sort.by("name"), cluster).project(NameOnly.class).list()
                .map(rows -> rows.stream().map(NameOnly::name).toList());
    }

    /** Projection for name lists in error messages. */
    public record NameOnly(String name) {
    }
}
