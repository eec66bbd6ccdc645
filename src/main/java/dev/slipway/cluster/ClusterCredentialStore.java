package dev.slipway.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.Timestamps;
import dev.slipway.store.Sql;
import dev.slipway.store.crypto.SealedSecret;
import dev.slipway.store.crypto.SealedValues;
import dev.slipway.store.crypto.SecretKeyring;
import dev.slipway.store.crypto.SecretUnreadableException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Where cluster credentials become ciphertext and back. They are sealed as one JSON document
 * (kubeconfig and context, or token and CA bundle) under the keyring's active key, bound to the
 * cluster's id and the key id; plaintext exists only in memory, on its way in from a request or to
 * the client the driver builds. Log lines name clusters and keys, never content.
 */
@ApplicationScoped
public class ClusterCredentialStore implements PanacheRepositoryBase<SealedCredentials, UUID>, SealedValues {
    private static final Logger LOG = Logger.getLogger(ClusterCredentialStore.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);
    private static final String FIND = "SELECT key_id, format, nonce, ciphertext FROM cluster_credentials WHERE cluster_id = :cluster";
    private final SecretKeyring keyring;
    private final ObjectMapper mapper;
    private final Pool pool;

    public ClusterCredentialStore(SecretKeyring keyring, ObjectMapper mapper, Pool pool) {
        this.keyring = keyring;
        this.mapper = mapper;
        this.pool = pool;
    }

    /** Seals the credentials for the cluster under the active key, replacing any it had, in the caller's transaction. */
    Uni<Void> put(UUID clusterId, ClusterCredentials credentials) {
        byte[] plaintext = json(credentials);
        SealedSecret sealed = keyring.seal(plaintext, associatedData(clusterId, keyring.activeKeyId()));
        return findById(clusterId).flatMap(existing -> {
            SealedCredentials row = existing != null ? existing : new SealedCredentials();
            row.clusterId = clusterId;
            row.seal(sealed);
            row.sealedAt = Timestamps.now();
            return existing != null ? Uni.createFrom().voidItem() : persist(row).replaceWithVoid();
        });
    }

    /** Drops the cluster's credentials, in the caller's transaction. */
    Uni<Void> remove(UUID clusterId) {
        return deleteById(clusterId).replaceWithVoid();
    }

    /**
     * The cluster's credentials in clear, or null when it has none. Blocking (reads on the pool):
     * for the driver's worker threads.
     *
     * @throws SecretUnreadableException when their key is not configured or they do not authenticate
     */
    public ClusterCredentials open(UUID clusterId) {
        var rows = Sql.of(FIND).bind("cluster", clusterId).execute(pool).await().atMost(QUERY_TIMEOUT);
        if (rows.rowCount() == 0) {
            return null;
        }
        Row row = rows.iterator().next();
        SealedSecret sealed = new SealedSecret(row.getString("key_id"), row.getInteger("format"),
                row.getBuffer("nonce").getBytes(), row.getBuffer("ciphertext").getBytes());
        byte[] plaintext = keyring.open(sealed, associatedData(clusterId, sealed.keyId()));
        try {
            return mapper.readValue(plaintext, ClusterCredentials.class);
        } catch (java.io.IOException e) {
            throw new SecretUnreadableException("credentials of cluster " + clusterId + " are not in the stored layout");
        }
    }

    @Override
    public String description() {
        return "cluster credentials";
    }

    @Override
    public Uni<Map<String, Long>> countByKey() {
        return SealedValues.countByKeyIn(pool, "cluster_credentials");
    }

    /** Clusters are few: one transaction re-seals all of them, rows locked so two runs never work on the same one. */
    @Override
    public Uni<Reencrypted> reencrypt() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT * FROM cluster_credentials WHERE key_id <> :key FOR UPDATE SKIP LOCKED", SealedCredentials.class)
                .setParameter("key", keyring.activeKeyId()).getResultList())
                .map(this::reseal));
    }

    private Reencrypted reseal(List<SealedCredentials> rows) {
        long moved = 0;
        long unreadable = 0;
        for (SealedCredentials row : rows) {
            try {
                byte[] plaintext = keyring.open(row.sealed(), associatedData(row.clusterId, row.keyId));
                row.seal(keyring.seal(plaintext, associatedData(row.clusterId, keyring.activeKeyId())));
                moved++;
            } catch (SecretUnreadableException e) {
                LOG.warnf("credentials of cluster %s cannot be re-encrypted: %s", row.clusterId, e.getMessage());
                unreadable++;
            }
        }
        return new Reencrypted(moved, unreadable);
    }

    private byte[] json(ClusterCredentials credentials) {
        try {
            return mapper.writeValueAsBytes(credentials);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cluster credentials cannot be serialised", e);
        }
    }

    /** Binds a ciphertext to its cluster and key: credentials copied to another cluster's row do not open there. */
    static byte[] associatedData(UUID clusterId, String keyId) {
        return ("slipway-cluster-credentials|v1|" + clusterId + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
