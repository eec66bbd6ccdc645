package dev.slipway.infra.template;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.slipway.infra.driver.AppliedObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A rendered template turned into the Kubernetes objects to apply: each YAML document one object,
 * put into the environment's namespace with Slipway's labels. A rendering that is not YAML, or a
 * document that is not an object of a kind with a name, is an {@link InvalidRender} naming the
 * document and the problem; messages never quote the rendered text, which may hold secrets.
 */
final class RenderedObjects {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** The rendered template is not a stream of Kubernetes objects for this namespace. */
    static final class InvalidRender extends RuntimeException {
        InvalidRender(String message) {
            super(message, null, false, false);
        }
    }

    private RenderedObjects() {
    }

    /** The objects, in the template's order, labelled and namespaced. */
    static List<HasMetadata> parse(String rendered, String namespace, Map<String, String> labels) {
        List<HasMetadata> objects = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int document = 0;
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(rendered)) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                document++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                HasMetadata object = object(node, document, namespace, labels);
                if (!seen.add(object.getKind() + "/" + object.getMetadata().getName())) {
                    throw new InvalidRender("document " + document + ": " + object.getKind() + "/" + object.getMetadata().getName()
                            + " appears twice in the template");
                }
                objects.add(object);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRender("the rendered template is not valid YAML: " + firstLine(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new InvalidRender("the rendered template cannot be read: " + e.getClass().getSimpleName());
        }
        if (objects.isEmpty()) {
            throw new InvalidRender("the rendered template holds no objects");
        }
        return objects;
    }

    /** How an object is stored as applied. */
    static AppliedObject reference(HasMetadata object) {
        return new AppliedObject(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
    }

    private static HasMetadata object(JsonNode node, int document, String namespace, Map<String, String> labels) {
        String at = "document " + document;
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidRender(at + " is not a Kubernetes object (a mapping with apiVersion, kind and metadata.name)");
        }
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String name = object.path("metadata").path("name").asText("");
        if (apiVersion.isBlank() || kind.isBlank() || name.isBlank()) {
            throw new InvalidRender(at + " needs apiVersion, kind and metadata.name");
        }
        at += " (" + kind + "/" + name + ")";
        if (kind.equals("Namespace")) {
            throw new InvalidRender(at + ": templates do not create namespaces; their objects go into the environment's namespace");
        }
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        String declared = metadata.path("namespace").asText("");
        if (!declared.isEmpty() && !declared.equals(namespace)) {
            throw new InvalidRender(at + ": objects go into the environment's namespace " + namespace + ", not " + declared);
        }
        metadata.put("namespace", namespace);
        ObjectNode objectLabels = metadata.get("labels") instanceof ObjectNode existing ? existing : metadata.putObject("labels");
        labels.forEach(objectLabels::put);
        try {
            // Known kinds come back typed (so the client needs no discovery for them), others generic.
            return SERIALIZATION.unmarshal(object.toString());
        } catch (RuntimeException e) {
            throw new InvalidRender(at + " does not fit kind " + kind + mappingPath(e));
        }
    }

    /** Where in the object the value that did not fit is (never the value itself). */
    private static String mappingPath(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonMappingException mapping) {
                return " at " + mapping.getPathReference();
            }
        }
        return "";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
