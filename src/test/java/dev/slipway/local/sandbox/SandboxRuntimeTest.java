package dev.slipway.local.sandbox;

import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a runtime view reads: pods in crash loops, and the events the cluster's components record. */
class SandboxRuntimeTest {

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
    void aCrashingImageCrashLoopsAndItsDeploymentNeverBecomesAvailable() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxFixture.deployment(ns, "boom", 1,
                new ContainerBuilder().withName("app").withImage("registry.example/crash:1").build()));

        Deployment observed = sandbox.awaitObserved(ns, "boom", 1);

        DeploymentCondition progressing = observed.getStatus().getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType())).findFirst().orElseThrow();
        assertEquals("False", progressing.getStatus());
        assertEquals("ProgressDeadlineExceeded", progressing.getReason());
        assertEquals(null, observed.getStatus().getAvailableReplicas());
        Pod pod = sandbox.client.pods().inNamespace(ns).withLabel("app", "boom").list().getItems().get(0);
        String name = pod.getMetadata().getName();
        assertEquals("Running", pod.getStatus().getPhase());
        ContainerStatus container = pod.getStatus().getContainerStatuses().get(0);
        assertFalse(container.getReady());
        assertEquals(3, container.getRestartCount());
        assertEquals("CrashLoopBackOff", container.getState().getWaiting().getReason());
        assertEquals("back-off 40s restarting failed container=app pod=" + name, container.getState().getWaiting().getMessage());
        assertEquals(1, container.getLastState().getTerminated().getExitCode());
        assertEquals("Error", container.getLastState().getTerminated().getReason());
        assertTrue(pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "False".equals(c.getStatus())));

        Event backOff = SandboxFixture.await(() -> sandbox.eventsOf(ns, name).stream()
                .filter(e -> "BackOff".equals(e.getReason())).findFirst().orElse(null), "a BackOff event");
        assertEquals("Warning", backOff.getType());
        assertEquals("Back-off restarting failed container app in pod " + name, backOff.getMessage());
    }

    @Test
    void aRolloutRecordsTheEventsOfARealCluster() {
        String ns = sandbox.namespace();
        Deployment applied = sandbox.apply(SandboxFixture.deployment(ns, "web", 1,
                new ContainerBuilder().withName("main").withImage("registry.example/web:1").build()));
        sandbox.awaitObserved(ns, "web", 1);
        Pod pod = sandbox.client.pods().inNamespace(ns).withLabel("app", "web").list().getItems().get(0);
        String name = pod.getMetadata().getName();

        List<Event> podEvents = SandboxFixture.await(() -> {
            List<Event> found = sandbox.eventsOf(ns, name);
            return found.size() >= 4 ? found : null;
        }, "the pod's events");

        assertEquals(List.of("Created", "Pulled", "Scheduled", "Started"), podEvents.stream().map(Event::getReason).sorted().toList());
        Event scheduled = podEvents.stream().filter(e -> "Scheduled".equals(e.getReason())).findFirst().orElseThrow();
        assertEquals("Successfully assigned " + ns + "/" + name + " to sandbox", scheduled.getMessage());
        assertEquals("Normal", scheduled.getType());
        assertEquals("default-scheduler", scheduled.getSource().getComponent());
        assertEquals("Pod", scheduled.getInvolvedObject().getKind());
        assertEquals("v1", scheduled.getInvolvedObject().getApiVersion());
        assertEquals(ns, scheduled.getInvolvedObject().getNamespace());
        assertEquals(pod.getMetadata().getUid(), scheduled.getInvolvedObject().getUid());
        assertEquals(1, scheduled.getCount());
        assertNotNull(scheduled.getFirstTimestamp());
        assertNotNull(scheduled.getLastTimestamp());
        assertTrue(scheduled.getMetadata().getName().matches(java.util.regex.Pattern.quote(name) + "\\.[0-9a-f]+"),
                scheduled.getMetadata().getName());

        Event scaled = SandboxFixture.await(() -> sandbox.eventsOf(ns, "web").stream().findFirst().orElse(null), "the deployment's event");
        assertEquals("ScalingReplicaSet", scaled.getReason());
        assertTrue(scaled.getMessage().matches("Scaled up replica set web-[a-z0-9]{10} to 1"), scaled.getMessage());
        assertEquals(applied.getMetadata().getUid(), scaled.getInvolvedObject().getUid());
        assertEquals("deployment-controller", scaled.getSource().getComponent());
    }

    @Test
    void aFailingPullRecordsErrImagePullAndBackOffWarnings() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxFixture.deployment(ns, "ghost", 1,
                new ContainerBuilder().withName("main").withImage("registry.example/ghost:fail").build()));
        sandbox.awaitObserved(ns, "ghost", 1);
        String name = sandbox.client.pods().inNamespace(ns).withLabel("app", "ghost").list().getItems().get(0).getMetadata().getName();

        List<Event> warnings = SandboxFixture.await(() -> {
            List<Event> found = sandbox.eventsOf(ns, name).stream().filter(e -> "Warning".equals(e.getType())).toList();
            return found.size() >= 3 ? found : null;
        }, "the pull warnings");

        assertTrue(warnings.stream().anyMatch(e -> "Error: ErrImagePull".equals(e.getMessage())), warnings.toString());
        assertTrue(warnings.stream().anyMatch(e -> "BackOff".equals(e.getReason())
                && e.getMessage().equals("Back-off pulling image \"registry.example/ghost:fail\"")), warnings.toString());
    }

    @Test
    void eventsAreSelectedByInvolvedObjectAndGoWithTheirNamespace() {
        String ns = sandbox.namespace();
        sandbox.apply(SandboxFixture.deployment(ns, "tmp", 1,
                new ContainerBuilder().withName("main").withImage("registry.example/tmp:1").build()));
        sandbox.awaitObserved(ns, "tmp", 1);
        SandboxFixture.await(() -> sandbox.eventsOf(ns, "tmp").isEmpty() ? null : true, "the deployment's event");

        String pod = sandbox.client.pods().inNamespace(ns).withLabel("app", "tmp").list().getItems().get(0).getMetadata().getName();
        SandboxFixture.await(() -> sandbox.eventsOf(ns, pod).size() >= 4 ? true : null, "the pod's events");

        List<Event> selected = sandbox.client.v1().events().inNamespace(ns).withField("involvedObject.name", "tmp").list().getItems();
        assertEquals(List.of("ScalingReplicaSet"), selected.stream().map(Event::getReason).toList());
        List<Event> started = sandbox.client.v1().events().inNamespace(ns).withField("involvedObject.name", pod)
                .withField("reason", "Started").list().getItems();
        assertEquals(1, started.size());
        assertEquals(pod, started.get(0).getInvolvedObject().getName());

        sandbox.client.namespaces().withName(ns).delete();
        SandboxFixture.await(() -> sandbox.client.v1().events().inNamespace(ns).list().getItems().isEmpty() ? true : null,
                "the namespace's events go");
    }
}
