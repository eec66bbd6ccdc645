package dev.slipway.application;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    public Uni<List<Application>> page(PageRequest page, String ownerGroup, Map<String, String> labelSelector) {
        StringBuilder sql = new StringBuilder("SELECT * FROM applications WHERE true");
        if (page.afterKey() != null) {
            sql.append(" AND name > :after");
        }
        if (ownerGroup != null) {
            sql.append(" AND owner_group = :ownerGroup");
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
            if (!labelSelector.isEmpty()) {
                query.setParameter("labels", LabelSelector.toContainmentJson(labelSelector));
            }
            return query.getResultList();
        });
    }
}
