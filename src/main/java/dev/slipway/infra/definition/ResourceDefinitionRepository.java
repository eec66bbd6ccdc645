package dev.slipway.infra.definition;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ResourceDefinitionRepository implements PanacheRepositoryBase<ResourceDefinition, UUID> {
    public Uni<ResourceDefinition> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** Every definition of a type, by name. */
    public Uni<List<ResourceDefinition>> ofType(String type) {
        return find("type", Sort.by("name"), type).list();
    }

    /** The first few definitions of a type by name, for "still in use" refusals. */
    public Uni<List<String>> namesOfType(String type, int limit) {
        return find("type", Sort.by("name"), type).page(Page.ofSize(limit)).project(NameOnly.class).list()
                .map(rows -> rows.stream().map(NameOnly::name).toList());
    }

    /**
     * Serialises writes of one type's definitions until the transaction ends, so two concurrent
     * writes cannot both pass the tie check.
     */
    public Uni<Void> lockType(String type) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))) AS locked")
                .setParameter("key", "resource-definitions:" + type)
                .getSingleResult())
                .replaceWithVoid();
    }

    /** One page by name, optionally of one type. */
    public Uni<List<ResourceDefinition>> page(PageRequest page, String type) {
        return KeysetQuery.select("SELECT * FROM resource_definitions")
                .whereGiven("type = ?", type)
                .after(page, "name > ?", List::of)
                .page("name", page)
                .list(ResourceDefinition.class);
    }

    /** Projection for name lists in error messages. */
    public record NameOnly(String name) {
    }
}
