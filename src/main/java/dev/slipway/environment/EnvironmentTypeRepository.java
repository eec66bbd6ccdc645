package dev.slipway.environment;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.api.SlipwayException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
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
        Sort sort = Sort.by("promotionOrder").and("name");
        if (page.afterKey() == null) {
            return findAll(sort).range(0, page.fetchSize() - 1).list();
        }
        String[] key = page.afterKey().split("\\|", 2);
        int order;
        try {
            order = Integer.parseInt(key[0]);
        } catch (NumberFormatException e) {
            throw SlipwayException.Invalid.field("pageToken", "is not a token returned by this list");
        }
        return find("promotionOrder > :order or (promotionOrder = :order and name > :name)", sort,
                Parameters.with("order", order).and("name", key.length > 1 ? key[1] : ""))
                .range(0, page.fetchSize() - 1).list();
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
