package dev.slipway.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.access.Visibility;
import dev.slipway.api.LabelSelector;
import dev.slipway.api.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {
    public Uni<Application> findByName(String name) {
        return find("name", name).firstResult();
    }

    /**
     * One keyset page ordered by name. Native SQL because the label filter is a jsonb
     * containment test, answered by the GIN index on labels.
     */
    public Uni<List<Application>> page(PageRequest page, String ownerGroup, Map<String, String> labelSelector,
            Visibility visibility) {
        StringBuilder sql = new StringBuilder("SELECT * FROM applications WHERE true");
        if (page.afterKey() != null) {
            sql.append(" AND name > :after");
        }
        if (ownerGroup != null) {
            sql.append(" AND owner_group = :ownerGroup");
        }
        if (!visibility.all()) {
            // Only what the caller may see: named by a binding, or owned by one of its groups.
            sql.append(" AND (name IN (:visibleNames) OR owner_group IN (:visibleGroups))");
        }
        if (!labelSelector.isEmpty()) {
            // Typed as text first: the driver would send a String bound straight to jsonb as a JSON string.
            sql.append(" AND labels @> CAST(CAST(:labels AS text) AS jsonb)");
        }
        sql.append(" ORDER BY name LIMIT :limit");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql.toString(), Application.class).setParameter("limit", page.fetchSize());
            if (page.afterKey() != null) {
                query.setParameter("after", page.afterKey());
            }
            if (ownerGroup != null) {
                query.setParameter("ownerGroup", ownerGroup);
            }
            if (!visibility.all()) {
                // An empty IN list is not SQL; the empty string (no application or group has it) stands in for none.
                query.setParameter("visibleNames", orNone(visibility.applications()));
                query.setParameter("visibleGroups", orNone(visibility.ownerGroups()));
            }
            if (!labelSelector.isEmpty()) {
                query.setParameter("labels", LabelSelector.toContainmentJson(labelSelector));
            }
            return query.getResultList();
        });
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
