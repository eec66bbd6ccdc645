package dev.slipway.local.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the sandbox does for resources: StatefulSets that become ready, custom resources with conditions, a CNPG-like Cluster. */
class SandboxWorkloadsTest {

    private static final String MANAGER = "slipway";
    private static final long WAIT_SECONDS = 30;
    private static final ResourceDefinitionContext CNPG_CLUSTER = new ResourceDefinitionContext.Builder().withGroup("postgresql.cnpg.io")
            .withVersion("v1").withKind("Cluster").withPlural("clusters").withNamespaced(true).build();
    private static final ResourceDefinitionContext WIDGET = new ResourceDefinitionContext.Builder().withGroup("example.com")
            .withVersion("v1alpha1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();

    private static SandboxApiServer server;
    private static KubernetesClient client;
    private static SimulatedController controller;

    @BeforeAll
    static void start() {
        server = SandboxApiServer.start();
        client = server.newClient();
        controller = SimulatedController.start(server, client, Duration.ofMillis(60), SandboxConfig.DEFAULT_FAILING_IMAGE_PATTERN);
    }

    @AfterAll
    static void stop() {
        controller.close();
        client.close();
        server.close();
    }

    @Test
    void statefulSetBecomesReadyWithOrdinalPods() {
        String ns = namespace();
        client.resource(statefulSet(ns, "db", "postgres:16", 2)).fieldManager(MANAGER).forceConflicts().serverSideApply();

        StatefulSet ready = client.apps().statefulSets().inNamespace(ns).withName("db").waitUntilCondition(
                s -> s != null && s.getStatus() != null && Integer.valueOf(2).equals(s.getStatus().getReadyReplicas()),
                WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(1L, ready.getStatus().getObservedGeneration());
        assertEquals(2, ready.getStatus().getReplicas());
        assertEquals(2, ready.getStatus().getAvailableReplicas());
        List<Pod> pods = client.pods().inNamespace(ns).withLabel("app", "db").list().getItems();
        assertEquals(List.of("db-0", "db-1"), pods.stream().map(p -> p.getMetadata().getName()).sorted().toList());
        assertTrue(pods.stream().allMatch(p -> "Running".equals(p.getStatus().getPhase())));

        client.apps().statefulSets().inNamespace(ns).withName("db").delete();
        awaitNoPods(ns, "db");
    }

    @Test
    void statefulSetOfAFailingImageStaysUnreadyWithImagePullBackOff() throws Exception {
        String ns = namespace();
        client.resource(statefulSet(ns, "broken", "registry.example/broken:fail", 1)).fieldManager(MANAGER).forceConflicts()
                .serverSideApply();

        StatefulSet observed = client.apps().statefulSets().inNamespace(ns).withName("broken").waitUntilCondition(
                s -> s != null && s.getStatus() != null && Long.valueOf(1).equals(s.getStatus().getObservedGeneration()),
                WAIT_SECONDS, TimeUnit.SECONDS);

        assertNull(observed.getStatus().getReadyReplicas());
        Pod pod = client.pods().inNamespace(ns).withName("broken-0").get();
        assertEquals("ImagePullBackOff", pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
    }

    @Test
    void customResourceOfAnUnknownGroupIsServedAndBecomesReady() throws Exception {
        String ns = namespace();
        client.genericKubernetesResources(WIDGET).inNamespace(ns).resource(widget(ns, "w", null)).fieldManager(MANAGER)
                .forceConflicts().serverSideApply();

        GenericKubernetesResource ready = awaitCondition(WIDGET, ns, "w");

        assertEquals("True", readyCondition(ready).get("status"));
        assertTrue(client.getApiResources("example.com/v1alpha1").getResources().stream().anyMatch(r -> r.getKind().equals("Widget")),
                "discovery lists the kind it learned");
        // fabric8 can now address the kind by looking it up, as a generic resource of a CRD.
        assertNotNull(client.resource(widget(ns, "w", null)).get());
    }

    @Test
    void theTestHookReportsReadyFalseWithItsMessage() {
        String ns = namespace();
        client.genericKubernetesResources(WIDGET).inNamespace(ns).resource(widget(ns, "full", "False: disk quota exceeded"))
                .fieldManager(MANAGER).forceConflicts().serverSideApply();

        Map<?, ?> condition = readyCondition(awaitCondition(WIDGET, ns, "full"));

        assertEquals("False", condition.get("status"));
        assertEquals("disk quota exceeded", condition.get("message"));
        assertEquals(SimulatedCustomResources.FAILURE_REASON, condition.get("reason"));
    }

    @Test
    void aCnpgClusterPublishesItsApplicationSecret() {
        String ns = namespace();
        GenericKubernetesResource cluster = new GenericKubernetesResourceBuilder().withApiVersion("postgresql.cnpg.io/v1")
                .withKind("Cluster").withNewMetadata().withName("pg").withNamespace(ns).endMetadata()
                .addToAdditionalProperties("spec", Map.of("instances", 1,
                        "bootstrap", Map.of("initdb", Map.of("database", "orders", "owner", "orders"))))
                .build();
        client.genericKubernetesResources(CNPG_CLUSTER).inNamespace(ns).resource(cluster).fieldManager(MANAGER).forceConflicts()
                .serverSideApply();

        GenericKubernetesResource ready = awaitCondition(CNPG_CLUSTER, ns, "pg");

        Map<?, ?> status = (Map<?, ?>) ready.getAdditionalProperties().get("status");
        assertEquals("pg-rw", status.get("writeService"));
        Secret secret = client.secrets().inNamespace(ns).withName("pg-app").get();
        assertEquals("orders", decode(secret, "username"));
        assertEquals("orders", decode(secret, "dbname"));
        assertEquals("pg-rw", decode(secret, "host"));
        assertEquals("5432", decode(secret, "port"));
        assertEquals("postgresql://orders:" + decode(secret, "password") + "@pg-rw." + ns + ":5432/orders", decode(secret, "uri"));
        assertNotNull(client.services().inNamespace(ns).withName("pg-rw").get());

        client.genericKubernetesResources(CNPG_CLUSTER).inNamespace(ns).withName("pg").delete();
        // A bounded poll: the mock's watch by field selector does not report deletions.
        awaitTrue(() -> client.secrets().inNamespace(ns).withName("pg-app").get() == null, "the operator's Secret goes with the Cluster");
    }

    private static GenericKubernetesResource awaitCondition(ResourceDefinitionContext context, String ns, String name) {
        return client.genericKubernetesResources(context).inNamespace(ns).withName(name).waitUntilCondition(
                r -> r != null && readyCondition(r) != null, WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Map<?, ?> readyCondition(GenericKubernetesResource resource) {
        if (!(resource.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get("conditions") instanceof List<?> conditions)) {
            return null;
        }
        return conditions.stream().map(c -> (Map<?, ?>) c).filter(c -> "Ready".equals(c.get("type"))).findFirst().orElse(null);
    }

    private static GenericKubernetesResource widget(String ns, String name, String hook) {
        GenericKubernetesResourceBuilder widget = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1alpha1")
                .withKind("Widget").withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .addToAdditionalProperties("spec", Map.of("size", 3));
        if (hook != null) {
            widget.editMetadata().addToAnnotations(SimulatedCustomResources.READY_ANNOTATION, hook).endMetadata();
        }
        return widget.build();
    }

    private static StatefulSet statefulSet(String ns, String name, String image, int replicas) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName(name)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static void awaitNoPods(String ns, String app) {
        awaitTrue(() -> client.pods().inNamespace(ns).withLabel("app", app).list().getItems().isEmpty(),
                "pods of a deleted StatefulSet go");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String namespace() {
        String name = "w-" + UUID.randomUUID().toString().substring(0, 8);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).fieldManager(MANAGER)
                .serverSideApply();
        return name;
    }
}
