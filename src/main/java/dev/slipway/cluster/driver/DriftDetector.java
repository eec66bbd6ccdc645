package dev.slipway.cluster.driver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Compares what Slipway last applied with what the cluster holds now. Only fields Slipway sets
 * are compared (server-side apply owns exactly those); fields the cluster adds (status, defaults,
 * uid, resourceVersion, managedFields) are not drift. Blocking: run on a worker thread.
 *
 * <p>Secret values are never recorded ({@link #recordedForm}) nor reported: for a Secret's keys
 * only their presence is compared.
 */
@ApplicationScoped
public class DriftDetector {
    /** Metadata the API server owns; never drift. */
    private static final Set<String> SERVER_METADATA = Set.of("uid", "resourceVersion", "generation", "creationTimestamp",
            "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences", "finalizers");

    /** What a recorded Secret value is replaced with. */
    public static final String REDACTED = "(redacted)";

    private final ObjectMapper mapper;

    public DriftDetector(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Schema(description = "One field that differs between what Slipway applied and what the cluster holds.")
    public record Difference(
            @Schema(description = "Object kind.", examples = "Deployment") String kind,
            @Schema(description = "Object name.") String name,
            @Schema(description = "JSON path of the field; empty when the whole object is missing.", examples = "spec.replicas") String path,
            @Schema(description = "What Slipway applied (JSON).") String expected,
            @Schema(description = "What the cluster holds (JSON); null when absent.") String actual) {
    }

    /** The applied objects as they may be stored: Secret data and stringData values replaced by {@value #REDACTED}. */
    public static ArrayNode recordedForm(ObjectMapper mapper, List<? extends HasMetadata> applied) {
        ArrayNode objects = mapper.valueToTree(applied);
        for (JsonNode object : objects) {
            if ("Secret".equals(object.path("kind").asText())) {
                for (String field : List.of("data", "stringData")) {
                    if (object.get(field) instanceof ObjectNode values) {
                        List<String> names = new ArrayList<>();
                        values.fieldNames().forEachRemaining(names::add);
                        names.forEach(key -> values.put(key, REDACTED));
                    }
                }
            }
        }
        return objects;
    }

    /** Differences between the applied objects (as stored JSON) and the live ones. */
    public List<Difference> detect(KubernetesClient client, JsonNode appliedObjects) {
        List<Difference> differences = new ArrayList<>();
        for (JsonNode applied : appliedObjects) {
            String kind = applied.path("kind").asText();
            String name = applied.path("metadata").path("name").asText();
            String namespace = applied.path("metadata").path("namespace").asText(null);
            var resources = client.genericKubernetesResources(applied.path("apiVersion").asText(), kind);
            GenericKubernetesResource live = namespace == null
                    ? resources.withName(name).get()
                    : resources.inNamespace(namespace).withName(name).get();
            if (live == null) {
                differences.add(new Difference(kind, name, "", "present", null));
                continue;
            }
            compare(kind, name, "", applied, mapper.valueToTree(live), differences);
        }
        return differences;
    }

    /** Walks the applied tree; every leaf it holds must be equal in the live tree. */
    static void compare(String kind, String name, String path, JsonNode expected, JsonNode actual, List<Difference> differences) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                differences.add(new Difference(kind, name, path, expected.toString(), actual == null ? null : actual.toString()));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (ignored(path, field.getKey())) {
                    continue;
                }
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                compare(kind, name, childPath, field.getValue(), actual.get(field.getKey()), differences);
            }
        } else if (expected.isArray()) {
            if (actual == null || !actual.isArray() || actual.size() != expected.size()) {
                differences.add(new Difference(kind, name, path, expected.toString(), actual == null ? null : actual.toString()));
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(kind, name, path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (expected.isTextual() && REDACTED.equals(expected.asText())) {
            if (actual == null || actual.isNull()) {
                differences.add(new Difference(kind, name, path, expected.toString(), null)); // a value is never shown
            }
        } else if (!expected.isNull() && (actual == null || !sameScalar(expected, actual))) {
            differences.add(new Difference(kind, name, path, expected.toString(), actual == null ? null : actual.toString()));
        }
    }

    private static boolean ignored(String path, String field) {
        return path.isEmpty() && field.equals("status") || path.equals("metadata") && SERVER_METADATA.contains(field);
    }

    /** Numbers compare by value (the server may render 1 as 1.0 for quantities), the rest by text. */
    private static boolean sameScalar(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.asText().equals(actual.asText()) && expected.isTextual() == actual.isTextual();
    }
}
