package dev.slipway.store.crypto;

import java.util.Map;

import io.smallrye.mutiny.Uni;

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

    /** Outcome of {@link #reencrypt}: values moved to the active key, and values that could not be opened. */
    record Reencrypted(long moved, long unreadable) {
    }
}
