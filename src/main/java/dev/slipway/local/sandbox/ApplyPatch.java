package dev.slipway.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON side of the sandbox's server-side apply: what an applied object may carry, and how it
 * lands on the stored one. A simplification of the real field-ownership model: maps merge
 * (RFC 7386), lists are replaced whole, and a field this field manager sent last time but no
 * longer sends is removed, unless someone else changed it since. Conflicts between field managers
 * are not tracked.
 */
final class ApplyPatch {

    /** Fields the server owns: an applier may not set them (resourceVersion stays, as a precondition). */
    private static final List<String> SERVER_METADATA = List.of(
            "managedFields", "uid", "creationTimestamp", "generation", "selfLink", "deletionTimestamp",
            "deletionGracePeriodSeconds");

    private ApplyPatch() {
    }

    /**
     * Removes what an apply request may not change and normalises what the API server would:
     * status goes (it belongs to the status subresource), Secret {@code stringData} is folded into
     * base64 {@code data}.
     */
    static void sanitize(ObjectNode applied) {
        applied.remove("status");
        JsonNode metadata = applied.get("metadata");
        if (metadata instanceof ObjectNode meta) {
            SERVER_METADATA.forEach(meta::remove);
        }
        if ("Secret".equals(applied.path("kind").asText()) && applied.get("stringData") instanceof ObjectNode stringData) {
            ObjectNode data = applied.get("data") instanceof ObjectNode existing ? existing : applied.putObject("data");
            for (Map.Entry<String, JsonNode> entry : entries(stringData)) {
                byte[] raw = entry.getValue().asText().getBytes(StandardCharsets.UTF_8);
                data.put(entry.getKey(), Base64.getEncoder().encodeToString(raw));
            }
            applied.remove("stringData");
        }
    }

    /** RFC 7386 JSON merge patch: objects merge key by key, null deletes, anything else (arrays too) replaces. */
    static void merge(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> entry : entries(patch)) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject()) {
                ObjectNode child = target.get(name) instanceof ObjectNode existing ? existing : target.putObject(name);
                merge(child, value);
            } else {
                target.set(name, value.deepCopy());
            }
        }
    }

    /**
     * Removes from {@code target} every field that {@code previous} (this manager's last applied
     * object) had and {@code current} no longer has, unless its stored value is no longer the one
     * this manager applied: then another writer (an autoscaler setting {@code spec.replicas},
     * say) has changed it and owns it now, and a real API server leaves it alone. Maps this
     * manager drops lose only the fields it still owns. Lists count as one field.
     */
    static void removeDropped(ObjectNode target, JsonNode previous, JsonNode current) {
        for (Map.Entry<String, JsonNode> entry : entries(previous)) {
            String name = entry.getKey();
            JsonNode was = entry.getValue();
            JsonNode now = current.get(name);
            JsonNode stored = target.get(name);
            boolean dropped = now == null || now.isNull();
            if (stored == null) {
                continue;
            }
            if (was.isObject() && stored instanceof ObjectNode child && (dropped || now.isObject())) {
                removeDropped(child, was, dropped ? child.objectNode() : now);
                if (dropped && child.isEmpty()) {
                    target.remove(name);
                }
            } else if (dropped && stored.equals(was)) {
                target.remove(name);
            }
        }
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        return new ArrayList<>(node.properties());
    }
}
