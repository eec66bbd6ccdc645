package dev.slipway.cluster.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ReleaseSpec;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadDefaults;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import static dev.slipway.cluster.render.Workloads.httpProbe;
import static dev.slipway.cluster.render.Workloads.tcpProbe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The environment type's workload defaults in rendered pods and namespaces: security context, resources, startup probe, PSA labels. */
class WorkloadDefaultsRenderingTest {
    private static RenderTarget target(WorkloadDefaults defaults) {
        return new RenderTarget("checkout", "staging", "checkout-staging", "d-42", Map.of(), WorkloadSecrets.NONE, Map.of(), null,
                defaults);
    }

    private static ContainerSpec container(String name, ResourcesSpec resources, ProbeSpec startup, Boolean readOnlyRootFilesystem) {
        return new ContainerSpec(name, "ghcr.io/acme/" + name + ":2", null, null, null, List.of(new ContainerPortSpec(null, 8080, null)),
                resources, null, null, startup, readOnlyRootFilesystem);
    }

    private static PodSpec pod(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec();
    }

    private static Namespace namespace(List<HasMetadata> objects) {
        return (Namespace) objects.get(0);
    }

    private static Map<String, String> amounts(Map<String, Quantity> quantities) {
        Map<String, String> amounts = new TreeMap<>();
        if (quantities != null) {
            quantities.forEach((name, quantity) -> amounts.put(name, quantity.toString()));
        }
        return amounts;
    }

