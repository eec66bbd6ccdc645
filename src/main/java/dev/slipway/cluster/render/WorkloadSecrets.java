package dev.slipway.cluster.render;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The secret part of a workload's configuration, decrypted for one render: values for the
 * Secret Slipway renders, references to keys of Secrets that already exist, and a version that
 * changes whenever the values do. The version, not the values, feeds the pod template's hash, so
 * no digest of a secret ever reaches the cluster's metadata or Slipway's records.
 *
 * <p>{@link #toString()} shows names only.
 *
 * @param values     variable name -> secret value, delivered through the rendered Secret
 * @param references variable name -> a key of an existing Secret in the namespace
 * @param version    opaque, non-blank when there are values; equal versions mean equal values
 */
public record WorkloadSecrets(Map<String, String> values, Map<String, SecretReference> references, String version) {
    public static final WorkloadSecrets NONE = new WorkloadSecrets(Map.of(), Map.of(), "");

    /** A key of a Secret that exists in the namespace. */
    public record SecretReference(String secret, String key) {
        public SecretReference {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(key, "key");
        }
    }

    public WorkloadSecrets {
        values = sorted(values);
        references = sorted(references);
        version = version == null ? "" : version;
        if (!values.isEmpty() && version.isBlank()) {
            throw new IllegalArgumentException("secret values need a version");
        }
    }

    public boolean isEmpty() {
        return values.isEmpty() && references.isEmpty();
    }

    @Override
    public String toString() {
        return "WorkloadSecrets[values=" + values.keySet() + ", references=" + references + "]";
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        SortedMap<String, V> sorted = new TreeMap<>();
        if (map != null) {
            map.forEach((name, value) -> sorted.put(Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(value, () -> "value of " + name)));
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
