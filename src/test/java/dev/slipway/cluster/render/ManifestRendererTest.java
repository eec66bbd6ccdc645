package dev.slipway.cluster.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.slipway.cluster.render.Workloads.DIGEST;
import static dev.slipway.cluster.render.Workloads.container;
import static dev.slipway.cluster.render.Workloads.execProbe;
import static dev.slipway.cluster.render.Workloads.fullContainer;
import static dev.slipway.cluster.render.Workloads.httpProbe;
import static dev.slipway.cluster.render.Workloads.tcpProbe;
import static dev.slipway.cluster.render.Workloads.timings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestRendererTest {
    private static final RenderTarget TARGET = new RenderTarget("checkout", "staging", "checkout-staging", "d-42",
            Map.of("FEATURE_X", "on", "DB_URL", "postgres://db/checkout"));

    // ---- objects, labels, annotations ----

    @Test
    void rendersNamespaceConfigMapDeploymentAndServiceInApplyOrder() {
        List<HasMetadata> objects = ManifestRenderer.render(TARGET, Workloads.full());
        assertEquals(
                List.of("v1/Namespace/checkout-staging", "v1/ConfigMap/checkout-config", "apps/v1/Deployment/checkout",
                        "v1/Service/checkout"),
                objects.stream().map(o -> o.getApiVersion() + "/" + o.getKind() + "/" + o.getMetadata().getName()).toList());
        assertEquals(List.of(Namespace.class, ConfigMap.class, Deployment.class, Service.class),
                objects.stream().map(Object::getClass).toList());
        objects.stream().skip(1).forEach(o -> assertEquals("checkout-staging", o.getMetadata().getNamespace(), o.getKind()));
        assertNull(objects.get(0).getMetadata().getNamespace());
    }

    @Test
    void labelsAndAnnotatesEveryObjectOfTheInstance() {
        Map<String, String> expected = Map.of(
                "app.kubernetes.io/name", "checkout",
                "app.kubernetes.io/instance", "checkout-staging",
                "app.kubernetes.io/version", "1.4.2",
                "app.kubernetes.io/managed-by", "slipway");
        List<HasMetadata> objects = ManifestRenderer.render(TARGET, Workloads.full());
        for (HasMetadata object : objects.subList(1, objects.size())) {
            assertEquals(expected, object.getMetadata().getLabels(), object.getKind());
            assertEquals(Map.of("slipway.dev/deployment-id", "d-42"), object.getMetadata().getAnnotations(), object.getKind());
            assertTrue(object.getMetadata().getLabels().entrySet().containsAll(
                    ManifestRenderer.managedLabels("checkout", "staging").entrySet()), "prunable by managedLabels: " + object.getKind());
            assertTrue(new Violations().labels("labels", object.getMetadata().getLabels()).isEmpty());
        }
        Deployment deployment = deployment(objects);
        assertEquals(expected, deployment.getSpec().getTemplate().getMetadata().getLabels());
    }

    @Test
    void labelsTheNamespaceAsManagedAndRestrictedOnlySoThatPruningAnInstanceNeverSelectsIt() {
        Namespace namespace = (Namespace) ManifestRenderer.render(TARGET, Workloads.full()).get(0);
        assertEquals("checkout-staging", namespace.getMetadata().getName());
        Map<String, String> labels = new TreeMap<>(namespace.getMetadata().getLabels());
        labels.keySet().removeIf(label -> label.startsWith("pod-security.kubernetes.io/"));
        assertEquals(Map.of("app.kubernetes.io/managed-by", "slipway"), labels);
        assertEquals("restricted", namespace.getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
        assertTrue(namespace.getMetadata().getAnnotations() == null || namespace.getMetadata().getAnnotations().isEmpty());
    }

    @Test
    void selectorAndManagedLabels() {
        assertEquals(Map.of("app.kubernetes.io/name", "checkout", "app.kubernetes.io/instance", "checkout-staging"),
                ManifestRenderer.selectorLabels("checkout", "staging"));
        assertEquals(Map.of("app.kubernetes.io/name", "checkout", "app.kubernetes.io/instance", "checkout-staging",
                "app.kubernetes.io/managed-by", "slipway"), ManifestRenderer.managedLabels("checkout", "staging"));
        assertThrows(UnsupportedOperationException.class, () -> ManifestRenderer.selectorLabels("a", "b").put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> ManifestRenderer.managedLabels("a", "b").clear());
    }

    @Test
    void selectsPodsWithoutTheVersionSoTheImmutableSelectorSurvivesNewVersions() {
        List<HasMetadata> objects = ManifestRenderer.render(TARGET, Workloads.full());
        Deployment deployment = deployment(objects);
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        assertEquals(ManifestRenderer.selectorLabels("checkout", "staging"), selector);
        assertFalse(selector.containsKey("app.kubernetes.io/version"));
        assertTrue(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
        assertEquals(selector, service(objects).getSpec().getSelector());

        WorkloadSpec nextVersion = new WorkloadSpec(List.of(Workloads.withImage(fullContainer(), "ghcr.io/acme/checkout:1.5.0")), 2,
                Workloads.full().servicePorts(), null);
        Deployment next = deployment(ManifestRenderer.render(TARGET, nextVersion));
        assertEquals("1.5.0", next.getMetadata().getLabels().get("app.kubernetes.io/version"));
        assertEquals(deployment.getSpec().getSelector(), next.getSpec().getSelector());
    }

    // ---- deployment ----

    @Test
    void rendersTheDeploymentSpec() {
        Deployment deployment = deployment(ManifestRenderer.render(TARGET, Workloads.full()));
        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals(RenderTarget.PROGRESS_DEADLINE_SECONDS, deployment.getSpec().getProgressDeadlineSeconds());
        assertEquals(600, deployment.getSpec().getProgressDeadlineSeconds());
        assertEquals("RollingUpdate", deployment.getSpec().getStrategy().getType());
        assertEquals(new IntOrString("25%"), deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge());
        assertEquals(new IntOrString("25%"), deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable());
        assertEquals(Map.of("slipway.dev/deployment-id", "d-42", "slipway.dev/config-hash", ManifestRenderer.configHash(TARGET.config())),
                deployment.getSpec().getTemplate().getMetadata().getAnnotations());
    }

    @Test
    void defaultsToOneReplica() {
        assertEquals(1, deployment(ManifestRenderer.render(TARGET, Workloads.minimal())).getSpec().getReplicas());
        assertEquals(0,
                deployment(ManifestRenderer.render(TARGET, Workloads.withReplicas(Workloads.minimal(), 0))).getSpec().getReplicas());
        assertEquals(7,
                deployment(ManifestRenderer.render(TARGET, Workloads.withReplicas(Workloads.minimal(), 7))).getSpec().getReplicas());
    }

    @Test
    void mapsContainersFieldByField() {
        Container web = containers(ManifestRenderer.render(TARGET, Workloads.full())).get(0);
        assertEquals("web", web.getName());
        assertEquals("ghcr.io/acme/checkout:1.4.2", web.getImage());
        assertEquals(List.of("/app/run"), web.getCommand());
        assertEquals(List.of("--port", "8080"), web.getArgs());
        assertEquals(List.of("http/8080/TCP", "metrics/9090/TCP"),
                web.getPorts().stream().map(p -> p.getName() + "/" + p.getContainerPort() + "/" + p.getProtocol()).toList());
        assertEquals(1, web.getEnvFrom().size());
        assertEquals("checkout-config", web.getEnvFrom().get(0).getConfigMapRef().getName());
        assertEquals("/health/live", web.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/health/ready", web.getReadinessProbe().getHttpGet().getPath());
    }

    @Test
    void leavesOptionalContainerFieldsUnset() {
        Container web = containers(ManifestRenderer.render(TARGET, Workloads.minimal())).get(0);
        assertEquals("nginx", web.getImage());
        assertTrue(web.getCommand().isEmpty());
        assertTrue(web.getArgs().isEmpty());
        assertTrue(web.getEnv().isEmpty());
        assertTrue(web.getPorts().isEmpty());
        assertNull(web.getResources());
        assertNull(web.getLivenessProbe());
        assertNull(web.getReadinessProbe());
        // Configuration reaches every container, even when there is none yet.
        assertEquals("checkout-config", web.getEnvFrom().get(0).getConfigMapRef().getName());
    }

    @Test
    void givesEveryContainerTheConfigMap() {
        WorkloadSpec two = Workloads.of(container("web", "nginx"), container("worker", "acme/worker:2"));
        List<Container> containers = containers(ManifestRenderer.render(TARGET, two));
        assertEquals(List.of("web", "worker"), containers.stream().map(Container::getName).toList());
        containers.forEach(c -> assertEquals("checkout-config", c.getEnvFrom().get(0).getConfigMapRef().getName()));
    }

    @Test
    void sortsEnvironmentVariablesByName() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZETA", "1");
        env.put("ALPHA", "2");
        env.put("_UNDERSCORE", "3");
        env.put("MIDDLE", "4");
        Container web = containers(ManifestRenderer.render(TARGET, Workloads.of(Workloads.withEnv(container("web", "nginx"), env)))).get(0);
        assertEquals(List.of("ALPHA=2", "MIDDLE=4", "ZETA=1", "_UNDERSCORE=3"),
                web.getEnv().stream().map(e -> e.getName() + "=" + e.getValue()).toList());
    }

    @Test
    void mapsHttpProbeWithTimings() {
        Probe probe = PodContainers.probe(timings(httpProbe("/q/health", 8080), 5, 10, 2, 3));
        assertEquals("/q/health", probe.getHttpGet().getPath());
        assertEquals(new IntOrString(8080), probe.getHttpGet().getPort());
        assertNull(probe.getTcpSocket());
        assertNull(probe.getExec());
        assertEquals(List.of(5, 10, 2, 3), List.of(probe.getInitialDelaySeconds(), probe.getPeriodSeconds(),
                probe.getTimeoutSeconds(), probe.getFailureThreshold()));
    }

    @Test
    void mapsTcpAndExecProbes() {
        ContainerSpec c = Workloads.withProbes(container("db", "postgres:17"),
                timings(tcpProbe(5432), null, 30, null, null),
                execProbe(List.of("pg_isready", "-U", "app")));
        Container db = containers(ManifestRenderer.render(TARGET, Workloads.of(c))).get(0);
        assertEquals(new IntOrString(5432), db.getLivenessProbe().getTcpSocket().getPort());
        assertNull(db.getLivenessProbe().getHttpGet());
        assertEquals(30, db.getLivenessProbe().getPeriodSeconds());
        // Unset timings stay unset, so Kubernetes applies its documented defaults.
        assertNull(db.getLivenessProbe().getInitialDelaySeconds());
        assertNull(db.getLivenessProbe().getTimeoutSeconds());
        assertEquals(List.of("pg_isready", "-U", "app"), db.getReadinessProbe().getExec().getCommand());
        assertNull(db.getReadinessProbe().getTcpSocket());
    }

    @Test
    void mapsResources() {
        Container web = containers(ManifestRenderer.render(TARGET, Workloads.full())).get(0);
        assertEquals(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")), web.getResources().getRequests());
        assertEquals(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")), web.getResources().getLimits());
        String yaml = Serialization.asYaml(web.getResources());
        assertTrue(yaml.contains("cpu: \"250m\"") && yaml.contains("memory: \"256Mi\"") && yaml.contains("memory: \"512Mi\""), yaml);

        ContainerSpec limitsOnly = Workloads.withResources(container("web", "nginx"), new ResourcesSpec(null, Map.of("memory", "1e9")));
        Container rendered = containers(ManifestRenderer.render(TARGET, Workloads.of(limitsOnly))).get(0);
        assertNull(rendered.getResources().getRequests());
        assertEquals("1e9", rendered.getResources().getLimits().get("memory").toString());
    }

    // ---- config map and config hash ----

    @Test
    void rendersTheConfigMapSorted() {
        ConfigMap config = (ConfigMap) ManifestRenderer.render(TARGET, Workloads.minimal()).get(1);
        assertEquals("checkout-config", config.getMetadata().getName());
        assertEquals(List.of("DB_URL", "FEATURE_X"), List.copyOf(config.getData().keySet()));
        assertEquals("on", config.getData().get("FEATURE_X"));
    }

    @Test
    void rendersAnEmptyConfigMapWithoutConfig() {
        RenderTarget noConfig = new RenderTarget("checkout", "staging", "checkout-staging", "d-42", Map.of());
        ConfigMap config = (ConfigMap) ManifestRenderer.render(noConfig, Workloads.minimal()).get(1);
        assertTrue(config.getData() == null || config.getData().isEmpty());
        assertEquals(noConfig, new RenderTarget("checkout", "staging", "checkout-staging", "d-42", null));
        assertEquals(16, configHash(noConfig).length());
    }

    @Test
    void configHashChangesWithTheConfigOnly() {
        String hash = configHash(TARGET);
        assertTrue(hash.matches("[0-9a-f]{16}"), hash);
        assertEquals(hash, configHash(target("d-43", Map.of("DB_URL", "postgres://db/checkout", "FEATURE_X", "on"))));
        assertEquals(hash, configHash(TARGET, Workloads.full()));
        assertNotEquals(hash, configHash(target("d-42", Map.of("DB_URL", "postgres://db/checkout", "FEATURE_X", "off"))));
        assertNotEquals(hash, configHash(target("d-42", Map.of("DB_URL", "postgres://db/checkout"))));
        assertNotEquals(hash, configHash(target("d-42", Map.of("DB_URL", "postgres://db/checkout", "FEATURE_X", "on", "NEW", ""))));
        assertNotEquals(hash, configHash(target("d-42", Map.of("DB_URL", "postgres://db/checkout", "FEATURE_Y", "on"))));
    }

    @Test
    void configHashDoesNotConfuseWhereNamesAndValuesSplit() {
        assertNotEquals(ManifestRenderer.configHash(Map.of("AB", "C")), ManifestRenderer.configHash(Map.of("A", "BC")));
        assertNotEquals(ManifestRenderer.configHash(Map.of("A", "1B2")), ManifestRenderer.configHash(Map.of("A", "1", "B", "2")));
        assertNotEquals(ManifestRenderer.configHash(Map.of()), ManifestRenderer.configHash(Map.of("A", "")));
    }

    // ---- service ----

    @Test
    void rendersAServiceOnlyWithPorts() {
        assertEquals(3, ManifestRenderer.render(TARGET, Workloads.minimal()).size());
        assertEquals(3, ManifestRenderer.render(TARGET, Workloads.withServicePorts(Workloads.minimal(), List.of())).size());
        assertTrue(ManifestRenderer.render(TARGET, Workloads.minimal()).stream().noneMatch(Service.class::isInstance));
        assertEquals(4, ManifestRenderer.render(TARGET, Workloads.full()).size());
    }

    @Test
    void rendersServicePortsWithTargetPortDefaultingToPort() {
        WorkloadSpec spec = new WorkloadSpec(
                List.of(Workloads.withPorts(container("web", "nginx"), List.of(new ContainerPortSpec("http", 80, null),
                        new ContainerPortSpec("admin", 8081, null), new ContainerPortSpec("dns", 53, "UDP")))),
                null,
                List.of(new ServicePortSpec("http", 80, null, null), new ServicePortSpec("admin", 9000, 8081, "TCP"),
                        new ServicePortSpec("dns", 53, null, "UDP")),
                null);
        Service service = service(ManifestRenderer.render(TARGET, spec));
        assertEquals("ClusterIP", service.getSpec().getType());
        List<ServicePort> ports = service.getSpec().getPorts();
        assertEquals(List.of("http:80->80/TCP", "admin:9000->8081/TCP", "dns:53->53/UDP"), ports.stream()
                .map(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getIntVal() + "/" + p.getProtocol()).toList());
    }

    // ---- versions ----

    @ParameterizedTest
    @CsvSource({
            "ghcr.io/acme/checkout:1.4.2, 1.4.2",
            "nginx, latest",
            "localhost:5000/app, latest",
            "app@sha256:" + DIGEST + ", 0123456789ab",
            "app:v2@sha256:" + DIGEST + ", v2",
            "app:_rc_1_, rc_1",
            "app:___@sha256:" + DIGEST + ", 0123456789ab",
            "app:V1.0-RC, V1.0-RC" })
    void takesTheVersionFromTheFirstContainersImage(String image, String version) {
        Deployment deployment = deployment(
                ManifestRenderer.render(TARGET, Workloads.of(container("web", image), container("b", "other:9"))));
        assertEquals(version, deployment.getMetadata().getLabels().get("app.kubernetes.io/version"));
    }

    @Test
    void truncatesLongTagsToAValidLabelValue() {
        String tag = "1.0.0-" + "a".repeat(56) + ".b"; // 64 characters; the first 63 end with '.'
        String label = ManifestRenderer.versionLabel("app:" + tag);
        assertEquals("1.0.0-" + "a".repeat(56), label);
        assertTrue(new Violations().labels("l", Map.of("app.kubernetes.io/version", label)).isEmpty());

        String longest = "v" + "x".repeat(127);
        String truncated = ManifestRenderer.versionLabel("app:" + longest);
        assertEquals(63, truncated.length());
        assertEquals(longest.substring(0, 63), truncated);
        for (HasMetadata object : ManifestRenderer.render(TARGET, Workloads.of(container("web", "app:" + longest)))) {
            assertTrue(new Violations().labels("labels", object.getMetadata().getLabels()).isEmpty(), object.getKind());
        }
    }

    @Test
    void shortensLongInstanceNamesToValidDistinctLabelValues() {
        String app = "a" + "p".repeat(38) + "1";
        String env = "e" + "n".repeat(38) + "1";
        String instance = ManifestRenderer.selectorLabels(app, env).get("app.kubernetes.io/instance");
        assertTrue(instance.length() <= 63, instance);
        assertTrue(instance.startsWith(app + "-"), instance);
        assertTrue(new Violations().labels("l", Map.of("app.kubernetes.io/instance", instance)).isEmpty(), instance);
        String other = ManifestRenderer.selectorLabels(app, "e" + "n".repeat(38) + "2").get("app.kubernetes.io/instance");
        assertNotEquals(instance, other);
        assertEquals(instance, ManifestRenderer.selectorLabels(app, env).get("app.kubernetes.io/instance"));
        // Up to 63 characters the name is kept as it is.
        String app31 = "a".repeat(31);
        assertEquals(app31 + "-" + "b".repeat(31),
                ManifestRenderer.selectorLabels(app31, "b".repeat(31)).get("app.kubernetes.io/instance"));
    }

    // ---- determinism and validity ----

    @Test
    void rendersTheSameInputToEqualObjectsAndYaml() {
        Map<String, String> config1 = new LinkedHashMap<>();
        config1.put("B", "2");
        config1.put("A", "1");
        Map<String, String> config2 = new TreeMap<>(config1);
        Map<String, String> env1 = new LinkedHashMap<>();
        env1.put("Y", "y");
        env1.put("X", "x");
        Map<String, String> env2 = new TreeMap<>(env1);
        WorkloadSpec spec1 = new WorkloadSpec(List.of(Workloads.withEnv(fullContainer(), env1)), 3, Workloads.full().servicePorts(), null);
        WorkloadSpec spec2 = new WorkloadSpec(List.of(Workloads.withEnv(fullContainer(), env2)), 3, Workloads.full().servicePorts(), null);

        List<HasMetadata> first = ManifestRenderer.render(target("d-1", config1), spec1);
        List<HasMetadata> second = ManifestRenderer.render(target("d-1", config2), spec2);
        assertEquals(first, second);
        for (int i = 0; i < first.size(); i++) {
            assertEquals(Serialization.asYaml(first.get(i)), Serialization.asYaml(second.get(i)));
        }
        assertEquals(first, ManifestRenderer.render(target("d-1", config1), spec1));
    }

    @Test
    void serializesWithApiVersionAndKindAndReadsBackEqual() {
        for (HasMetadata object : ManifestRenderer.render(TARGET, Workloads.full())) {
            String yaml = Serialization.asYaml(object);
            assertTrue(yaml.contains("apiVersion: \"" + object.getApiVersion() + "\"")
                    || yaml.contains("apiVersion: " + object.getApiVersion()), yaml);
            assertTrue(yaml.contains("kind: \"" + object.getKind() + "\"") || yaml.contains("kind: " + object.getKind()), yaml);
            HasMetadata read = new KubernetesSerialization().unmarshal(yaml, object.getClass());
            assertEquals(object, read, object.getKind());
        }
    }

    @Test
    void returnsAnUnmodifiableList() {
        List<HasMetadata> objects = ManifestRenderer.render(TARGET, Workloads.minimal());
        assertThrows(UnsupportedOperationException.class, () -> objects.add(new Namespace()));
    }

    @Test
    void refusesAnInvalidSpec() {
        SlipwayException.Invalid e = assertThrows(SlipwayException.Invalid.class,
                () -> ManifestRenderer.render(TARGET, Workloads.of(container("web", "Nginx"))));
        assertEquals("spec.containers[0].image", e.fieldErrors().get(0).field());
    }

    @Test
    void refusesTargetsThatCannotNameKubernetesObjects() {
        assertThrows(IllegalArgumentException.class, () -> new RenderTarget("1app", "staging", "ns", "d", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RenderTarget(null, "staging", "ns", "d", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RenderTarget("app", "Staging", "ns", "d", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RenderTarget("app", "staging", "n_s", "d", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new RenderTarget("app", "staging", "ns", " ", Map.of()));
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("A", null);
        assertThrows(NullPointerException.class, () -> new RenderTarget("app", "staging", "ns", "d", nullValue));
    }

    @Test
    void keepsItsOwnSortedCopyOfTheConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("B", "2");
        config.put("A", "1");
        RenderTarget target = target("d", config);
        config.put("C", "3");
        assertEquals(List.of("A", "B"), List.copyOf(target.config().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> target.config().put("D", "4"));
    }

    // ---- helpers ----

    private static RenderTarget target(String deploymentId, Map<String, String> config) {
        return new RenderTarget("checkout", "staging", "checkout-staging", deploymentId, config);
    }

    private static String configHash(RenderTarget target) {
        return configHash(target, Workloads.minimal());
    }

    private static String configHash(RenderTarget target, WorkloadSpec spec) {
        return deployment(ManifestRenderer.render(target, spec)).getSpec().getTemplate().getMetadata().getAnnotations()
                .get("slipway.dev/config-hash");
    }

    private static Deployment deployment(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow();
    }

    private static Service service(List<HasMetadata> objects) {
        return objects.stream().filter(Service.class::isInstance).map(Service.class::cast).findFirst().orElseThrow();
    }

    private static List<Container> containers(List<HasMetadata> objects) {
        return deployment(objects).getSpec().getTemplate().getSpec().getContainers();
    }
}
