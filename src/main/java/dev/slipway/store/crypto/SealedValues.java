package dev.slipway.store.crypto;

import java.util.Map;
import java.util.TreeMap;

import dev.slipway.store.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Values a feature keeps sealed by the {@link SecretKeyring} in a table of its own (cluster
 * credentials). The keys' owner (configuration's re-encryption and start-up key check) asks every
 * implementation, so a key is never reported unused while values under it remain, and the
 * feature that owns the keys imports none of the features that use them.
 */
public interface SealedValues {

    /** What the values are, for log lines: "cluster credentials". */
    String description();

    /** How many values each key id protects; runs on a pool of its own, so it also works at start-up. */
    Uni<Map<String, Long>> countByKey();

    /** Re-seals every value that is not under the active key with it, in transactions of its own. */
    Uni<Reencrypted> reencrypt();

    /**
     * {@link #countByKey} for a table that keeps its key id in a {@code key_id} column, the
     * layout every implementation uses.
     */
    static Uni<Map<String, Long>> countByKeyIn(Pool pool, String table) {
        return Sql.of("SELECT key_id, count(*) AS n FROM " + table + " GROUP BY key_id").execute(pool).map(rows -> {
            Map<String, Long> counts = new TreeMap<>();
            rows.forEach(row -> counts.put(row.getString("key_id"), row.getLong("n")));
            return counts;
        });
    }

    /** Outcome of {@link #reencrypt}: values moved to the active key, and values that could not be opened. */
    record Reencrypted(long moved, long unreadable) {
    }
}
