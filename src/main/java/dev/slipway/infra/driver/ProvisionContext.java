package dev.slipway.infra.driver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.slipway.cluster.render.ManifestRenderer;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Everything a driver gets for one resource of one environment. Build it fresh for each call
 * from what is stored: the definition's inputs (secrets opened), the values generated earlier and
 * the objects applied earlier, so a provision interrupted by a crash and run again converges.
 *
 * @param application the application the environment belongs to
 * @param environment the environment the resource belongs to
 * @param namespace   the environment's namespace, where template objects go
 * @param resource    the resource's name in the workload spec (e.g. {@code db})
 * @param type        the outputs the resource type promises
 * @param params      the request's parameters (plain JSON values)
 * @param inputs      the definition's driver inputs, secrets opened
 * @param generated   values generated for this resource earlier (opened), by name
 * @param applied     the objects applied for this resource earlier, as stored
 * @param client      a client for the environment's cluster; drivers that touch no cluster ignore it
 */
public record ProvisionContext(String application, String environment, String namespace, String resource,
        ResourceTypeOutputs type, Map<String, Object> params, DriverInputs inputs, Map<String, String> generated,
        List<AppliedObject> applied, KubernetesClient client) {

    /** Names the resource on every object a driver applies (with the application and environment labels). */
    public static final String RESOURCE_LABEL = "slipway.dev/resource";
    public static final String APPLICATION_LABEL = "slipway.dev/application";
    public static final String ENVIRONMENT_LABEL = "slipway.dev/environment";

    public ProvisionContext {
        params = params == null ? Map.of() : params;
        inputs = inputs == null ? new DriverInputs(null, null) : inputs;
        generated = Map.copyOf(generated == null ? Map.of() : generated);
        applied = List.copyOf(applied == null ? List.of() : applied);
    }

    /**
     * The labels drivers put on every object they apply. Deliberately not the workload's
     * {@code app.kubernetes.io/name}/{@code instance} labels: the cluster driver prunes objects of
     * an instance by those, and must never prune a resource's objects.
     */
    public SortedMap<String, String> labels() {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(ManifestRenderer.MANAGED_BY_LABEL, ManifestRenderer.MANAGED_BY);
        labels.put(APPLICATION_LABEL, application);
        labels.put(ENVIRONMENT_LABEL, environment);
        labels.put(RESOURCE_LABEL, resource);
        return labels;
    }

    /** This context with {@code values} added to the generated ones. */
    public ProvisionContext withGenerated(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(generated);
        all.putAll(values);
        return new ProvisionContext(application, environment, namespace, resource, type, params, inputs, all, applied, client);
    }

    /** This context with {@code objects} as the applied ones. */
    public ProvisionContext withApplied(List<AppliedObject> objects) {
        return new ProvisionContext(application, environment, namespace, resource, type, params, inputs, generated, objects, client);
    }

    @Override
    public String toString() {
        // Records print every component; generated values are secrets (inputs print names only).
        return "ProvisionContext[application=" + application + ", environment=" + environment + ", namespace=" + namespace
                + ", resource=" + resource + ", type=" + (type == null ? null : type.type()) + ", params=" + params.keySet()
                + ", inputs=" + inputs + ", generated=" + new java.util.TreeSet<>(generated.keySet()) + ", applied=" + applied + "]";
    }
}
