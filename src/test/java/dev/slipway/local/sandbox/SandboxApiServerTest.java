package dev.slipway.local.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox API server and simulated controller, driven through fabric8 as the cluster driver drives them. */
class SandboxApiServerTest {

    private static final String MANAGER = "slipway";
    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final long WAIT_SECONDS = 30;

    private static SandboxApiServer server;
    private static KubernetesClient client;
    private static SimulatedController controller;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = SandboxApiServer.start();
        client = server.newClient();
        controller = SimulatedController.start(client, Duration.ofMillis(60), SandboxConfig.DEFAULT_FAILING_IMAGE_PATTERN);
    }

    @AfterAll
    static void stop() {
        controller.close();
        client.close();
        server.close();
    }

    @Test
    void serverSideApplyCreatesEachKind() {
        String ns = namespace();
        ConfigMap configMap = apply(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace(ns).endMetadata()
                .addToData("GREETING", "hello").build());
        Secret secret = apply(new SecretBuilder().withNewMetadata().withName("credentials").withNamespace(ns).endMetadata()
                .addToStringData("PASSWORD", "hunter2").build());
        Service service = apply(new ServiceBuilder().withNewMetadata().withName("web").withNamespace(ns).endMetadata()
                .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build());
        Deployment deployment = apply(deployment(ns, "web", "nginx:1.27", 1, List.of()));

        assertNotNull(client.namespaces().withName(ns).get().getMetadata().getUid());
        assertEquals("hello", client.configMaps().inNamespace(ns).withName("settings").get().getData().get("GREETING"));
        assertNotNull(configMap.getMetadata().getUid());
        Secret stored = client.secrets().inNamespace(ns).withName("credentials").get();
        assertEquals("hunter2", decode(stored.getData().get("PASSWORD")));
        assertTrue(stored.getStringData() == null || stored.getStringData().isEmpty(), "stringData is folded into data");
        assertEquals(stored.getMetadata().getUid(), secret.getMetadata().getUid());
        assertEquals(80, client.services().inNamespace(ns).withName(service.getMetadata().getName()).get()
                .getSpec().getPorts().get(0).getPort());
        assertEquals(1L, deployment.getMetadata().getGeneration());
    }

    @Test
    void applyAnswersCreatedThenOk() throws Exception {
        String ns = namespace();
        String path = "/api/v1/namespaces/" + ns + "/configmaps/raw?fieldManager=" + MANAGER + "&force=true";
        String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw\ndata:\n  key: one\n";
        assertEquals(201, applyRaw(path, yaml).statusCode());
        HttpResponse<String> second = applyRaw(path, yaml.replace("one", "two"));
        assertEquals(200, second.statusCode());
        assertEquals("two", client.configMaps().inNamespace(ns).withName("raw").get().getData().get("key"));
        assertEquals(400, applyRaw(path.replace("fieldManager=" + MANAGER + "&", ""), yaml).statusCode());
    }

    @Test
    void reapplyingUpdatesReplacesArraysAndRemovesDroppedFields() {
        String ns = namespace();
        Deployment first = deployment(ns, "api", "example/api:1", 1, List.of(env("A", "1"), env("B", "2")));
        first.getMetadata().getLabels().put("tier", "backend");
        first = apply(first);
        awaitAvailable(ns, "api", 1);

        Deployment second = deployment(ns, "api", "example/api:2", 1, List.of(env("C", "3")));
        Deployment updated = apply(second);

        assertEquals(first.getMetadata().getGeneration() + 1, updated.getMetadata().getGeneration());
        assertEquals(first.getMetadata().getUid(), updated.getMetadata().getUid());
        assertFalse(updated.getMetadata().getLabels().containsKey("tier"), "label dropped from the applied object");
        assertEquals(List.of(env("C", "3")), updated.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv());
        assertEquals(1L, updated.getStatus().getObservedGeneration(), "the previous status stays until the rollout");

        awaitAvailable(ns, "api", 2);
        List<Pod> pods = podsOf(ns, "api");
        assertEquals(1, pods.size(), "the previous generation's pod is deleted");
        assertEquals("example/api:2", pods.get(0).getSpec().getContainers().get(0).getImage());

        String resourceVersion = client.apps().deployments().inNamespace(ns).withName("api").get().getMetadata().getResourceVersion();
        apply(deployment(ns, "api", "example/api:2", 1, List.of(env("C", "3"))));
        assertEquals(resourceVersion, client.apps().deployments().inNamespace(ns).withName("api").get().getMetadata().getResourceVersion(),
                "an unchanged apply writes nothing");
    }

    @Test
    void deploymentBecomesAvailableWithRunningPods() {
        String ns = namespace();
        apply(deployment(ns, "web", "nginx:1.27", 3, List.of()));

        Deployment available = awaitAvailable(ns, "web", 1);

        assertEquals(3, available.getStatus().getReadyReplicas());
        assertEquals("NewReplicaSetAvailable", condition(available, "Progressing").getReason());
        List<Pod> pods = podsOf(ns, "web");
        assertEquals(3, pods.size());
        for (Pod pod : pods) {
            assertEquals("Running", pod.getStatus().getPhase());
            assertEquals("web", pod.getMetadata().getLabels().get("app"));
            assertEquals(available.getMetadata().getUid(), pod.getMetadata().getOwnerReferences().get(0).getUid());
            assertTrue(pod.getStatus().getContainerStatuses().get(0).getReady());
        }
    }

    @Test
    void failingImageEndsInProgressDeadlineExceededWithImagePullBackOff() {
        String ns = namespace();
        apply(deployment(ns, "broken", "registry.example/broken:fail", 1, List.of()));

        Deployment failed = client.apps().deployments().inNamespace(ns).withName("broken").waitUntilCondition(
                d -> d != null && d.getStatus() != null && condition(d, "Progressing") != null
                        && "ProgressDeadlineExceeded".equals(condition(d, "Progressing").getReason()),
                WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("False", condition(failed, "Progressing").getStatus());
        assertEquals("False", condition(failed, "Available").getStatus());
        assertNull(failed.getStatus().getReadyReplicas());
        Pod pod = podsOf(ns, "broken").get(0);
        assertEquals("Pending", pod.getStatus().getPhase());
        assertEquals("ImagePullBackOff", pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
    }

    @Test
    void deletingByLabelPrunesObjectsAndTheirPods() throws Exception {
        String ns = namespace();
        for (String name : List.of("one", "two")) {
            ConfigMap managed = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns)
                    .addToLabels(MANAGED_BY, MANAGER).endMetadata().build();
            apply(managed);
        }
        apply(new ConfigMapBuilder().withNewMetadata().withName("foreign").withNamespace(ns).endMetadata().build());
        apply(deployment(ns, "gone", "nginx:1.27", 2, List.of()));
        awaitAvailable(ns, "gone", 1);

        client.configMaps().inNamespace(ns).withLabel(MANAGED_BY, MANAGER).delete();
        client.apps().deployments().inNamespace(ns).withLabel(MANAGED_BY, MANAGER).delete();

        assertEquals(List.of("foreign"), client.configMaps().inNamespace(ns).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).toList());
        assertNull(client.apps().deployments().inNamespace(ns).withName("gone").get());
        // A bounded poll of the list: the mock's label-filtered watch does not reliably report deletions.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("app", "gone").list().getItems();
        while (!pods.isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(100);
            pods = client.pods().inNamespace(ns).withLabel("app", "gone").list().getItems();
        }
        assertTrue(pods.isEmpty(), "pods of a deleted Deployment are garbage collected: " + pods.size() + " left");
    }

    @Test
    void deletingANamespaceDeletesItsObjects() {
        String ns = namespace();
        apply(new ConfigMapBuilder().withNewMetadata().withName("inside").withNamespace(ns).endMetadata().build());
        String other = namespace();
        apply(new ConfigMapBuilder().withNewMetadata().withName("outside").withNamespace(other).endMetadata().build());

        client.namespaces().withName(ns).delete();

        assertTrue(client.configMaps().inNamespace(ns).list().getItems().isEmpty());
        assertNotNull(client.configMaps().inNamespace(other).withName("outside").get());
    }

    @Test
    void aStaleResourceVersionIsAConflict() {
        String ns = namespace();
        ConfigMap first = apply(new ConfigMapBuilder().withNewMetadata().withName("versioned").withNamespace(ns).endMetadata()
                .addToData("key", "one").build());
        apply(new ConfigMapBuilder().withNewMetadata().withName("versioned").withNamespace(ns).endMetadata()
                .addToData("key", "two").build());

        first.getData().put("key", "three");
        KubernetesClientException conflict = assertThrows(KubernetesClientException.class,
                () -> client.configMaps().inNamespace(ns).resource(first).update());

        assertEquals(409, conflict.getCode());
        assertEquals("two", client.configMaps().inNamespace(ns).withName("versioned").get().getData().get("key"));
    }

    @Test
    void readsSeeEveryWriteInTheirNamespaceOnly() {
        String ns = namespace();
        String other = namespace();
        for (String namespace : List.of(ns, other)) {
            for (String name : List.of("one", "two")) {
                apply(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                        .addToLabels(MANAGED_BY, MANAGER).addToLabels("name", name).endMetadata().addToData("ns", namespace).build());
            }
        }
        client.configMaps().inNamespace(ns).withName("one").delete();

        assertNull(client.configMaps().inNamespace(ns).withName("one").get());
        assertEquals(other, client.configMaps().inNamespace(other).withName("one").get().getData().get("ns"));
        assertEquals(List.of("two"), names(client.configMaps().inNamespace(ns).withLabel(MANAGED_BY, MANAGER).list().getItems()));
        assertEquals(List.of("one"), names(client.configMaps().inNamespace(other).withLabel("name", "one").list().getItems()));
        assertEquals(3, client.configMaps().inAnyNamespace().withLabel(MANAGED_BY, MANAGER).list().getItems().stream()
                .filter(c -> List.of(ns, other).contains(c.getMetadata().getNamespace())).count());
        assertTrue(
                Long.parseLong(client.configMaps().inNamespace(ns).list().getMetadata().getResourceVersion()) >= Long
                        .parseLong(client.configMaps().inNamespace(other).withName("two").get().getMetadata().getResourceVersion()),
                "a list is at least as new as what it contains");
    }

    @Test
    void anObjectWithFinalizersIsOnlyMarkedForDeletion() {
        String ns = namespace();
        apply(new ConfigMapBuilder().withNewMetadata().withName("held").withNamespace(ns).addToFinalizers("example.com/hold")
                .endMetadata().build());

        client.configMaps().inNamespace(ns).withName("held").delete();

        ConfigMap held = client.configMaps().inNamespace(ns).withName("held").get();
        assertNotNull(held, "kept until its finalizers are removed");
        assertNotNull(held.getMetadata().getDeletionTimestamp());
    }

    @Test
    void concurrentAppliesToManyNamespacesAllLand() throws Exception {
        List<String> namespaces = java.util.stream.IntStream.range(0, 6).mapToObj(i -> namespace()).toList();
        int rounds = 5;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
            for (String ns : namespaces) {
                for (int writer = 0; writer < 2; writer++) {
                    String name = "w" + writer;
                    writes.add(pool.submit(() -> {
                        for (int round = 1; round <= rounds; round++) {
                            apply(deployment(ns, name, "example/app:" + round, 1, List.of()));
                            apply(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                                    .addToData("round", String.valueOf(round)).build());
                        }
                        return null;
                    }));
                }
            }
            for (var write : writes) {
                write.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String ns : namespaces) {
            for (String name : List.of("w0", "w1")) {
                assertEquals(String.valueOf(rounds), client.configMaps().inNamespace(ns).withName(name).get().getData().get("round"));
                Deployment deployment = awaitAvailable(ns, name, rounds);
                assertEquals("example/app:" + rounds, deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
                List<Pod> pods = client.pods().inNamespace(ns).withLabel("app", name).list().getItems();
                assertEquals(List.of("example/app:" + rounds),
                        pods.stream().map(p -> p.getSpec().getContainers().get(0).getImage()).toList());
            }
        }
    }

    @Test
    void nothingIsCreatedInANamespaceThatDoesNotExist() throws Exception {
        String missing = "t-missing-" + UUID.randomUUID().toString().substring(0, 8);
        KubernetesClientException created = assertThrows(KubernetesClientException.class, () -> client.configMaps().inNamespace(missing)
                .resource(new ConfigMapBuilder().withNewMetadata().withName("orphan").endMetadata().build()).create());
        assertEquals(404, created.getCode());
        String path = "/api/v1/namespaces/" + missing + "/configmaps/orphan?fieldManager=" + MANAGER + "&force=true";
        assertEquals(404, applyRaw(path, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orphan\n").statusCode());
        assertNull(client.configMaps().inNamespace(missing).withName("orphan").get());
    }

    @Test
    void discoveryAnswersKubectl() throws Exception {
        HttpResponse<String> core = get("/api/v1");
        assertEquals(200, core.statusCode());
        assertTrue(core.body().contains("\"kind\":\"APIResourceList\""), core.body());
        assertTrue(core.body().contains("\"name\":\"pods\""), core.body());
        assertTrue(get("/api?timeout=32s").body().contains("\"versions\":[\"v1\"]"));
        assertTrue(get("/apis").body().contains("\"name\":\"networking.k8s.io\""));
        assertTrue(get("/apis/apps/v1").body().contains("\"shortNames\":[\"deploy\"]"));
        assertTrue(get("/apis/networking.k8s.io/v1").body().contains("\"name\":\"ingresses\""));
        assertTrue(get("/version").body().contains("\"major\":\"1\""));
        String namespaces = get("/api/v1/namespaces").body();
        assertTrue(namespaces.contains("\"items\"") && !namespaces.contains("APIResourceList"), namespaces);
    }

    @Test
    void forgetsRecordedRequests() throws Exception {
        int forgetEvery = 40;
        try (SandboxApiServer small = SandboxApiServer.start(0, forgetEvery)) {
            for (int i = 0; i < forgetEvery * 3; i++) {
                http.send(HttpRequest.newBuilder(URI.create(small.url() + "/version")).build(), HttpResponse.BodyHandlers.discarding());
            }
            assertTrue(small.rememberedRequests() < forgetEvery, "remembered " + small.rememberedRequests());
        }
    }

    private static List<String> names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).sorted().toList();
    }

    private static String namespace() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        apply(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
        return name;
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(T object) {
        return client.resource(object).fieldManager(MANAGER).forceConflicts().serverSideApply();
    }

    private static Deployment deployment(String ns, String name, String image, int replicas, List<EnvVar> env) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns)
                .withLabels(new java.util.HashMap<>(Map.of("app", name, MANAGED_BY, MANAGER))).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).withEnv(env).endContainer().endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Deployment awaitAvailable(String ns, String name, long generation) {
        return client.apps().deployments().inNamespace(ns).withName(name).waitUntilCondition(
                d -> d != null && d.getStatus() != null
                        && Long.valueOf(generation).equals(d.getStatus().getObservedGeneration())
                        && d.getStatus().getReadyReplicas() != null
                        && d.getStatus().getReadyReplicas().equals(d.getSpec().getReplicas())
                        && condition(d, "Available") != null && "True".equals(condition(d, "Available").getStatus()),
                WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static List<Pod> podsOf(String ns, String app) {
        return client.pods().inNamespace(ns).withLabel("app", app).list().getItems();
    }

    private static DeploymentCondition condition(Deployment deployment, String type) {
        return deployment.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> applyRaw(String path, String yaml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/apply-patch+yaml")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(yaml)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
