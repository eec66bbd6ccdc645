package dev.slipway.deployment;

import java.time.Instant;
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
public class DeploymentRepository implements PanacheRepositoryBase<Deployment, UUID> {

    public Uni<Deployment> findInEnvironment(UUID environmentId, UUID id) {
        return find("id = :id and environmentId = :env", Parameters.with("id", id).and("env", environmentId)).firstResult();
    }

    /** History, newest first; the page key is "createdAt|id" (ties broken by id). */
    public Uni<List<Deployment>> page(UUID environmentId, PageRequest page, DeploymentStatus status) {
        StringBuilder query = new StringBuilder("environmentId = :env");
        Parameters parameters = Parameters.with("env", environmentId);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (page.afterKey() != null) {
            String[] key = page.afterKey().split("\\|", 2);
            try {
                parameters.and("afterTime", Instant.parse(key[0])).and("afterId", UUID.fromString(key[1]));
            } catch (RuntimeException e) {
                throw SlipwayException.Invalid.field("pageToken", "is not a token returned by this list");
            }
            query.append(" and (createdAt < :afterTime or (createdAt = :afterTime and id < :afterId))");
        }
        return find(query.toString(), Sort.descending("createdAt", "id"), parameters)
                .range(0, page.fetchSize() - 1).list();
    }

    static String pageKey(Deployment deployment) {
        return deployment.createdAt + "|" + deployment.id;
    }
}
