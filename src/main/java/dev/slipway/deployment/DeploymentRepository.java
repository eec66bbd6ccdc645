package dev.slipway.deployment;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.slipway.api.PageRequest;
import dev.slipway.store.KeysetQuery;
import dev.slipway.api.SlipwayException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    public Uni<Deployment> findInEnvironment(UUID environmentId, UUID id) {
        return find("id = :id and environmentId = :env", Parameters.with("id", id).and("env", environmentId)).firstResult();
    }

    /** History, newest first; the page key is "createdAt|id" (ties broken by id). */
    public Uni<List<Deployment>> page(UUID environmentId, PageRequest page, DeploymentStatus status) {
        return KeysetQuery.select("SELECT * FROM deployments")
                .where("environment_id = ?", environmentId)
                .whereGiven("status = ?", status == null ? null : status.name())
                .after(page, "(created_at, id) < (?, ?)", key -> {
                    String[] parts = key.split("\\|", 2);
                    return List.of(Instant.parse(parts[0]).atOffset(ZoneOffset.UTC), UUID.fromString(parts[1]));
                })
                .page("created_at DESC, id DESC", page)
                .list(Deployment.class);
    }

    static String pageKey(Deployment deployment) {
        return deployment.createdAt + "|" + deployment.id;
    }
}
