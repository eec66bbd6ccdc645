package dev.slipway.cluster.render;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
import dev.slipway.cluster.workload.WorkloadDefaults.SecurityLevel;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Checks a {@link WorkloadSpec} against what Kubernetes will accept, so that a bad spec is refused
 * when the deployment is requested (with every problem named) instead of failing later, half
 * applied, in the cluster.
 */
public final class WorkloadValidator {
    public static final int MAX_CONTAINERS = 10;
    public static final int MAX_REPLICAS = 100;
    /** Largest environment variable value, in UTF-8 bytes. */
    public static final int MAX_ENV_VALUE_BYTES = 64 * 1024;

    static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    public static final Set<String> RESOURCE_NAMES = Set.of("cpu", "memory");
    private static final int MAX_PORT_NAME = 15;
    private static final int MAX_QUANTITY_LENGTH = 32;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** IANA service name as Kubernetes checks it: lower-case letters, digits and '-', at least one letter, no "--". */
    private static final Pattern PORT_NAME = Pattern.compile("(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    /** Kubernetes quantity without a sign: a number, then a binary or decimal suffix or an exponent. */
    private static final Pattern QUANTITY = Pattern.compile(
            "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,2}|[KMGTPE]i|[mkMGTPE])?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    static final int MAX_RESOURCES = 20;
    /** Also a placeholder segment (${resources.NAME.output}) and part of Kubernetes object names: no dots. */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** Score's pattern for a resource class, capped at the length of a name. */
    private static final Pattern RESOURCE_CLASS = Pattern.compile("(?=.{1,40}$)[a-z0-9](?:-?[a-z0-9]+)*");

    private WorkloadValidator() {
    }

    /**
     * Validates a workload and throws one {@link SlipwayException.Invalid} listing every problem.
     *
     * @param fieldPrefix JSON path of the spec in the request, e.g. {@code spec}; field errors
     *        read {@code spec.containers[0].image}. Empty or null for a spec at the root.
     */
    public static void validate(WorkloadSpec spec, String fieldPrefix) {
        validate(spec, fieldPrefix, null);
    }

    /**
     * As {@link #validate(WorkloadSpec, String)}, also checking what depends on the application's
     * name (the names of the objects its workloads become); null when not known.
     */
    public static void validate(WorkloadSpec spec, String fieldPrefix, String application) {
        validate(spec, fieldPrefix, application, new Violations());
    }

    /** As {@link #validate(WorkloadSpec, String, String)}, adding to (and throwing with) problems the caller found already. */
    public static void validate(WorkloadSpec spec, String fieldPrefix, String application, Violations violations) {
        String root = fieldPrefix == null ? "" : fieldPrefix;
        if (spec == null) {
            violations.add(root.isEmpty() ? "spec" : root, "is required");
        } else {
            if (spec.workloads() == null) {
                Set<Integer> containerPorts = containers(violations, at(root, "containers"), spec.containers());
                range(violations, at(root, "replicas"), spec.replicas(), 0, MAX_REPLICAS);
                servicePorts(violations, at(root, "servicePorts"), spec.servicePorts(), containerPorts);
                WorkloadShapes.single(violations, root, spec);
            } else {
                WorkloadShapes.several(violations, root, spec, application);
            }
            WorkloadShapes.release(violations, at(root, "release"), spec.release());
            WorkloadShapes.uniqueContainerNames(violations, root, spec);
            WorkloadShapes.routes(violations, root, spec, application);
            resourceRequests(violations, at(root, "resources"), spec.resources());
        }
        violations.throwIfAny();
    }

    /** Returns every container port number, for checking the Service's target ports. */
    static Set<Integer> containers(Violations violations, String field, List<ContainerSpec> containers) {
        Set<Integer> allPorts = new TreeSet<>();
        if (containers == null || containers.isEmpty()) {
            violations.add(field, "must have at least 1 container");
            return allPorts;
        }
        if (containers.size() > MAX_CONTAINERS) {
            violations.add(field, "must have at most " + MAX_CONTAINERS + " containers");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            String containerField = field + "[" + i + "]";
            ContainerSpec container = containers.get(i);
            if (container == null) {
                violations.add(containerField, "is required");
                continue;
            }
            String nameField = containerField + ".name";
            violations.required(nameField, container.name()).dnsLabel(nameField, container.name());
            if (container.name() != null && !names.add(container.name())) {
                violations.add(nameField, "must be unique; another container is already named '" + container.name() + "'");
            }
            image(violations, containerField + ".image", container.image());
            noNullElements(violations, containerField + ".command", container.command());
            noNullElements(violations, containerField + ".args", container.args());
            env(violations, containerField + ".env", container.env());
            allPorts.addAll(containerPorts(violations, containerField + ".ports", container.ports()));
            resources(violations, containerField + ".resources", container.resources());
            probe(violations, containerField + ".livenessProbe", container.livenessProbe());
            probe(violations, containerField + ".readinessProbe", container.readinessProbe());
            probe(violations, containerField + ".startupProbe", container.startupProbe());
        }
        return allPorts;
    }

    /**
     * Adds the problems of an environment type's workload defaults (null: none set) under
     * {@code field}: quantities and probes as a container's, the levels by name, and no namespace
     * level that would refuse the pods the security context renders.
     */
    public static void defaults(Violations violations, String field, WorkloadDefaults defaults) {
        if (defaults == null) {
            return;
        }
        resources(violations, field + ".resources", defaults.resources());
        probe(violations, field + ".startupProbe", defaults.startupProbe());
        if (defaults.securityContext() != null && !SecurityLevel.SECURITY_CONTEXTS.contains(defaults.securityContext())) {
            violations.add(field + ".securityContext", "must be restricted, baseline or none");
        }
        if (defaults.podSecurity() != null && !SecurityLevel.POD_SECURITY.contains(defaults.podSecurity())) {
            violations.add(field + ".podSecurity", "must be restricted, baseline or privileged");
        } else if (SecurityLevel.RESTRICTED.equals(defaults.podSecurity())
                && !SecurityLevel.RESTRICTED.equals(defaults.securityContextOrDefault())) {
            violations.add(field + ".podSecurity", "restricted admits only pods with the restricted securityContext; "
                    + "use baseline or privileged with securityContext " + defaults.securityContext());
        }
    }

    /**
     * The shape of the resources asked for; whether their types exist and what placeholders may
     * refer to is checked against the registered resource types when the deployment is accepted.
     */
    private static void resourceRequests(Violations violations, String field, Map<String, ResourceRequest> resources) {
        if (resources == null) {
            return;
        }
        if (resources.size() > MAX_RESOURCES) {
            violations.add(field, "must ask for at most " + MAX_RESOURCES + " resources");
        }
        resources.forEach((name, request) -> {
            String requestField = field + "." + name;
            if (!RESOURCE_NAME.matcher(name).matches()) {
                violations.add(requestField, "resource names are 1 to 63 lower-case letters, digits and '-', starting with a letter");
            }
            if (request == null) {
                violations.add(requestField, "is required");
                return;
            }
            violations.required(requestField + ".type", request.type());
            if (request.type() != null && !RESOURCE_TYPE.matcher(request.type()).matches()) {
                violations.add(requestField + ".type", "must be a resource type name such as postgres");
            }
            if (request.resourceClass() != null && !RESOURCE_CLASS.matcher(request.resourceClass()).matches()) {
                violations.add(requestField + ".class", "must be 1 to 40 lower-case letters, digits and single '-' between them");
            }
        });
    }

    private static void image(Violations violations, String field, String image) {
        String error = ImageReference.parse(image).error();
        if (error != null) {
            violations.add(field, error);
        }
    }

    private static void noNullElements(Violations violations, String field, List<String> values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                violations.add(field + "[" + i + "]", "must not be null");
            }
        }
    }