    @Test
    void aTypeThatSaysNothingGetsTheRestrictedSecurityContextAndRestrictedNamespace() {
        List<HasMetadata> objects = ManifestRenderer.render(target(null), Workloads.minimal());

        PodSpec pod = pod(objects);
        assertEquals(true, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        SecurityContext container = pod.getContainers().get(0).getSecurityContext();
        assertEquals(false, container.getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getCapabilities().getDrop());
        assertEquals(true, container.getReadOnlyRootFilesystem());
        assertNull(pod.getContainers().get(0).getResources(), "no resource defaults unless the type sets some");
        assertNull(pod.getContainers().get(0).getStartupProbe());

        Map<String, String> labels = namespace(objects).getMetadata().getLabels();
        for (String mode : List.of("enforce", "warn", "audit")) {
            assertEquals("restricted", labels.get("pod-security.kubernetes.io/" + mode), mode);
            assertEquals("latest", labels.get("pod-security.kubernetes.io/" + mode + "-version"), mode);
        }
        assertEquals("slipway", labels.get(ManifestRenderer.MANAGED_BY_LABEL));
    }

    @Test
    void theRestrictedContextSurvivesSerializationAsKubernetesReadsIt() {
        String yaml = Serialization.asYaml(pod(ManifestRenderer.render(target(WorkloadDefaults.NONE), Workloads.minimal())));
        assertTrue(yaml.contains("runAsNonRoot: true"), yaml);
        assertTrue(yaml.contains("type: \"RuntimeDefault\"") || yaml.contains("type: RuntimeDefault"), yaml);
        assertTrue(yaml.contains("allowPrivilegeEscalation: false"), yaml);
        assertTrue(yaml.contains("readOnlyRootFilesystem: true"), yaml);
    }

    @Test
    void aContainerOptsOutOfTheReadOnlyRootFileSystemOnlyExplicitly() {
        WorkloadSpec spec = Workloads.of(container("web", null, null, false), container("sidecar", null, null, null));
        List<Container> containers = pod(ManifestRenderer.render(target(null), spec)).getContainers();

        SecurityContext writable = containers.get(0).getSecurityContext();
        assertEquals(false, writable.getReadOnlyRootFilesystem());
        assertEquals(false, writable.getAllowPrivilegeEscalation(), "the rest of the restricted context stays");
        assertEquals(List.of("ALL"), writable.getCapabilities().getDrop());
        assertEquals(true, containers.get(1).getSecurityContext().getReadOnlyRootFilesystem());
    }

    @Test
    void resourceDefaultsFillInPerKeyAndTheContainersOwnWin() {
        WorkloadDefaults defaults = new WorkloadDefaults(
                new ResourcesSpec(Map.of("cpu", "50m", "memory", "64Mi"), Map.of("cpu", "1", "memory", "256Mi")), null, null, null);
        WorkloadSpec spec = Workloads.of(
                container("none", null, null, null),
                container("cpu-request", new ResourcesSpec(Map.of("cpu", "200m"), null), null, null),
                container("cpu-limit", new ResourcesSpec(null, Map.of("cpu", "100m")), null, null),
                container("big-memory", new ResourcesSpec(Map.of("memory", "512Mi"), null), null, null));
        List<Container> containers = pod(ManifestRenderer.render(target(defaults), spec)).getContainers();

        assertEquals(Map.of("cpu", "50m", "memory", "64Mi"), amounts(containers.get(0).getResources().getRequests()));
        assertEquals(Map.of("cpu", "1", "memory", "256Mi"), amounts(containers.get(0).getResources().getLimits()));
        assertEquals(Map.of("cpu", "200m", "memory", "64Mi"), amounts(containers.get(1).getResources().getRequests()));
        assertEquals(Map.of("cpu", "1", "memory", "256Mi"), amounts(containers.get(1).getResources().getLimits()));
        // A limit of its own: Kubernetes requests that limit, so no default request may exceed it.
        assertEquals(Map.of("memory", "64Mi"), amounts(containers.get(2).getResources().getRequests()));
        assertEquals(Map.of("cpu", "100m", "memory", "256Mi"), amounts(containers.get(2).getResources().getLimits()));
        // A request above the default limit: that limit is left out rather than rendered invalid.
        assertEquals(Map.of("cpu", "50m", "memory", "512Mi"), amounts(containers.get(3).getResources().getRequests()));
        assertEquals(Map.of("cpu", "1"), amounts(containers.get(3).getResources().getLimits()));
    }

    @Test
    void startupProbesComeFromTheContainerElseTheTypeForServicesAndWorkersOnly() {
        ProbeSpec typeProbe = tcpProbe(8080);
        WorkloadSpec spec = new WorkloadSpec(null, null, null, null, null, Map.of(
                "web", new Workload("service", List.of(container("web", null, httpProbe("/started", 8080), null),
                        container("sidecar", null, null, null)), null, List.of(new ServicePortSpec("http", 80, 8080, null)), null, null,
                        null),
                "nightly", new Workload("cron", List.of(Workloads.container("report", "ghcr.io/acme/report:2")), null, null, null, "@daily",
                        null)),
                new ReleaseSpec(List.of(Workloads.container("migrate", "ghcr.io/acme/migrate:2")), null, null), null);
        ManifestRenderer.Rendered rendered = ManifestRenderer.renderParts(target(new WorkloadDefaults(null, null, null, typeProbe)), spec);

        List<Container> web = pod(rendered.workloads()).getContainers();
        assertEquals("/started", web.get(0).getStartupProbe().getHttpGet().getPath());
        assertEquals(8080, web.get(1).getStartupProbe().getTcpSocket().getPort().getIntVal());
        CronJob cron = rendered.workloads().stream().filter(CronJob.class::isInstance).map(CronJob.class::cast).findFirst().orElseThrow();
        assertNull(cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getStartupProbe());
        assertNull(((Job) rendered.release()).getSpec().getTemplate().getSpec().getContainers().get(0).getStartupProbe());
        assertEquals(true, cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot(),
                "every pod, not only Deployments', is restricted");
    }

    @Test
    void baselineKeepsSeccompAndNoEscalationAndLabelsTheNamespaceBaseline() {
        List<HasMetadata> objects = ManifestRenderer.render(target(new WorkloadDefaults(null, "baseline", null, null)),
                Workloads.minimal());
        PodSpec pod = pod(objects);
        assertNull(pod.getSecurityContext().getRunAsNonRoot());
        assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        SecurityContext container = pod.getContainers().get(0).getSecurityContext();
        assertEquals(false, container.getAllowPrivilegeEscalation());
        assertNull(container.getCapabilities());
        assertNull(container.getReadOnlyRootFilesystem());
        assertEquals("baseline", namespace(objects).getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
    }

    @Test
    void noneRendersNoSecurityContextAndTheNamespaceTakesTheTypesLevel() {
        List<HasMetadata> objects = ManifestRenderer.render(target(new WorkloadDefaults(null, "none", "privileged", null)),
                Workloads.of(Workloads.container("web", "nginx")));
        PodSpec pod = pod(objects);
        assertNull(pod.getSecurityContext());
        assertNull(pod.getContainers().get(0).getSecurityContext());
        Map<String, String> labels = namespace(objects).getMetadata().getLabels();
        assertEquals("privileged", labels.get("pod-security.kubernetes.io/enforce"));
        assertEquals("privileged", labels.get("pod-security.kubernetes.io/audit"));
    }

    @Test
    void aContainersOwnStartupProbeIsValidatedLikeItsOtherProbes() {
        WorkloadSpec spec = Workloads.of(container("web", null, new ProbeSpec(null, null, null, null, null, null, null, null), null));
        SlipwayException.Invalid invalid = assertThrows(SlipwayException.Invalid.class,
                () -> ManifestRenderer.render(target(null), spec));
        assertEquals(List.of("spec.containers[0].startupProbe"), invalid.fieldErrors().stream().map(error -> error.field()).toList());
    }

    /** The fields the violations name. */
    private static List<String> fields(Violations violations) {
        try {
            violations.throwIfAny();
            return List.of();
        } catch (SlipwayException.Invalid invalid) {
            return invalid.fieldErrors().stream().map(error -> error.field()).toList();
        }
    }

    @Test
    void defaultsAreValidatedFieldByField() {
        Violations violations = new Violations();
        WorkloadValidator.defaults(violations, "workloadDefaults", new WorkloadDefaults(
                new ResourcesSpec(Map.of("cpu", "lots"), Map.of("memory", "1Gi", "gpu", "1")), "strict", null,
                new ProbeSpec("health", 8080, null, null, null, null, null, null)));
        List<String> problems = fields(violations);
        assertTrue(problems.contains("workloadDefaults.resources.requests.cpu"), problems.toString());
        assertTrue(problems.contains("workloadDefaults.resources.limits.gpu"), problems.toString());
        assertTrue(problems.contains("workloadDefaults.securityContext"), problems.toString());
        assertTrue(problems.contains("workloadDefaults.startupProbe.httpGetPath"), problems.toString());

        Violations contradiction = new Violations();
        WorkloadValidator.defaults(contradiction, "workloadDefaults", new WorkloadDefaults(null, "none", "restricted", null));
        assertTrue(fields(contradiction).contains("workloadDefaults.podSecurity"), fields(contradiction).toString());

        Violations requestOverLimit = new Violations();
        WorkloadValidator.defaults(requestOverLimit, "workloadDefaults",
                new WorkloadDefaults(new ResourcesSpec(Map.of("memory", "1Gi"), Map.of("memory", "512Mi")), null, null, null));
        assertTrue(fields(requestOverLimit).contains("workloadDefaults.resources.requests.memory"));

        Violations fine = new Violations();
        WorkloadValidator.defaults(fine, "workloadDefaults", new WorkloadDefaults(
                new ResourcesSpec(Map.of("cpu", "50m", "memory", "64Mi"), Map.of("memory", "256Mi")), "baseline", "baseline",
                tcpProbe(80)));
        assertEquals(List.of(), fields(fine));
    }
}
