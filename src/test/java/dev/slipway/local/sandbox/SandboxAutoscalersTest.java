package dev.slipway.local.sandbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated autoscaler scales Deployments into their HPA's bounds, and Slipway's later applies leave its replicas alone. */
class SandboxAutoscalersTest {

    private static SandboxFixture sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxFixture(Duration.ofSeconds(1));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void discoveryListsHorizontalPodAutoscalers() {
        assertTrue(sandbox.client.getApiResources("autoscaling/v2").getResources().stream()
                .anyMatch(r -> r.getName().equals("horizontalpodautoscalers") && r.getShortNames().contains("hpa")));
    }

    @Test
    void anAutoscalerScalesUpToItsMinimumAndAnApplyWithoutReplicasKeepsThat() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxFixture.deployment(ns, "web", null, container("v1")));
        sandbox.apply(hpa(ns, "web", 3, 5));

        Deployment scaled = awaitReplicas(ns, "web", 3);
        HorizontalPodAutoscaler status = sandbox.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("web")
                .waitUntilCondition(h -> h.getStatus() != null && Integer.valueOf(3).equals(h.getStatus().getCurrentReplicas()),
                        SandboxFixture.WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(3, status.getStatus().getDesiredReplicas());

        // A new release: Slipway applies the Deployment without replicas, as it does when an HPA decides them.
        sandbox.apply(SandboxFixture.deployment(ns, "web", null, container("v2")));
        Deployment released = sandbox.awaitObserved(ns, "web", scaled.getMetadata().getGeneration() + 1);
        assertEquals(3, released.getSpec().getReplicas());
        assertEquals("registry.example/web:v2", released.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(3, released.getStatus().getReadyReplicas());
    }

    @Test
    void replicasSlipwayAppliedAndTheAutoscalerChangedStayWhenSlipwayStopsSendingThem() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxFixture.deployment(ns, "api", 2, container("v1")));
        sandbox.apply(hpa(ns, "api", 4, 6));
        Deployment scaled = awaitReplicas(ns, "api", 4);

        sandbox.apply(SandboxFixture.deployment(ns, "api", null, container("v2")));

        Deployment released = sandbox.awaitObserved(ns, "api", scaled.getMetadata().getGeneration() + 1);
        assertEquals(4, released.getSpec().getReplicas());
    }

    @Test
    void anAutoscalerScalesDownToItsMaximum() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxFixture.deployment(ns, "batch", 6, container("v1")));
        sandbox.apply(hpa(ns, "batch", 1, 2));

        awaitReplicas(ns, "batch", 2);
    }

    @Test
    void aDeploymentScaledByAnotherWriterKeepsItsReplicasAcrossApplies() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxFixture.deployment(ns, "worker", null, container("v1")));
        Deployment first = sandbox.awaitObserved(ns, "worker", 1);
        // As an autoscaler or kubectl scale would: a write of its own, not Slipway's apply.
        sandbox.client.apps().deployments().inNamespace(ns).withName("worker")
                .edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(5).endSpec().build());
        Deployment scaled = awaitReplicas(ns, "worker", 5);

        sandbox.apply(SandboxFixture.deployment(ns, "worker", null, container("v2")));

        Deployment released = sandbox.awaitObserved(ns, "worker", scaled.getMetadata().getGeneration() + 1);
        assertEquals(5, released.getSpec().getReplicas());
        assertTrue(released.getMetadata().getGeneration() > first.getMetadata().getGeneration());
    }

    /** Waits until the Deployment has {@code replicas} and the simulated controller has rolled them out. */
    private static Deployment awaitReplicas(String ns, String name, int replicas) {
        return sandbox.client.apps().deployments().inNamespace(ns).withName(name).waitUntilCondition(
                d -> d != null && Integer.valueOf(replicas).equals(d.getSpec().getReplicas()) && d.getStatus() != null
                        && d.getMetadata().getGeneration().equals(d.getStatus().getObservedGeneration())
                        && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas()),
                SandboxFixture.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Container container(String tag) {
        return new ContainerBuilder().withName("main").withImage("registry.example/web:" + tag).build();
    }

    private static HorizontalPodAutoscaler hpa(String ns, String deployment, int min, int max) {
        return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName(deployment).withNamespace(ns).endMetadata()
                .withNewSpec().withMinReplicas(min).withMaxReplicas(max)
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(deployment).endScaleTargetRef()
                .endSpec().build();
    }
}
