package dev.slipway.deployment.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.cluster.render.WorkloadValidator;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.WorkloadSpec;

/**
 * Turns a Score workload (score.dev/v1b1) into the {@link WorkloadSpec} Slipway runs. The document
 * is read as YAML, checked against the Score JSON Schema and for what Slipway cannot run yet, then
 * converted and checked like a submitted spec; every problem of a stage is reported at once, named
 * by its path in the document.
 *
 * <p>The conversion, field by field:
 * <ul>
 * <li>{@code containers} (a map) become the containers in document order, named by their keys;
 * {@code variables} become {@code env}; {@code command}, {@code args} and {@code resources}
 * (limits, requests) keep their names; an {@code httpGet} probe becomes {@code httpGetPath} with
 * {@code port}, an {@code exec} probe keeps its command.</li>
 * <li>{@code service.ports} become the Service's ports, named by their keys ({@code targetPort}
 * defaults to {@code port}, {@code protocol} to TCP). Score says which ports the workload serves,
 * not which of its containers listens: the containers of a pod share one network, so each distinct
 * target port is declared on the first container in the document, which should be the one that
 * serves it.</li>
 * <li>{@code resources} become the spec's resources (type, class, params); their metadata is not
 * used.</li>
 * <li>{@code metadata} names the workload ({@link ScoreWorkload#name}); annotations and other keys
 * are not used. Replicas are not part of Score: the spec asks for the default.</li>
 * <li>Placeholders ({@code ${resources.db.host}}, {@code ${metadata.name}}, {@code $${} escapes)
 * are kept as written: they are resolved when the deployment is applied.</li>
 * </ul>
 */
