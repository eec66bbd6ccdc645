package dev.slipway.local.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import static org.junit.jupiter.api.Assertions.fail;

/** A started sandbox (API server, client, controller) for the plain JUnit tests of the simulated runtime. */
final class SandboxFixture implements AutoCloseable {
    static final String MANAGER = "slipway";
    static final long WAIT_SECONDS = 30;

    final SandboxApiServer server;
    final KubernetesClient client;
    final SimulatedController controller;

    SandboxFixture(Duration logInterval) {
        server = SandboxApiServer.start(0, logInterval);
        client = server.newClient();
        controller = SimulatedController.start(server, client, new SimulatedController.Settings(Duration.ofMillis(60),
                SandboxConfig.DEFAULT_FAILING_IMAGE_PATTERN, SandboxConfig.DEFAULT_CRASHING_IMAGE_PATTERN));
    }

    @Override
    public void close() {
        controller.close();
        client.close();
        server.close();
    }

    String namespace() {
        String name = "r-" + UUID.randomUUID().toString().substring(0, 8);
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).fieldManager(MANAGER)
                .serverSideApply();
        return name;
    }

    <T extends io.fabric8.kubernetes.api.model.HasMetadata> T apply(T object) {
        return client.resource(object).fieldManager(MANAGER).forceConflicts().serverSideApply();
    }

    /** A Deployment of one container; {@code replicas} null leaves the field out, as an applier that lets an autoscaler decide. */
    static Deployment deployment(String ns, String name, Integer replicas, Container container) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().withContainers(container).endSpec()
                .endTemplate().endSpec().build();
    }

    Deployment awaitObserved(String ns, String name, long generation) {
        return client.apps().deployments().inNamespace(ns).withName(name).waitUntilCondition(
                d -> d != null && d.getStatus() != null && d.getStatus().getObservedGeneration() != null
                        && d.getStatus().getObservedGeneration() >= generation && d.getMetadata().getGeneration() == generation,
                WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The events about the object named {@code name} (through a field selector, as kubectl describe finds them). */
    List<Event> eventsOf(String ns, String name) {
        return client.v1().events().inNamespace(ns).withField("involvedObject.name", name).list().getItems();
    }

    /** Waits until {@code value} gives something non-null, then returns it. */
    static <T> T await(Supplier<T> value, String what) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < giveUp) {
            T found = value.get();
            if (found != null && !Boolean.FALSE.equals(found)) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("timed out waiting for " + what);
    }
}
