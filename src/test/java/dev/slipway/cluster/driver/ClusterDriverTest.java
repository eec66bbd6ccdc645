package dev.slipway.cluster.driver;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.render.RenderTarget;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.local.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Apply and prune against the sandbox API server (no controller: rollouts are not the point here). */
class ClusterDriverTest {

    private static SandboxApiServer server;
    private static KubernetesClient client;
    private final ClusterDriver driver = new ClusterDriver();

    @BeforeAll
    static void start() {
        server = SandboxApiServer.start();
        client = server.newClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void prunesWhatTheRenderNoLongerHas() {
        String namespace = "drv-" + UUID.randomUUID().toString().substring(0, 8);
        List<HasMetadata> first = driver.apply(client, target(namespace), spec(true), null);
        assertNotNull(client.services().inNamespace(namespace).withName("web").get());

        driver.apply(client, target(namespace), spec(false), ClusterDriver.names(first));

        assertNull(client.services().inNamespace(namespace).withName("web").get(), "no ports, no Service");
        assertNotNull(client.apps().deployments().inNamespace(namespace).withName("web").get());
    }

    @Test
    void listsNothingWhenTheSameObjectsWereLastApplied() {
        String namespace = "drv-" + UUID.randomUUID().toString().substring(0, 8);
        List<HasMetadata> first = driver.apply(client, target(namespace), spec(true), null);
        // An object of the instance that no recorded apply rendered (as a failed apply could leave).
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("leftover")
                .withLabels(ManifestRenderer.managedLabels("web", "dev")).endMetadata().build()).create();

        driver.apply(client, target(namespace), spec(true), ClusterDriver.names(first));
        assertNotNull(client.configMaps().inNamespace(namespace).withName("leftover").get(), "the same render: no lists, no pruning");

        driver.apply(client, target(namespace), spec(true), null);
        assertNull(client.configMaps().inNamespace(namespace).withName("leftover").get(), "unknown history: pruned");
    }

    @Test
    void appliesAnUnchangedNamespaceOnceAndAgainAfterItWasDeleted() {
        String namespace = "drv-" + UUID.randomUUID().toString().substring(0, 8);
        driver.apply(client, target(namespace), spec(true), null);
        client.namespaces().withName(namespace)
                .edit(ns -> new NamespaceBuilder(ns).editMetadata().addToLabels("edited", "yes").endMetadata().build());

        driver.apply(client, target(namespace), spec(true), null);
        assertEquals("yes", client.namespaces().withName(namespace).get().getMetadata().getLabels().get("edited"),
                "the same Namespace is not applied again");

        client.namespaces().withName(namespace).delete();
        assertNull(client.configMaps().inNamespace(namespace).withName("web-config").get());
        driver.apply(client, target(namespace), spec(true), null);

        assertNotNull(client.namespaces().withName(namespace).get(), "applied again once the cluster said it was gone");
        assertNotNull(client.configMaps().inNamespace(namespace).withName("web-config").get());
        assertNotNull(client.apps().deployments().inNamespace(namespace).withName("web").get());
    }

    @Test
    void namesAreKindAndName() {
        List<HasMetadata> objects = ManifestRenderer.render(target("ns"), spec(true));
        assertEquals(Set.of("Namespace/ns", "ConfigMap/web-config", "Deployment/web", "Service/web"), ClusterDriver.names(objects));
    }

    private static RenderTarget target(String namespace) {
        return new RenderTarget("web", "dev", namespace, UUID.randomUUID().toString(), Map.of());
    }

    private static WorkloadSpec spec(boolean withService) {
        return new WorkloadSpec(List.of(new ContainerSpec("web", "nginx:1.27", null, null, null, null, null, null, null)), 1,
                withService ? List.of(new ServicePortSpec("http", 80, 80, null)) : null, null);
    }
}
