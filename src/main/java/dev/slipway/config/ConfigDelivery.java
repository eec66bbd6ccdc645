package dev.slipway.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cluster.render.WorkloadSecrets;
import dev.slipway.store.crypto.SealedSecret;
import dev.slipway.store.crypto.SecretKeyring;
import dev.slipway.store.crypto.SecretUnreadableException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The configuration a deployment delivers: its environment's effective configuration as of the
 * pinned revision, with secrets opened for the render. The only way plaintext secrets leave
 * Slipway is through here, into the Secret applied to the cluster. Blocking: for the reconciler's
 * threads.
 */
@ApplicationScoped
public class ConfigDelivery {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final String SCOPE_AT = """
            SELECT entries::text AS entries FROM config_revisions
             WHERE application_id = $1 AND environment_id %s AND number <= $2 ORDER BY number DESC LIMIT 1""";

    private final Pool pool;
    private final SecretKeyring keyring;
    private final ObjectMapper mapper;

    public ConfigDelivery(Pool pool, SecretKeyring keyring, ObjectMapper mapper) {
        this.pool = pool;
        this.keyring = keyring;
        this.mapper = mapper;
    }

    /** Variables for the ConfigMap and secrets for the Secret. {@link #toString()} shows no secret. */
    public record DeliveredConfig(Map<String, String> variables, WorkloadSecrets secrets) {
        public static final DeliveredConfig NONE = new DeliveredConfig(Map.of(), WorkloadSecrets.NONE);

        @Override
        public String toString() {
            return "DeliveredConfig[variables=" + variables.keySet() + ", secrets=" + secrets + "]";
        }
    }

    /** A configuration that cannot be delivered, e.g. a secret whose key is no longer configured. The message names no value. */
    public static class Undeliverable extends RuntimeException {
        Undeliverable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param revision the pinned revision; null for a deployment made before the application had configuration
     * @throws Undeliverable when a secret cannot be opened
     */
    public DeliveredConfig load(UUID applicationId, UUID environmentId, Long revision) {
        if (revision == null) {
            return DeliveredConfig.NONE;
        }
        ConfigSnapshot base = snapshot(SCOPE_AT.formatted("IS NULL"), Tuple.of(applicationId, revision));
        ConfigSnapshot overrides = snapshot(SCOPE_AT.formatted("= $3"), Tuple.of(applicationId, revision, environmentId));
        ConfigMerge.Effective effective = ConfigMerge.effective(base, overrides);
        Map<String, String> variables = new TreeMap<>();
        Map<String, WorkloadSecrets.SecretReference> references = new TreeMap<>();
        Map<String, UUID> secretIds = new TreeMap<>();
        effective.entries().forEach((name, entry) -> {
            StoredEntry stored = entry.entry();
            switch (stored.type()) {
                case VARIABLE -> variables.put(name, stored.value());
                case SECRET_REF -> references.put(name, new WorkloadSecrets.SecretReference(stored.refName(), stored.refKey()));
                case SECRET -> secretIds.put(name, stored.secretId());
                case REMOVED -> {
                }
            }
        });
        Map<UUID, String> opened = open(applicationId, List.copyOf(secretIds.values()));
        Map<String, String> values = new TreeMap<>();
        StringJoiner version = new StringJoiner(",");
        secretIds.forEach((name, id) -> {
            String value = opened.get(id);
            if (value == null) {
                throw new Undeliverable("secret '" + name + "' (value " + id + ") is missing from the store");
            }
            values.put(name, value);
            version.add(name + "=" + id);
        });
        return new DeliveredConfig(variables, new WorkloadSecrets(values, references, version.toString()));
    }

    private ConfigSnapshot snapshot(String query, Tuple parameters) {
        RowSet<Row> rows = pool.preparedQuery(query).execute(parameters).await().atMost(QUERY_TIMEOUT);
        if (rows.rowCount() == 0) {
            return ConfigSnapshot.EMPTY;
        }
        try {
            return mapper.readValue(rows.iterator().next().getString("entries"), ConfigSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored configuration revision is unreadable", e);
        }
    }

    private Map<UUID, String> open(UUID applicationId, List<UUID> ids) {
        Map<UUID, String> opened = new HashMap<>();
        if (ids.isEmpty()) {
            return opened;
        }
        RowSet<Row> rows = pool.preparedQuery("""
                SELECT id, key_id, format, nonce, ciphertext FROM config_secret_values
                 WHERE application_id = $1 AND id = ANY($2)""")
                .execute(Tuple.of(applicationId, ids.toArray(new UUID[0]))).await().atMost(QUERY_TIMEOUT);
        for (Row row : rows) {
            UUID id = row.getUUID("id");
            SealedSecret sealed = new SealedSecret(row.getString("key_id"), row.getShort("format"),
                    row.getBuffer("nonce").getBytes(), row.getBuffer("ciphertext").getBytes());
            try {
                byte[] plaintext = keyring.open(sealed, SecretStore.associatedData(applicationId, id, sealed.keyId()));
                opened.put(id, new String(plaintext, StandardCharsets.UTF_8));
            } catch (SecretUnreadableException e) {
                throw new Undeliverable("secret value " + id + " cannot be opened: " + e.getMessage());
            }
        }
        return opened;
    }
}
