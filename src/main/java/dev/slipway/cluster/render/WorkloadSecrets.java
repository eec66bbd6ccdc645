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
 * @param values          variable name -> secret value, delivered to every container through the rendered Secret
 * @param references      variable name -> a key of an existing Secret in the namespace
 * @param containerValues container name -> variable name -> secret value for that container only (a
 *                        container's own env value that holds a secret, such as a resource's password),
 *                        delivered through a second Secret that no container imports whole
 * @param version         opaque, non-blank when there are values; equal versions mean equal values
 */
public record WorkloadSecrets(Map<String, String> values, Map<String, SecretReference> references,
        Map<String, Map<String, String>> containerValues, String version) {
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
        SortedMap<String, Map<String, String>> perContainer = new TreeMap<>();
        if (containerValues != null) {
            containerValues.forEach((container, variables) -> {
                if (!variables.isEmpty()) {
                    perContainer.put(Objects.requireNonNull(container, "container"), sorted(variables));
                }
            });
        }
        containerValues = Collections.unmodifiableSortedMap(perContainer);
        version = version == null ? "" : version;
        if ((!values.isEmpty() || !containerValues.isEmpty()) && version.isBlank()) {
            throw new IllegalArgumentException("secret values need a version");
        }
    }

    /** Configuration secrets only. */
    public WorkloadSecrets(Map<String, String> values, Map<String, SecretReference> references, String version) {
        this(values, references, Map.of(), version);
    }

    /** Every secret value this render delivers (for masking them where cluster output is shown). */
    public java.util.List<String> allValues() {
        java.util.List<String> all = new java.util.ArrayList<>(values.values());
        containerValues.values().forEach(variables -> all.addAll(variables.values()));
        return all;
    }

    public boolean isEmpty() {
        return values.isEmpty() && references.isEmpty() && containerValues.isEmpty();
    }

    /**
     * These secrets plus more: variables for every container (a configuration variable that
     * became secret when a placeholder resolved to a secret output) and per-container ones, under a
     * version that changes with either. {@code moreVersion} must change whenever the added values do.
     */
    public WorkloadSecrets plus(Map<String, String> moreValues, Map<String, Map<String, String>> perContainer, String moreVersion) {
        if (moreValues.isEmpty() && perContainer.values().stream().allMatch(Map::isEmpty)) {
            return this;
        }
        Map<String, String> allValues = new TreeMap<>(values);
        allValues.putAll(moreValues);
        return new WorkloadSecrets(allValues, references, perContainer, version + "|" + moreVersion);
    }

    @Override
    public String toString() {
        Map<String, java.util.Set<String>> containerNames = new TreeMap<>();
        containerValues.forEach((container, variables) -> containerNames.put(container, variables.keySet()));
        return "WorkloadSecrets[values=" + values.keySet() + ", references=" + references + ", containerValues=" + containerNames + "]";
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
