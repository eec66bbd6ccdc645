package dev.slipway.infra.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.infra.driver.ProvisionContext;

/**
 * What templates see: {@code params} (the request's), {@code generated}, {@code secrets} (the
 * definition's), {@code resource}, {@code application}, {@code environment}, {@code namespace};
 * output templates also {@code cluster} ({@link ClusterLookups}). Only plain maps, lists, strings,
 * numbers and booleans: the template engine resolves nothing else.
 */
final class TemplateData {
    static final String CLUSTER = "cluster";

    private TemplateData() {
    }

    /**
     * @throws IllegalArgumentException when a parameter is not plain JSON or a string holds a line
     *                                  break or control character, which could smuggle YAML into
     *                                  the rendered objects
     */
    static Map<String, Object> of(ProvisionContext context) {
        Map<String, Object> data = new HashMap<>();
        data.put("params", plain(context.params(), "params"));
        data.put("generated", Map.copyOf(context.generated()));
        data.put("secrets", Map.copyOf(context.inputs().secrets()));
        data.put("resource", context.resource());
        data.put("application", context.application());
        data.put("environment", context.environment());
        data.put("namespace", context.namespace());
        return data;
    }

    /** {@code data} with the cluster lookups added, for output templates. */
    static Map<String, Object> withLookups(Map<String, Object> data, ClusterLookups lookups) {
        Map<String, Object> withLookups = new HashMap<>(data);
        withLookups.put(CLUSTER, lookups);
        return withLookups;
    }

    private static Object plain(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item, path + "." + key)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(plain(list.get(i), path + "[" + i + "]"));
            }
            return copy;
        }
        if (value instanceof String text) {
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(path + " must not contain line breaks or other control characters");
            }
            return text;
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException(path + " must be a JSON value (string, number, boolean, list or object)");
    }
}
