package dev.slipway.infra.placeholder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.slipway.api.Violations;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import dev.slipway.infra.placeholder.Placeholders.Reference;

/**
 * Where a deployment's placeholders may stand and what they may name: checked when the deployment
 * is accepted (so a typo is a 400 with the path of the value, not a failed rollout) and resolved
 * when it is applied. Placeholders may stand in container env values, commands and arguments, and
 * configuration variables. A secret output (a password, a URL with credentials) may reach a pod
 * only through a Secret: in an env value it turns the whole variable into a per-container secret
 * variable, in a configuration variable it moves the variable into the configuration's Secret, and
 * in a command or argument, which Kubernetes shows to anyone who can read the pod, it is refused.
 */
public final class WorkloadPlaceholders {
    private WorkloadPlaceholders() {
    }

    /** The values placeholders resolve to for one deployment. */
    public record Context(String metadataName, String application, String environment, String namespace,
            Map<String, Outputs> resources) {
    }

    /** One provisioned resource's outputs; {@link #toString()} names secret outputs only. */
    public record Outputs(Map<String, String> plain, Map<String, String> secret) {
        @Override
        public String toString() {
            return "Outputs[plain=" + plain + ", secret=" + secret.keySet() + "]";
        }
    }

    /**
     * The spec and configuration with every placeholder resolved.
     *
     * @param spec             env values holding a secret are taken out of their container's env
     * @param configVariables  plain configuration variables
     * @param configSecrets    configuration variables that hold a secret output
     * @param containerSecrets container -> env variables that hold a secret output
     */
    public record Resolved(WorkloadSpec spec, Map<String, String> configVariables, Map<String, String> configSecrets,
            Map<String, Map<String, String>> containerSecrets) {
        @Override
        public String toString() {
            return "Resolved[configSecrets=" + configSecrets.keySet() + ", containerSecrets=" + containerSecrets.keySet() + "]";
        }
    }

    /**
     * Adds a violation for every placeholder that is malformed or names nothing: an undeclared
     * resource, an output its type does not have, a resource of a type that does not exist, or a
     * secret output in a command or argument.
     *
     * @param types the registered resource types by name (null when there is no such type)
     */
    public static void check(WorkloadSpec spec, Map<String, String> configVariables, Function<String, ResourceTypeOutputs> types,
            Violations violations) {
        Map<String, ResourceTypeOutputs> declared = new LinkedHashMap<>();
        if (spec.resources() != null) {
            spec.resources().forEach((name, request) -> {
                ResourceTypeOutputs type = request == null || request.type() == null ? null : types.apply(request.type());
                if (type == null && request != null && request.type() != null) {
                    violations.add("spec.resources." + name + ".type", "resource type '" + request.type() + "' does not exist");
                }
                declared.put(name, type);
            });
        }
        forEachValue(spec, configVariables, (path, text, inCommand) -> {
            List<Reference> references;
            try {
                references = Placeholders.references(text);
            } catch (Placeholders.Malformed e) {
                violations.add(path, e.getMessage());
                return;
            }
            for (Reference reference : references) {
                String problem = problem(reference, declared, inCommand);
                if (problem != null) {
                    violations.add(path, problem);
                }
            }
        });
    }

    /** Resolves every placeholder; the spec must have passed {@link #check}. */
    public static Resolved resolve(WorkloadSpec spec, Map<String, String> configVariables, Context context) {
        Map<String, Map<String, String>> containerSecrets = new TreeMap<>();
        WorkloadSpec resolved = spec.withContainers(container -> {
            Map<String, String> env = null;
            if (container.env() != null) {
                env = new LinkedHashMap<>();
                Map<String, String> secrets = new TreeMap<>();
                for (Map.Entry<String, String> variable : container.env().entrySet()) {
                    (holdsSecret(variable.getValue(), context) ? secrets : env).put(variable.getKey(),
                            resolve(variable.getValue(), context, true));
                }
                if (!secrets.isEmpty()) {
                    containerSecrets.put(container.name(), secrets); // container names are unique across the spec
                }
            }
            return new ContainerSpec(container.name(), container.image(), resolveAll(container.command(), context),
                    resolveAll(container.args(), context), env, container.ports(), container.resources(), container.livenessProbe(),
                    container.readinessProbe(), container.startupProbe(), container.readOnlyRootFilesystem());
        });
        if (spec.routes() != null) {
            // A host is public: only plain outputs may stand in it (check refuses secret ones).
            resolved = resolved.withRoutes(spec.routes().stream().map(route -> route == null
                    ? null
                    : new RouteSpec(resolve(route.host(), context, false), route.path(), route.workload(), route.port())).toList());
        }
        Map<String, String> variables = new TreeMap<>();
        Map<String, String> configSecrets = new TreeMap<>();
        configVariables.forEach((name, value) -> (holdsSecret(value, context) ? configSecrets : variables).put(name,
                resolve(value, context, true)));
        return new Resolved(resolved, variables, configSecrets, containerSecrets);
    }

    @FunctionalInterface
    private interface ValueVisitor {
        void visit(String path, String text, boolean inCommand);
    }

