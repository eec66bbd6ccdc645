package dev.slipway.environment.freeze;

import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class FreezeRepository implements PanacheRepositoryBase<Freeze, UUID> {
    public Uni<Freeze> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** One page by name, optionally only the freezes naming one application. */
    public Uni<List<Freeze>> page(PageRequest page, String application) {
        return KeysetQuery.select("SELECT * FROM freezes")
                .whereGiven("application = ?", application)
                .after(page, "name > ?", List::of)
                .page("name", page)
                .list(Freeze.class);
    }

    /** Every freeze whose scope covers the environment, whether in force now or not. */
    public Uni<List<Freeze>> covering(UUID applicationId, UUID environmentId, String environmentType) {
        return find("scope = ?1 or (scope = ?2 and environmentType = ?3 and (applicationId is null or applicationId = ?4))"
                + " or (scope = ?5 and environmentId = ?6) order by name", FreezeScopeKind.PLATFORM, FreezeScopeKind.ENVIRONMENT_TYPE,
                environmentType, applicationId, FreezeScopeKind.ENVIRONMENT, environmentId).list();
    }
}
