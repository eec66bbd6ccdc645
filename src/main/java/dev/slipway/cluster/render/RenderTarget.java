package dev.slipway.cluster.render;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.slipway.cluster.workload.RoutingSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;

/**
 * Where and as what a workload is rendered: the application and environment it belongs to, the
 * namespace it goes into, the deployment that asked for it, the plain configuration variables
 * its containers receive (through a ConfigMap) and its secrets (through a Secret, or references
 * to existing Secrets).
 *
 * <p>The names come from slugs the service layer has already checked; this record only refuses
 * values that would make invalid Kubernetes objects, as programming errors.
 *
 * @param application application slug; names the Deployment, Service and ConfigMap
 * @param environment environment slug
 * @param namespace Kubernetes namespace (a DNS label)
 * @param deploymentId id of the deployment, recorded as an annotation on every object
 * @param config plain variables for the ConfigMap; kept sorted by name, never null
 * @param secrets secret variables; never null ({@link WorkloadSecrets#NONE} for none)
 * @param formation replicas per workload name where the environment's formation (its last
 *        scale, or what ran last) says how many, for workloads whose spec does not; never null
 * @param routing how routes are exposed and their TLS; never null
 * @param workloadDefaults what the environment's type adds to the workloads (resources, security
 *        context, startup probe) and to the namespace (Pod Security Admission level); never null
 *        ({@link WorkloadDefaults#NONE}: the safe defaults)
 */
public record RenderTarget(String application, String environment, String namespace, String deploymentId,
        Map<String, String> config, WorkloadSecrets secrets, Map<String, Integer> formation, RoutingSpec routing,
        WorkloadDefaults workloadDefaults) {
    /**
     * Seconds a rollout may make no progress before Kubernetes reports ProgressDeadlineExceeded,
     * which the rollout watch turns into a failed deployment. Kubernetes' own default, written out
     * because the watch depends on it.
     */
    public static final int PROGRESS_DEADLINE_SECONDS = 600;

    /** RFC 1035 label: a Service name must start with a letter. */
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** A target without secrets. */
    public RenderTarget(String application, String environment, String namespace, String deploymentId, Map<String, String> config) {
        this(application, environment, namespace, deploymentId, config, WorkloadSecrets.NONE);
    }

    /** A target with no formation and default routing. */
    public RenderTarget(String application, String environment, String namespace, String deploymentId, Map<String, String> config,
            WorkloadSecrets secrets) {
        this(application, environment, namespace, deploymentId, config, secrets, Map.of(), RoutingSpec.NONE);
    }

    /** A target with the safe workload defaults. */
    public RenderTarget(String application, String environment, String namespace, String deploymentId, Map<String, String> config,
            WorkloadSecrets secrets, Map<String, Integer> formation, RoutingSpec routing) {
        this(application, environment, namespace, deploymentId, config, secrets, formation, routing, WorkloadDefaults.NONE);
    }

    public RenderTarget {
        require("application", application, DNS_1035_LABEL);
        require("environment", environment, DNS_1123_LABEL);
        require("namespace", namespace, DNS_1123_LABEL);
        if (deploymentId == null || deploymentId.isBlank()) {
            throw new IllegalArgumentException("deploymentId is required");
        }
        SortedMap<String, String> sorted = new TreeMap<>();
        if (config != null) {
            config.forEach((name, value) -> sorted.put(
                    Objects.requireNonNull(name, "config name"),
                    Objects.requireNonNull(value, () -> "config value of " + name)));
        }
        config = Collections.unmodifiableSortedMap(sorted);
        secrets = secrets == null ? WorkloadSecrets.NONE : secrets;
        formation = formation == null ? Map.of() : Map.copyOf(formation);
        routing = routing == null ? RoutingSpec.NONE : routing;
        workloadDefaults = workloadDefaults == null ? WorkloadDefaults.NONE : workloadDefaults;
    }

    private static void require(String what, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a DNS label, got '" + value + "'");
        }
    }
}