public final class ScoreConverter {
    public static final String API_VERSION = "score.dev/v1b1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private ScoreConverter() {
    }

    /**
     * The workload of one Score document.
     *
     * @throws SlipwayException.Invalid naming every problem: field {@code score} for the document as
     *         a whole, paths such as {@code containers.web.image} inside it
     */
    public static ScoreWorkload convert(String document) {
        List<JsonNode> documents = ScoreDocuments.parse(document);
        if (documents.size() > 1) {
            throw SlipwayException.Invalid.field(ScoreDocuments.FIELD, "holds " + documents.size()
                    + " YAML documents; a deployment runs exactly one Score workload, so send each in a deployment of its own");
        }
        return convert(documents.get(0));
    }

    static ScoreWorkload convert(JsonNode document) {
        return convert(document, new ScorePaths());
    }

    /**
     * Problems found in the spec a (valid) Score document became, where its author finds them:
     * {@code spec.containers[0].env.A} is {@code containers.web.variables.A}. Fields outside the
     * spec (a configuration variable, {@code config.A}) stay as they are.
     */
    public static List<FieldError> inDocument(String document, List<FieldError> errors) {
        ScorePaths paths = new ScorePaths();
        convert(ScoreDocuments.parse(document).get(0), paths);
        return errors.stream()
                .map(error -> error.field().startsWith("spec.") ? new FieldError(paths.toDocument(error.field()), error.message()) : error)
                .toList();
    }

    private static ScoreWorkload convert(JsonNode document, ScorePaths paths) {
        if (!document.isObject()) {
            throw SlipwayException.Invalid.field(ScoreDocuments.FIELD,
                    "must be a YAML mapping with apiVersion, metadata and containers, not "
                            + describe(document));
        }
        JsonNode apiVersion = document.get("apiVersion");
        if (apiVersion != null && !API_VERSION.equals(apiVersion.asText())) {
            throw SlipwayException.Invalid.field("apiVersion", "must be " + API_VERSION + " (the Score version Slipway reads), not '"
                    + apiVersion.asText() + "'");
        }
        Violations violations = new Violations();
        ScoreSchema.violations(document).forEach(error -> violations.add(error.field(), error.message()));
        ScoreSupport.check(document, violations);
        violations.throwIfAny();

        paths.map("spec.containers", "containers").map("spec.servicePorts", "service.ports")
                .map("spec.resources", "resources");
        List<ServicePortSpec> servicePorts = servicePorts(document.path("service").path("ports"), paths);
        WorkloadSpec spec = new WorkloadSpec(containers(document.path("containers"), containerPorts(servicePorts), paths), null,
                servicePorts, resourceRequests(document.path("resources")));
        try {
            WorkloadValidator.validate(spec, "spec");
        } catch (SlipwayException.Invalid invalid) {
            Violations inDocument = new Violations();
            paths.toDocument(invalid.fieldErrors()).forEach(error -> inDocument.add(error.field(), error.message()));
            inDocument.throwIfAny();
        }
        return new ScoreWorkload(document.path("metadata").path("name").asText(), spec);
    }

    private static List<ContainerSpec> containers(JsonNode containers, List<ContainerPortSpec> servedPorts, ScorePaths paths) {
        List<ContainerSpec> converted = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : containers.properties()) {
            String name = entry.getKey();
            JsonNode container = entry.getValue();
            String specPath = "spec.containers[" + converted.size() + "]";
            String documentPath = "containers." + name;
            paths.map(specPath, documentPath).map(specPath + ".name", documentPath).map(specPath + ".env", documentPath + ".variables");
            converted.add(new ContainerSpec(name, container.path("image").asText(),
                    strings(container.get("command")), strings(container.get("args")), texts(container.get("variables")),
                    converted.isEmpty() && !servedPorts.isEmpty() ? servedPorts : null,
                    computeResources(container.get("resources")),
                    probe(container.get("livenessProbe"), specPath + ".livenessProbe", documentPath + ".livenessProbe", paths),
                    probe(container.get("readinessProbe"), specPath + ".readinessProbe", documentPath + ".readinessProbe", paths)));
        }
        return converted;
    }

    private static List<ServicePortSpec> servicePorts(JsonNode ports, ScorePaths paths) {
        List<ServicePortSpec> converted = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : ports.properties()) {
            String specPath = "spec.servicePorts[" + converted.size() + "]";
            String documentPath = "service.ports." + entry.getKey();
            paths.map(specPath, documentPath).map(specPath + ".name", documentPath);
            JsonNode port = entry.getValue();
            converted.add(new ServicePortSpec(entry.getKey(), port.path("port").asInt(),
                    port.has("targetPort") ? port.get("targetPort").asInt() : null, text(port.get("protocol"))));
        }
        return converted;
    }

    /** Each distinct target port (and protocol) of the Service, for the container that serves it. */
    private static List<ContainerPortSpec> containerPorts(List<ServicePortSpec> servicePorts) {
        Set<String> seen = new LinkedHashSet<>();
        List<ContainerPortSpec> ports = new ArrayList<>();
        for (ServicePortSpec port : servicePorts) {
            int target = port.targetPort() != null ? port.targetPort() : port.port();
            String protocol = port.protocol() == null ? "TCP" : port.protocol();
            if (seen.add(target + "/" + protocol)) {
                ports.add(new ContainerPortSpec(null, target, port.protocol()));
            }
        }
        return ports;
    }

    private static ResourcesSpec computeResources(JsonNode resources) {
        if (resources == null) {
            return null;
        }
        Map<String, String> requests = texts(resources.get("requests"));
        Map<String, String> limits = texts(resources.get("limits"));
        return requests == null && limits == null ? null : new ResourcesSpec(requests, limits);
    }

    private static ProbeSpec probe(JsonNode probe, String specPath, String documentPath, ScorePaths paths) {
        if (probe == null) {
            return null;
        }
        paths.map(specPath + ".httpGetPath", documentPath + ".httpGet.path").map(specPath + ".port", documentPath + ".httpGet.port")
                .map(specPath + ".exec", documentPath + ".exec.command");
        JsonNode httpGet = probe.get("httpGet");
        if (httpGet != null) {
            return new ProbeSpec(httpGet.path("path").asText(), httpGet.path("port").asInt(), null, null, null, null, null, null);
        }
        return new ProbeSpec(null, null, null, strings(probe.path("exec").get("command")), null, null, null, null);
    }

    private static Map<String, ResourceRequest> resourceRequests(JsonNode resources) {
        Map<String, ResourceRequest> converted = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : resources.properties()) {
            JsonNode resource = entry.getValue();
            JsonNode params = resource.get("params");
            converted.put(entry.getKey(), new ResourceRequest(resource.path("type").asText(), text(resource.get("class")),
                    params == null || params.isEmpty() ? null : JSON.convertValue(params, OBJECT)));
        }
        return converted.isEmpty() ? null : converted;
    }

    /** A mapping of strings, in document order; absent or empty is null. */
    private static Map<String, String> texts(JsonNode mapping) {
        if (mapping == null || mapping.isEmpty()) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        mapping.properties().forEach(entry -> texts.put(entry.getKey(), entry.getValue().asText()));
        return texts;
    }

    /** A list of strings; absent or empty is null. */
    private static List<String> strings(JsonNode list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        list.forEach(item -> strings.add(item.asText()));
        return strings;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String describe(JsonNode document) {
        return switch (document.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> document.asText().isEmpty() ? "an empty document" : "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "an empty document";
        };
    }
}
