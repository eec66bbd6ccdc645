package dev.slipway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Equality-based label selector ({@code k=v,k2=v2}); every pair must match. Parsed into a map
 * so the store can answer it with a jsonb containment query on an indexed column.
 */
public final class LabelSelector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LabelSelector() {
    }

    /** Parses a selector; null or blank means "no filter" and gives an empty map. */
    public static Map<String, String> parse(String selector) {
        if (selector == null || selector.isBlank()) {
            return Map.of();
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String term : selector.split(",")) {
            int eq = term.indexOf('=');
            String key = eq < 0 ? "" : term.substring(0, eq).trim();
            String value = eq < 0 ? "" : term.substring(eq + 1);
            if (value.startsWith("=")) {
                value = value.substring(1); // "k==v" is the same as "k=v", as in kubectl
            }
            value = value.trim();
            if (key.isEmpty() || value.contains("=")) {
                throw SlipwayException.Invalid.field("labelSelector", ErrorText.quote(term.trim()) + " is not of the form key=value");
            }
            if (pairs.put(key, value) != null) {
                throw SlipwayException.Invalid.field("labelSelector", "key '" + key + "' appears more than once");
            }
        }
        Violations violations = new Violations().labels("labelSelector", pairs);
        violations.throwIfAny();
        return pairs;
    }

    /** A canonical rendering for page-token fingerprints (order-insensitive). */
    public static String canonical(Map<String, String> selector) {
        return new TreeMap<>(selector).toString();
    }

    /** The selector as a JSON object for a {@code labels @> CAST(:labels AS jsonb)} query. */
    public static String toContainmentJson(Map<String, String> selector) {
        try {
            return JSON.writeValueAsString(selector);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
