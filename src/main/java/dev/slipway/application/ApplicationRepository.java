package dev.slipway.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.access.Visibility;
import dev.slipway.api.LabelSelector;
import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {
    public Uni<Application> findByName(String name) {
        return find("name", name).firstResult();
    }

    /**
     * One keyset page ordered by name, only what the visibility admits. The label filter is a
     * jsonb containment test, answered by the GIN index on labels.
     */
    public Uni<List<Application>> page(PageRequest page, String ownerGroup, Map<String, String> labelSelector,
            Visibility visibility) {
        return KeysetQuery.select("SELECT * FROM applications")
                .after(page, "name > ?", List::of)
                .whereGiven("owner_group = ?", ownerGroup)
                // An empty IN list is not SQL; the empty string (no application or group has it) stands in for none.
                .whereIf(!visibility.all(), "name IN (?) OR owner_group IN (?)", orNone(visibility.applications()),
                        orNone(visibility.ownerGroups()))
                // Typed as text first: the driver would send a String bound straight to jsonb as a JSON string.
                .whereIf(!labelSelector.isEmpty(), "labels @> CAST(CAST(? AS text) AS jsonb)",
                        LabelSelector.toContainmentJson(labelSelector))
                .page("name", page)
                .list(Application.class);
    }

    public Uni<List<String>> namesOwnedBy(java.util.Set<String> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("ownerGroup in ?1", List.copyOf(groups)).project(NameOnly.class).list()
                .map(rows -> rows.stream().map(NameOnly::name).toList());
    }

    /** Projection for name-only queries. */
    public record NameOnly(String name) {
    }

    private static List<String> orNone(java.util.Set<String> values) {
        return values.isEmpty() ? List.of("") : List.copyOf(values);
    }
}
