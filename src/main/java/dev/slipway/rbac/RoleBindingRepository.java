package dev.slipway.rbac;

import java.util.List;
import java.util.UUID;

import dev.slipway.access.Role;
import dev.slipway.access.Scope;
import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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
        return KeysetQuery.select("SELECT * FROM role_bindings")
                .after(page, "id > ?", key -> List.of(UUID.fromString(key)))
                .whereGiven("scope = ?", scope)
                .whereGiven("subject = ?", subject)
                .whereGiven("application = ?", application)
                // An empty IN list is not SQL; the empty string (no application or subject has it) stands in for none.
                .whereIf(applications != null, "application IN (?) OR subject IN (?)", orNone(applications), orNone(ownSubjects))
                .page("id", page)
                .list(RoleBinding.class);
    }

    private static List<String> orNone(List<String> values) {
        return values == null || values.isEmpty() ? List.of("") : values;
    }
}
