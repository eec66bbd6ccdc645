package dev.slipway.rbac;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import dev.slipway.access.Role;
import dev.slipway.access.Scope;

@ApplicationScoped
public class RoleBindingRepository implements PanacheRepositoryBase<RoleBinding, UUID> {

    public Uni<RoleBinding> findExisting(String subject, Role role, Scope scope) {
        return find("subject = ?1 and role = ?2 and scope = ?3", subject, role.name(), scope.toString()).firstResult();
    }

    /**
     * One keyset page ordered by id. {@code applications} limits the page to bindings on those
     * applications plus bindings naming one of {@code ownSubjects}; null means no limit.
     */
    public Uni<List<RoleBinding>> page(PageRequest page, String scope, String subject, String application,
            List<String> applications, List<String> ownSubjects) {
        StringBuilder sql = new StringBuilder("SELECT * FROM role_bindings WHERE true");
        if (page.afterKey() != null) {
            sql.append(" AND id > CAST(:after AS uuid)");
        }
        if (scope != null) {
            sql.append(" AND scope = :scope");
        }
        if (subject != null) {
            sql.append(" AND subject = :subject");
        }
        if (application != null) {
            sql.append(" AND application = :application");
        }
        if (applications != null) {
            sql.append(" AND (application IN (:visible) OR subject IN (:own))");
        }
        sql.append(" ORDER BY id LIMIT :limit");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(sql.toString(), RoleBinding.class).setParameter("limit", page.fetchSize());
            if (page.afterKey() != null) {
                query.setParameter("after", page.afterKey());
            }
            if (scope != null) {
                query.setParameter("scope", scope);
            }
            if (subject != null) {
                query.setParameter("subject", subject);
            }
            if (application != null) {
                query.setParameter("application", application);
            }
            if (applications != null) {
                // An empty IN list is not SQL; the empty string (no application or subject has it) stands in for none.
                query.setParameter("visible", applications.isEmpty() ? List.of("") : applications);
                query.setParameter("own", ownSubjects.isEmpty() ? List.of("") : ownSubjects);
            }
            return query.getResultList();
        });
    }

    /** Removes an application's bindings when it is deleted, so a namesake starts with none. */
    public Uni<Long> deleteForApplication(String application) {
        return delete("application", application);
    }
}
