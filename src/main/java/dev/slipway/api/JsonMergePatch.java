package dev.slipway.api;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON merge patch: objects merge recursively, null removes a member, anything else
 * replaces. Jackson's readerForUpdating is not this algorithm (it cannot remove map entries),
 * and the rules are short enough that the RFC's own pseudo-code is the clearest implementation.
 */
public final class JsonMergePatch {
    private JsonMergePatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    /**
     * The merge patch that turns {@code source} into {@code target}: members only the source has
     * become null, objects on both sides are compared member by member, anything else is the
     * target's. Used to express "replace this whole value" (a gRPC update of a struct) as a merge
     * patch. A null inside the target cannot be expressed (it would remove), so it is left out.
     */
    public static JsonNode diff(JsonNode source, JsonNode target) {
        if (target == null || !target.isObject() || source == null || !source.isObject()) {
            return target == null ? NullNode.getInstance() : target.deepCopy();
        }
        ObjectNode patch = ((ObjectNode) target).objectNode();
        source.fieldNames().forEachRemaining(name -> {
            if (!target.has(name) || target.get(name).isNull()) {
                patch.putNull(name);
            }
        });
        target.fields().forEachRemaining(field -> {
            JsonNode before = source.get(field.getKey());
            if (!field.getValue().isNull() && !field.getValue().equals(before)) {
                patch.set(field.getKey(), diff(before, field.getValue()));
            }
        });
        return patch;
    }
}