    private static void forEachValue(WorkloadSpec spec, Map<String, String> configVariables, ValueVisitor visitor) {
        containers(spec.containers(), "spec.containers", visitor);
        if (spec.workloads() != null) {
            new TreeMap<>(spec.workloads()).forEach((name, workload) -> {
                if (workload != null) {
                    containers(workload.containers(), "spec.workloads." + name + ".containers", visitor);
                }
            });
        }
        if (spec.release() != null) {
            containers(spec.release().containers(), "spec.release.containers", visitor);
        }
        if (spec.routes() != null) {
            for (int i = 0; i < spec.routes().size(); i++) {
                RouteSpec route = spec.routes().get(i);
                if (route != null && route.host() != null) {
                    visitor.visit("spec.routes[" + i + "].host", route.host(), true); // public, as a command is
                }
            }
        }
        configVariables.forEach((name, value) -> visitor.visit("config." + name, value, false));
    }

    private static void containers(List<ContainerSpec> containers, String path, ValueVisitor visitor) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            ContainerSpec container = containers.get(i);
            if (container == null) {
                continue;
            }
            String at = path + "[" + i + "]";
            if (container.env() != null) {
                container.env().forEach((name, value) -> visitor.visit(at + ".env." + name, value, false));
            }
            eachOf(container.command(), at + ".command", visitor);
            eachOf(container.args(), at + ".args", visitor);
        }
    }

    private static void eachOf(List<String> values, String path, ValueVisitor visitor) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                visitor.visit(path + "[" + i + "]", values.get(i), true);
            }
        }
    }

    private static String problem(Reference reference, Map<String, ResourceTypeOutputs> declared, boolean inCommand) {
        List<String> path = reference.path();
        switch (reference.root()) {
            case "metadata" -> {
                return path.equals(List.of("metadata", "name")) ? null : reference + " is not known; metadata has only name";
            }
            case "application" -> {
                return path.equals(List.of("application", "name")) ? null : reference + " is not known; application has only name";
            }
            case "environment" -> {
                return path.size() == 2 && (path.get(1).equals("name") || path.get(1).equals("namespace"))
                        ? null
                        : reference + " is not known; environment has name and namespace";
            }
            case "resources" -> {
                return resourceProblem(reference, declared, inCommand);
            }
            default -> {
                return reference + " is not known; placeholders start with resources, metadata, environment or application";
            }
        }
    }

    private static String resourceProblem(Reference reference, Map<String, ResourceTypeOutputs> declared, boolean inCommand) {
        List<String> path = reference.path();
        if (path.size() != 3) {
            return reference + " must name a resource and one of its outputs, as in ${resources.db.host}";
        }
        String name = path.get(1);
        if (!declared.containsKey(name)) {
            return reference + " names resource '" + name + "', which spec.resources does not declare"
                    + (declared.isEmpty() ? "" : " (declared: " + declared.keySet() + ")");
        }
        ResourceTypeOutputs type = declared.get(name);
        if (type == null) {
            return null; // the unknown type is reported once, at spec.resources
        }
        if (!type.has(path.get(2))) {
            return reference + ": resource type '" + type.type() + "' has no output '" + path.get(2) + "' (outputs: "
                    + type.secretByOutput().keySet() + ")";
        }
        if (inCommand && type.isSecret(path.get(2))) {
            return reference
                    + " is secret, and a command, an argument or a route host is visible to anyone who can read the pod or the route; pass it through env";
        }
        return null;
    }

    private static boolean holdsSecret(String text, Context context) {
        return Placeholders.references(text).stream().anyMatch(reference -> reference.root().equals("resources")
                && outputs(reference, context).secret().containsKey(reference.path().get(2)));
    }

    private static List<String> resolveAll(List<String> values, Context context) {
        return values == null ? null : values.stream().map(value -> resolve(value, context, false)).toList();
    }

    private static String resolve(String text, Context context, boolean secretsAllowed) {
        return Placeholders.resolve(text, reference -> switch (reference.root()) {
            case "metadata" -> context.metadataName();
            case "application" -> context.application();
            case "environment" -> reference.path().get(1).equals("namespace") ? context.namespace() : context.environment();
            case "resources" -> output(reference, context, secretsAllowed);
            default -> throw new IllegalStateException(reference + " passed no check");
        });
    }

    private static String output(Reference reference, Context context, boolean secretsAllowed) {
        Outputs outputs = outputs(reference, context);
        String output = reference.path().get(2);
        if (outputs.plain().containsKey(output)) {
            return outputs.plain().get(output);
        }
        if (outputs.secret().containsKey(output) && secretsAllowed) {
            return outputs.secret().get(output);
        }
        throw new IllegalStateException(reference + " has no value a command may hold");
    }

    private static Outputs outputs(Reference reference, Context context) {
        Outputs outputs = context.resources().get(reference.path().get(1));
        if (outputs == null) {
            throw new IllegalStateException(reference + " names a resource that was not provisioned");
        }
        return outputs;
    }

    /** The resources a spec asks for, never null. */
    public static Map<String, ResourceRequest> requests(WorkloadSpec spec) {
        return spec.resources() == null ? Map.of() : spec.resources();
    }
}
