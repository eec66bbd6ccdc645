package dev.slipway.cluster.render;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.WorkloadDefaults;
import dev.slipway.cluster.workload.WorkloadDefaults.SecurityLevel;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * What an environment type's {@link WorkloadDefaults} make of a pod: its security contexts, the
 * resources and startup probe of containers that set none, and the Pod Security Admission labels
 * of its namespace. The restricted level is Kubernetes' "restricted" Pod Security Standard, so a
 * namespace enforcing it admits every pod rendered with it.
 */
final class PodDefaults {
    static final String PSA_PREFIX = "pod-security.kubernetes.io/";
    /** The modes a level is written for: refused, warned to the client, and recorded in the audit log alike. */
    private static final String[] PSA_MODES = { "enforce", "warn", "audit" };
    /** The Pod Security Standards as of the cluster's own version, so that an upgrade of it tightens them. */
    static final String PSA_VERSION = "latest";
    private static final String RUNTIME_DEFAULT = "RuntimeDefault";

    private final WorkloadDefaults defaults;

    PodDefaults(WorkloadDefaults defaults) {
        this.defaults = defaults == null ? WorkloadDefaults.NONE : defaults;
    }

    /** Non-root and seccomp RuntimeDefault for restricted, seccomp only for baseline, none otherwise. */
    PodSecurityContext podSecurityContext() {
        return switch (defaults.securityContextOrDefault()) {
            case SecurityLevel.RESTRICTED -> new PodSecurityContextBuilder().withRunAsNonRoot(true)
                    .withNewSeccompProfile().withType(RUNTIME_DEFAULT).endSeccompProfile().build();
            case SecurityLevel.BASELINE -> new PodSecurityContextBuilder()
                    .withNewSeccompProfile().withType(RUNTIME_DEFAULT).endSeccompProfile().build();
            default -> null;
        };
    }

    /**
     * No privilege escalation (restricted and baseline), all capabilities dropped (restricted), and a
     * read-only root file system under restricted unless the container says readOnlyRootFilesystem
     * false; a container's explicit value is kept at every level.
     */
    SecurityContext securityContext(ContainerSpec container) {
        String level = defaults.securityContextOrDefault();
        Boolean readOnly = container.readOnlyRootFilesystem() != null
                ? container.readOnlyRootFilesystem()
                : SecurityLevel.RESTRICTED.equals(level) ? Boolean.TRUE : null;
        if (SecurityLevel.NONE.equals(level) && readOnly == null) {
            return null;
        }
        SecurityContextBuilder context = new SecurityContextBuilder().withReadOnlyRootFilesystem(readOnly);
        if (!SecurityLevel.NONE.equals(level)) {
            context.withAllowPrivilegeEscalation(false);
        }
        if (SecurityLevel.RESTRICTED.equals(level)) {
            context.withNewCapabilities().withDrop("ALL").endCapabilities();
        }
        return context.build();
    }

    /** The container's own startup probe, else (for containers of services and workers) the type's. */
    ProbeSpec startupProbe(ContainerSpec container, boolean longRunning) {
        if (container.startupProbe() != null) {
            return container.startupProbe();
        }
        return longRunning ? defaults.startupProbe() : null;
    }

    /**
     * The container's resources with the type's filled in per key, the container's own winning. A
     * default that would make the pair invalid is left out: no default request where the container
     * sets a limit (Kubernetes then requests the limit), no default limit below the container's own
     * request.
     */
    ResourcesSpec resources(ContainerSpec container) {
        ResourcesSpec own = container.resources();
        ResourcesSpec fallback = defaults.resources();
        if (fallback == null) {
            return own;
        }
        Map<String, String> ownRequests = own == null || own.requests() == null ? Map.of() : own.requests();
        Map<String, String> ownLimits = own == null || own.limits() == null ? Map.of() : own.limits();
        Map<String, String> requests = new TreeMap<>(ownRequests);
        Map<String, String> limits = new TreeMap<>(ownLimits);
        if (fallback.requests() != null) {
            fallback.requests().forEach((name, amount) -> {
                if (!ownRequests.containsKey(name) && !ownLimits.containsKey(name)) {
                    requests.put(name, amount);
                }
            });
        }
        if (fallback.limits() != null) {
            fallback.limits().forEach((name, amount) -> {
                String request = requests.get(name);
                if (!ownLimits.containsKey(name) && (request == null || amount(request).compareTo(amount(amount)) <= 0)) {
                    limits.put(name, amount);
                }
            });
        }
        return new ResourcesSpec(requests.isEmpty() ? null : requests, limits.isEmpty() ? null : limits);
    }

    /** The Pod Security Admission labels of a namespace: one level enforced, warned and audited, each at the latest version. */
    Map<String, String> namespaceLabels() {
        Map<String, String> labels = new TreeMap<>();
        for (String mode : PSA_MODES) {
            labels.put(PSA_PREFIX + mode, defaults.podSecurityOrDefault());
            labels.put(PSA_PREFIX + mode + "-version", PSA_VERSION);
        }
        return labels;
    }

    private static BigDecimal amount(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity));
    }
}
