package dev.slipway.cluster.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourcesSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/** Maps the workload's containers onto Kubernetes containers, field by field. */
final class PodContainers {
    private PodContainers() {
    }

    /**
     * How configuration reaches every container: all variables of the ConfigMap, all keys of the
     * Secret (when there is one), and one variable per secret reference.
     *
     * @param secretName          the rendered Secret, or null when there is none
     * @param containerSecretName the Secret of per-container secret values
     * @param containerValues     container -> the variables it takes from that Secret (values unused here)
     */
    record Config(String configMapName, String secretName, Map<String, WorkloadSecrets.SecretReference> references,
            String containerSecretName, Map<String, Map<String, String>> containerValues) {
    }

    /**
     * A container that also receives the configuration. The spec's own env wins over it: env entries
     * override envFrom in Kubernetes, and a reference whose name the spec's env already has is left out.
     * The environment type's defaults fill in its security context, resources and startup probe.
     *
     * @param longRunning whether it runs in a service's or worker's pods, which alone take the type's startup probe
     */
    static Container container(ContainerSpec spec, Config config, PodDefaults defaults, boolean longRunning) {
        List<EnvFromSource> envFrom = new ArrayList<>();
        envFrom.add(new EnvFromSourceBuilder().withNewConfigMapRef().withName(config.configMapName()).endConfigMapRef().build());
        if (config.secretName() != null) {
            envFrom.add(new EnvFromSourceBuilder().withNewSecretRef().withName(config.secretName()).endSecretRef().build());
        }
        Map<String, String> ownSecrets = config.containerValues().getOrDefault(spec.name(), Map.of());
        List<EnvVar> env = new ArrayList<>(
                env(spec.env()).stream().filter(variable -> !ownSecrets.containsKey(variable.getName())).toList());
        ownSecrets.keySet().forEach(name -> env.add(new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(config.containerSecretName()).withKey(ManifestRenderer.containerSecretKey(spec.name(), name))
                .endSecretKeyRef().endValueFrom().build()));
        config.references().forEach((name, reference) -> {
            if (spec.env() == null || !spec.env().containsKey(name)) {
                env.add(new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                        .withName(reference.secret()).withKey(reference.key()).endSecretKeyRef().endValueFrom().build());
            }
        });
        ContainerBuilder container = new ContainerBuilder()
                .withName(spec.name())
                .withImage(spec.image())
                .withEnv(env)
                .withEnvFrom(envFrom)
                .withPorts(ports(spec))
                .withResources(resources(defaults.resources(spec)))
                .withLivenessProbe(probe(spec.livenessProbe()))
                .withReadinessProbe(probe(spec.readinessProbe()))
                .withStartupProbe(probe(defaults.startupProbe(spec, longRunning)))
                .withSecurityContext(defaults.securityContext(spec));
        if (spec.command() != null && !spec.command().isEmpty()) {
            container.withCommand(List.copyOf(spec.command()));
        }
        if (spec.args() != null && !spec.args().isEmpty()) {
            container.withArgs(List.copyOf(spec.args()));
        }
        return container.build();
    }

    /** Sorted by name so that the same variables always render the same list. */
    private static List<EnvVar> env(Map<String, String> env) {
        if (env == null) {
            return List.of();
        }
        return new TreeMap<>(env).entrySet().stream()
                .map(e -> new EnvVarBuilder().withName(e.getKey()).withValue(e.getValue()).build())
                .toList();
    }

    private static List<ContainerPort> ports(ContainerSpec spec) {
        if (spec.ports() == null) {
            return List.of();
        }
        return spec.ports().stream()
                .map(p -> new ContainerPortBuilder()
                        .withName(p.name())
                        .withContainerPort(p.containerPort())
                        .withProtocol(WorkloadValidator.protocolOrTcp(p.protocol()))
                        .build())
                .toList();
    }

    private static ResourceRequirements resources(ResourcesSpec resources) {
        if (resources == null) {
            return null;
        }
        Map<String, Quantity> requests = quantities(resources.requests());
        Map<String, Quantity> limits = quantities(resources.limits());
        if (requests == null && limits == null) {
            return null;
        }
        return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> amounts) {
        if (amounts == null || amounts.isEmpty()) {
            return null;
        }
        Map<String, Quantity> quantities = new TreeMap<>();
        amounts.forEach((name, amount) -> quantities.put(name, new Quantity(amount)));
        return quantities;
    }

    static Probe probe(ProbeSpec spec) {
        if (spec == null) {
            return null;
        }
        ProbeBuilder probe = new ProbeBuilder()
                .withInitialDelaySeconds(spec.initialDelaySeconds())
                .withPeriodSeconds(spec.periodSeconds())
                .withTimeoutSeconds(spec.timeoutSeconds())
                .withFailureThreshold(spec.failureThreshold());
        if (spec.httpGetPath() != null) {
            probe.withNewHttpGet().withPath(spec.httpGetPath()).withPort(new IntOrString(spec.port())).endHttpGet();
        } else if (spec.tcpPort() != null) {
            probe.withNewTcpSocket().withPort(new IntOrString(spec.tcpPort())).endTcpSocket();
        } else if (spec.exec() != null) {
            probe.withNewExec().withCommand(List.copyOf(spec.exec())).endExec();
        }
        return probe.build();
    }
}
