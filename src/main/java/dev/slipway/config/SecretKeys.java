package dev.slipway.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.slipway.access.AccessGuard;
import dev.slipway.access.AccessTarget;
import dev.slipway.access.Caller;
import dev.slipway.access.CallerResolver;
import dev.slipway.access.Permission;
import dev.slipway.api.SlipwayException.Unavailable;
import dev.slipway.store.crypto.SealedValues;
import dev.slipway.store.crypto.SecretKeyring;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

/**
 * The keys' side of secrets: re-encryption of every value under the active key (the last step of a
 * rotation), and the start-up check that the configured keys can open what the store holds. Both
 * cover configuration's own secret values and every other feature's {@link SealedValues} (cluster
 * credentials), so an old key shows as unused only when nothing at all is sealed under it.
 */
@ApplicationScoped
public class SecretKeys {
    private static final Logger LOG = Logger.getLogger(SecretKeys.class);
    private static final int BATCH = 100;
    private static final UUID FIRST = new UUID(0, 0);

    private final SecretKeyring keyring;
    private final SecretValueRepository values;
    private final SecretStore store;
    private final CallerResolver callers;
    private final AccessGuard access;
    private final Instance<SealedValues> others;

    public SecretKeys(SecretKeyring keyring, SecretValueRepository values, SecretStore store, CallerResolver callers,
            AccessGuard access, @Any Instance<SealedValues> others) {
        this.keyring = keyring;
        this.values = values;
        this.store = store;
        this.callers = callers;
        this.access = access;
        this.others = others;
    }

    /** Moves every secret value not under the active key to it, in batches of committed transactions. */
    public Uni<SecretReencryptionView> reencrypt() {
        // The allowed request is audited in a transaction of its own, before the batches start.
        return callers.current().call(caller -> Panache.withTransaction(() -> authorizeKeyManagement(caller))).flatMap(caller -> {
            if (!keyring.configured()) {
                throw new Unavailable("no secret key is configured (slipway.secrets.keys)");
            }
            return batches(FIRST, new long[2]).flatMap(this::reencryptOthers)
                    .flatMap(counts -> Panache.withSession(values::countByKey).flatMap(this::withOthers).map(byKey -> {
                        LOG.infof("re-encrypted %d secret value(s) under key '%s' (%d unreadable); values by key now %s",
                                counts[0], keyring.activeKeyId(), counts[1], byKey);
                        return new SecretReencryptionView(keyring.activeKeyId(), counts[0], byKey, counts[1]);
                    }));
        });
    }

    /** Key management is the platform's: every check of this service goes through here. */
    private Uni<?> authorizeKeyManagement(Caller caller) {
        return access.require(caller, Permission.SECRETS_ROTATE, AccessTarget.platform("secret key", null));
    }

    /** counts[0] moved, counts[1] unreadable. Each batch commits on its own, so a long run holds no long locks. */
    private Uni<long[]> batches(UUID after, long[] counts) {
        return Panache.withTransaction(() -> values.lockBatchNotUnder(keyring.activeKeyId(), after, BATCH).invoke(rows -> {
            for (SecretValue row : rows) {
                counts[store.reencrypt(row) ? 0 : 1]++;
            }
        })).flatMap(rows -> rows.size() < BATCH ? Uni.createFrom().item(counts) : batches(rows.get(rows.size() - 1).id, counts));
    }

    /** Re-encrypts every other feature's sealed values too, one after the other, adding to the counts. */
    private Uni<long[]> reencryptOthers(long[] counts) {
        Uni<long[]> all = Uni.createFrom().item(counts);
        for (SealedValues holder : others) {
            all = all.flatMap(sofar -> holder.reencrypt().map(done -> {
                LOG.infof("re-encrypted %d of the %s (%d unreadable)", done.moved(), holder.description(), done.unreadable());
                sofar[0] += done.moved();
                sofar[1] += done.unreadable();
                return sofar;
            }));
        }
        return all;
    }

    /** Adds every other feature's values per key to configuration's own. */
    private Uni<Map<String, Long>> withOthers(Map<String, Long> byKey) {
        Uni<Map<String, Long>> all = Uni.createFrom().item(new TreeMap<>(byKey));
        for (SealedValues holder : others) {
            all = all.flatMap(sofar -> holder.countByKey().map(more -> {
                more.forEach((key, count) -> sofar.merge(key, count, Long::sum));
                return sofar;
            }));
        }
        return all;
    }

    /**
     * Refuses to start when the store holds secrets but no key is configured (they could neither be
     * delivered nor re-encrypted); warns about values under keys that are not configured.
     */
    void checkKeys(@Observes StartupEvent startup, Pool pool) {
        Map<String, Long> configValues = new TreeMap<>();
        pool.query("SELECT key_id, count(*) AS n FROM config_secret_values GROUP BY key_id").execute()
                .await().atMost(Duration.ofSeconds(30))
                .forEach(row -> configValues.put(row.getString("key_id"), row.getLong("n")));
        Map<String, Long> byKey = withOthers(configValues).await().atMost(Duration.ofSeconds(30));
        long total = byKey.values().stream().mapToLong(Long::longValue).sum();
        if (total > 0 && !keyring.configured()) {
            throw new IllegalStateException("the store holds " + total + " encrypted secret value(s) under key(s) " + byKey.keySet()
                    + " but no secret key is configured; set slipway.secrets.keys (and slipway.secrets.active-key)");
        }
        List<String> missing = byKey.keySet().stream().filter(id -> !keyring.has(id)).toList();
        if (!missing.isEmpty()) {
            LOG.warnf("secret values under key(s) %s cannot be opened: those keys are not configured in slipway.secrets.keys", missing);
        }
        if (keyring.configured()) {
            long older = byKey.entrySet().stream().filter(e -> !e.getKey().equals(keyring.activeKeyId()))
                    .mapToLong(Map.Entry::getValue).sum();
            LOG.infof("Secrets: active key '%s' of %s; %d stored value(s)%s", keyring.activeKeyId(), keyring.keyIds(), total,
                    older > 0 ? ", " + older + " under older keys (POST /api/v1/secrets:reencrypt moves them)" : "");
        }
    }
}
