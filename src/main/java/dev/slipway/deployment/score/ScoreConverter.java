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
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.infra.placeholder.Placeholders;

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
 * <li>Several documents in one YAML stream are several workloads ({@link #convert(String)}).</li>
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
     * The workload of a Score document, or the workloads of several in one YAML stream: each
     * document is then one workload of the deployment, named by its {@code metadata.name} (a
     * service when it declares service ports, else a worker), and the resources the documents
     * declare are the deployment's, shared by all. {@code ${metadata.name}} stands for each
     * document's own name.
     *
     * @throws SlipwayException.Invalid naming every problem: field {@code score} for the stream as
     *         a whole, paths such as {@code containers.web.image} inside a single document, and
     *         {@code documents[1].containers.web.image} inside one of several
     */
    public static ScoreWorkload convert(String document) {
        List<JsonNode> documents = ScoreDocuments.parse(document);
        return documents.size() == 1 ? convert(documents.get(0)) : several(documents);
    }

    private static ScoreWorkload several(List<JsonNode> documents) {
        Map<String, Workload> workloads = new LinkedHashMap<>();
        Map<String, ResourceRequest> resources = new LinkedHashMap<>();
        Violations violations = new Violations();
        String first = null;
        for (int i = 0; i < documents.size(); i++) {
            String at = "documents[" + i + "]";
            ScoreWorkload one;
            try {
                one = convert(documents.get(i));
            } catch (SlipwayException.Invalid invalid) {
                invalid.fieldErrors().forEach(error -> violations.add(at + "." + error.field(), error.message()));
                continue;
            }
            first = first == null ? one.name() : first;
            if (workloads.containsKey(one.name())) {
                violations.add(at + ".metadata.name", "names another document's workload too; each document is a workload of its own name");
                continue;
            }
            WorkloadSpec spec = one.spec().withContainers(container -> withMetadataName(container, one.name()));
            boolean serves = spec.servicePorts() != null && !spec.servicePorts().isEmpty();
            workloads.put(one.name(),
                    new Workload(serves ? Workload.SERVICE : Workload.WORKER, spec.containers(), null, spec.servicePorts(),
                            null, null, null));
            if (spec.resources() != null) {
                spec.resources().forEach((name, request) -> {
                    ResourceRequest declared = resources.putIfAbsent(name, request);
                    if (declared != null && !declared.equals(request)) {
                        violations.add(at + ".resources." + name, "is declared differently by an earlier document; the workloads of "
                                + "a deployment share its resources, so declare it the same way in each");
                    }
                });
            }
        }
        violations.throwIfAny();
        WorkloadSpec combined = new WorkloadSpec(null, null, null, resources.isEmpty() ? null : resources, null, workloads, null, null);
        WorkloadValidator.validate(combined, "spec");
        return new ScoreWorkload(first, combined);
    }

    /**
     * Resolves {@code ${metadata.name}} to the document's own name (the deployment's workloads
     * each have one); other placeholders stay for the runner. A value with an escaped {@code $${}
     * is left whole, as resolving part of it would turn the escape into a placeholder.
     */
    private static ContainerSpec withMetadataName(ContainerSpec container, String name) {
        java.util.function.UnaryOperator<String> resolve = text -> text == null || text.contains("$${")
                || !text.contains("${metadata.")
                        ? text
                        : Placeholders.resolve(text, reference -> reference.root().equals("metadata") ? name : reference.toString());
        Map<String, String> env = null;
        if (container.env() != null) {
            env = new LinkedHashMap<>();
            for (Map.Entry<String, String> variable : container.env().entrySet()) {
                env.put(variable.getKey(), resolve.apply(variable.getValue()));
            }
        }
        return new ContainerSpec(container.name(), container.image(), each(container.command(), resolve), each(container.args(), resolve),
                env, container.ports(), container.resources(), container.livenessProbe(), container.readinessProbe(),
                container.startupProbe(), container.readOnlyRootFilesystem());
    }

    private static List<String> each(List<String> values, java.util.function.UnaryOperator<String> change) {
        return values == null ? null : values.stream().map(change).toList();
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