    private static void env(Violations violations, String field, Map<String, String> env) {
        if (env == null) {
            return;
        }
        env.forEach((name, value) -> {
            if (name == null || !ENV_NAME.matcher(name).matches()) {
                violations.add(field + "." + name, "is not a valid environment variable name (" + ENV_NAME.pattern() + ")");
            }
            if (value == null) {
                violations.add(field + "." + name, "must not be null");
            } else if (value.getBytes(StandardCharsets.UTF_8).length > MAX_ENV_VALUE_BYTES) {
                violations.add(field + "." + name, "must be at most 64 KiB");
            }
        });
    }

    private static Set<Integer> containerPorts(Violations violations, String field, List<ContainerPortSpec> ports) {
        Set<Integer> numbers = new HashSet<>();
        if (ports == null) {
            return numbers;
        }
        // Kubernetes allows one number for TCP and UDP (DNS on 53), so uniqueness is per protocol.
        Set<String> numberAndProtocol = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String portField = field + "[" + i + "]";
            ContainerPortSpec port = ports.get(i);
            if (port == null) {
                violations.add(portField, "is required");
                continue;
            }
            String numberField = portField + ".containerPort";
            if (port.containerPort() == null) {
                violations.add(numberField, "is required");
            } else if (range(violations, numberField, port.containerPort(), 1, 65535)) {
                numbers.add(port.containerPort());
                if (!numberAndProtocol.add(port.containerPort() + "/" + protocolOrTcp(port.protocol()))) {
                    violations.add(numberField, "must be unique within the container; " + port.containerPort() + " is listed twice");
                }
            }
            portName(violations, portField + ".name", port.name());
            if (port.name() != null && !names.add(port.name())) {
                violations.add(portField + ".name", "must be unique within the container; '" + port.name() + "' is listed twice");
            }
            protocol(violations, portField + ".protocol", port.protocol());
        }
        return numbers;
    }

    private static void portName(Violations violations, String field, String name) {
        if (name != null && (name.length() > MAX_PORT_NAME || !PORT_NAME.matcher(name).matches())) {
            violations.add(field, "must be an IANA service name: at most 15 lower-case letters, digits and '-', "
                    + "with at least one letter, no '--', starting and ending with a letter or digit");
        }
    }

    private static void protocol(Violations violations, String field, String protocol) {
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            violations.add(field, "must be TCP, UDP or SCTP");
        }
    }

    static String protocolOrTcp(String protocol) {
        return protocol == null ? "TCP" : protocol;
    }

    private static void resources(Violations violations, String field, ResourcesSpec resources) {
        if (resources == null) {
            return;
        }
        Map<String, BigDecimal> requests = quantities(violations, field + ".requests", resources.requests());
        Map<String, BigDecimal> limits = quantities(violations, field + ".limits", resources.limits());
        requests.forEach((name, request) -> {
            BigDecimal limit = limits.get(name);
            if (limit != null && request.compareTo(limit) > 0) {
                violations.add(field + ".requests." + name, "must not exceed limits." + name + " (" + resources.limits().get(name) + ")");
            }
        });
    }

    /** Checks names and syntax; returns the valid quantities' amounts (cores or bytes). */
    private static Map<String, BigDecimal> quantities(Violations violations, String field, Map<String, String> quantities) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        if (quantities == null) {
            return amounts;
        }
        quantities.forEach((name, value) -> {
            String entryField = field + "." + name;
            if (!RESOURCE_NAMES.contains(name)) {
                violations.add(entryField, "is not supported; use cpu or memory");
            } else if (value == null) {
                violations.add(entryField, "is required");
            } else if (value.length() > MAX_QUANTITY_LENGTH || !QUANTITY.matcher(value).matches()) {
                violations.add(entryField, "must be a Kubernetes quantity such as "
                        + (name.equals("cpu") ? "250m, 0.5 or 2" : "512Mi, 1Gi, 1e9 or 128974848"));
            } else {
                amounts.put(name, Quantity.getAmountInBytes(new Quantity(value)));
            }
        });
        return amounts;
    }

    private static void probe(Violations violations, String field, ProbeSpec probe) {
        if (probe == null) {
            return;
        }
        int handlers = (probe.httpGetPath() != null ? 1 : 0) + (probe.tcpPort() != null ? 1 : 0) + (probe.exec() != null ? 1 : 0);
        if (handlers != 1) {
            violations.add(field, "must set exactly one of httpGetPath (with port), tcpPort or exec");
        }
        if (probe.httpGetPath() != null) {
            if (!probe.httpGetPath().startsWith("/") || WHITESPACE.matcher(probe.httpGetPath()).find()) {
                violations.add(field + ".httpGetPath", "must start with '/' and contain no whitespace");
            }
            violations.maxLength(field + ".httpGetPath", probe.httpGetPath(), 2048);
            if (probe.port() == null) {
                violations.add(field + ".port", "is required with httpGetPath");
            }
        } else if (probe.port() != null) {
            violations.add(field + ".port", "is only used with httpGetPath; use tcpPort for a TCP probe");
        }
        range(violations, field + ".port", probe.port(), 1, 65535);
        range(violations, field + ".tcpPort", probe.tcpPort(), 1, 65535);
        if (probe.exec() != null) {
            if (probe.exec().isEmpty() || probe.exec().get(0) == null || probe.exec().get(0).isBlank()) {
                violations.add(field + ".exec", "must start with the command to run");
            }
            noNullElements(violations, field + ".exec", probe.exec());
        }
        range(violations, field + ".initialDelaySeconds", probe.initialDelaySeconds(), 0, 3600);
        range(violations, field + ".periodSeconds", probe.periodSeconds(), 1, 3600);
        range(violations, field + ".timeoutSeconds", probe.timeoutSeconds(), 1, 3600);
        range(violations, field + ".failureThreshold", probe.failureThreshold(), 1, 100);
    }

    static void servicePorts(Violations violations, String field, List<ServicePortSpec> ports, Set<Integer> containerPorts) {
        if (ports == null) {
            return;
        }
        Set<String> numberAndProtocol = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            String portField = field + "[" + i + "]";
            ServicePortSpec port = ports.get(i);
            if (port == null) {
                violations.add(portField, "is required");
                continue;
            }
            // Kubernetes refuses a Service with several ports unless every one is named.
            if (ports.size() > 1 && port.name() == null) {
                violations.add(portField + ".name", "is required when the service has more than one port");
            }
            violations.dnsLabel(portField + ".name", port.name());
            if (port.name() != null && !names.add(port.name())) {
                violations.add(portField + ".name", "must be unique; '" + port.name() + "' is listed twice");
            }
            protocol(violations, portField + ".protocol", port.protocol());
            String numberField = portField + ".port";
            if (port.port() == null) {
                violations.add(numberField, "is required");
            } else if (range(violations, numberField, port.port(), 1, 65535)
                    && !numberAndProtocol.add(port.port() + "/" + protocolOrTcp(port.protocol()))) {
                violations.add(numberField, "must be unique; " + port.port() + " is listed twice");
            }
            Integer target = port.targetPort() != null ? port.targetPort() : port.port();
            String targetField = portField + ".targetPort";
            if (range(violations, targetField, port.targetPort(), 1, 65535) && target != null
                    && target >= 1 && target <= 65535 && !containerPorts.isEmpty() && !containerPorts.contains(target)) {
                violations.add(targetField, "must be one of the containers' ports " + containerPorts
                        + (port.targetPort() == null ? " (it defaults to port)" : ""));
            }
        }
    }

    /** Adds a violation when a present value is out of range; returns whether it is in range (or absent). */
    static boolean range(Violations violations, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            violations.add(field, "must be between " + min + " and " + max);
            return false;
        }
        return true;
    }

    private static String at(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
