package dev.slipway.infra.driver;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a provisioned resource exposes to workloads, by output name: plain values (may appear in a
 * ConfigMap, an API response or a log) and secret ones (reach a pod only through a Secret and are
 * stored encrypted). Together they hold exactly the resource type's outputs.
 */
public record ResourceOutputs(Map<String, String> plain, Map<String, String> secret) {

    public static final ResourceOutputs NONE = new ResourceOutputs(Map.of(), Map.of());

    public ResourceOutputs {
        plain = Map.copyOf(plain == null ? Map.of() : plain);
        secret = Map.copyOf(secret == null ? Map.of() : secret);
    }

    /** Splits values by the type's marking: an output the type calls secret lands in {@code secret}. */
    public static ResourceOutputs split(ResourceTypeOutputs type, Map<String, String> values) {
        Map<String, String> plain = new HashMap<>();
        Map<String, String> secret = new HashMap<>();
        values.forEach((name, value) -> (type.isSecret(name) ? secret : plain).put(name, value));
        return new ResourceOutputs(plain, secret);
    }

    /** Every output name, plain and secret. */
    public Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(plain.keySet());
        names.addAll(secret.keySet());
        return names;
    }

    @Override
    public String toString() {
        // Records print every component; secret values stay out of logs and exception messages.
        return "ResourceOutputs[plain=" + new TreeMap<>(plain) + ", secret=" + new java.util.TreeSet<>(secret.keySet()) + "]";
    }
}
