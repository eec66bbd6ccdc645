package dev.slipway.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SecretValueRepository implements PanacheRepositoryBase<SecretValue, UUID> {

    public Uni<List<SecretValue>> findAll(UUID applicationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("applicationId = :app and id in :ids", Parameters.with("app", applicationId).and("ids", List.copyOf(ids))).list();
    }

    /** Platform-owned values (no application) by id. */
    /** Values of an owner: an application, or the platform when {@code owner} is null. */
    public Uni<List<SecretValue>> findOwned(UUID owner, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return owner == null
                ? find("applicationId is null and id in :ids", Parameters.with("ids", List.copyOf(ids))).list()
                : findAll(owner, ids);
    }

    public Uni<Long> deleteOwned(UUID owner, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return owner == null
                ? delete("applicationId is null and id in :ids", Parameters.with("ids", List.copyOf(ids)))
                : delete("applicationId = :app and id in :ids", Parameters.with("app", owner).and("ids", List.copyOf(ids)));
    }

    /**
     * The next batch (by id, after the given one) of values not under the given key, locked so
     * that two re-encryptions never work on the same row.
     */
    public Uni<List<SecretValue>> lockBatchNotUnder(String keyId, UUID after, int limit) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT * FROM config_secret_values WHERE key_id <> :key AND id > :after
                 ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""", SecretValue.class)
                .setParameter("key", keyId)
                .setParameter("after", after)
                .setParameter("limit", limit)
                .getResultList());
    }

    /** How many values each key protects. */
    public Uni<Map<String, Long>> countByKey() {
        return Panache.getSession().flatMap(session -> session.<Object[]>createNativeQuery(
                "SELECT key_id, count(*) FROM config_secret_values GROUP BY key_id").getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new TreeMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }
}
