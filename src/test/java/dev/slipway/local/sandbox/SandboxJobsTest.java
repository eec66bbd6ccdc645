package dev.slipway.local.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Jobs run one pod to completion (or failure) and CronJobs are stored, as on a real cluster. */
class SandboxJobsTest {

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
    void aJobRunsItsPodToCompletion() {
        String ns = sandbox.namespace();
        Job applied = sandbox.apply(job(ns, "migrate", "registry.example/app:1"));

        Job done = awaitFinished(ns, "migrate");

        assertEquals(1, done.getStatus().getSucceeded());
        assertNotNull(done.getStatus().getStartTime());
        assertNotNull(done.getStatus().getCompletionTime());
        JobCondition complete = done.getStatus().getConditions().get(0);
        assertEquals("Complete", complete.getType());
        assertEquals("True", complete.getStatus());
        Pod pod = onlyPod(ns, "migrate");
        assertTrue(pod.getMetadata().getName().matches("migrate-[a-z0-9]{5}"), pod.getMetadata().getName());
        assertEquals(applied.getMetadata().getUid(), pod.getMetadata().getLabels().get("controller-uid"));
        assertEquals(applied.getMetadata().getUid(), pod.getMetadata().getLabels().get("batch.kubernetes.io/controller-uid"));
        assertEquals("migrate", pod.getMetadata().getLabels().get("batch.kubernetes.io/job-name"));
        assertEquals("migrate", pod.getMetadata().getLabels().get("app"), "the template's labels");
        assertEquals("Job", pod.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals("Succeeded", pod.getStatus().getPhase());
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertEquals(0, terminated.getExitCode());
        assertEquals("Completed", terminated.getReason());
        List<String> reasons = SandboxFixture.await(() -> {
            List<String> found = sandbox.eventsOf(ns, "migrate").stream().map(Event::getReason).toList();
            return found.contains("Completed") ? found : null;
        }, "the job controller's events");
        assertTrue(reasons.contains("SuccessfulCreate"), reasons.toString());
    }

    @Test
    void aJobOfACrashingImageFailsWithBackoffLimitExceeded() {
        String ns = sandbox.namespace();
        sandbox.apply(job(ns, "broken", "registry.example/crash-on-start:1"));

        Job failed = awaitFinished(ns, "broken");

        assertEquals(1, failed.getStatus().getFailed());
        assertNull(failed.getStatus().getCompletionTime());
        JobCondition condition = failed.getStatus().getConditions().get(0);
        assertEquals("Failed", condition.getType());
        assertEquals("True", condition.getStatus());
        assertEquals("BackoffLimitExceeded", condition.getReason());
        assertEquals("Job has reached the specified backoff limit", condition.getMessage());
        Pod pod = onlyPod(ns, "broken");
        assertEquals("Failed", pod.getStatus().getPhase());
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertEquals(1, terminated.getExitCode());
        assertEquals("Error", terminated.getReason());
        SandboxFixture.await(() -> sandbox.eventsOf(ns, "broken").stream()
                .anyMatch(e -> "BackoffLimitExceeded".equals(e.getReason()) && "Warning".equals(e.getType())), "a warning event");
    }

    @Test
    void aJobWhoseImageDoesNotPullNeverFinishes() throws Exception {
        String ns = sandbox.namespace();
        sandbox.apply(job(ns, "stuck", "registry.example/app:fail"));

        Pod pod = SandboxFixture.await(() -> sandbox.client.pods().inNamespace(ns).withLabel("job-name", "stuck").list().getItems()
                .stream().findFirst().orElse(null), "the job's pod");
        assertEquals("Pending", pod.getStatus().getPhase());
        assertEquals("ImagePullBackOff", pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
        Job active = sandbox.client.batch().v1().jobs().inNamespace(ns).withName("stuck").waitUntilCondition(
                j -> j.getStatus() != null && Integer.valueOf(1).equals(j.getStatus().getActive()), SandboxFixture.WAIT_SECONDS,
                TimeUnit.SECONDS);
        Thread.sleep(500);
        Job later = sandbox.client.batch().v1().jobs().inNamespace(ns).withName("stuck").get();
        assertEquals(active.getStatus(), later.getStatus(), "nothing more happens");
        assertNull(later.getStatus().getConditions() == null || later.getStatus().getConditions().isEmpty()
                ? null
                : later.getStatus().getConditions());
    }

    @Test
    void deletingAJobDeletesItsPodWhateverThePropagationPolicy() {
        String ns = sandbox.namespace();
        for (DeletionPropagation policy : List.of(DeletionPropagation.BACKGROUND, DeletionPropagation.FOREGROUND,
                DeletionPropagation.ORPHAN)) {
            String name = "once-" + policy.name().toLowerCase();
            sandbox.apply(job(ns, name, "registry.example/app:1"));
            awaitFinished(ns, name);
            onlyPod(ns, name);

            sandbox.client.batch().v1().jobs().inNamespace(ns).withName(name).withPropagationPolicy(policy).delete();

            SandboxFixture.await(() -> sandbox.client.pods().inNamespace(ns).withLabel("job-name", name).list().getItems().isEmpty(),
                    "the pod of the deleted job (" + policy + ") goes");
        }
    }

    @Test
    void cronJobsAreAppliedChangedListedAndDeleted() {
        String ns = sandbox.namespace();
        CronJob first = sandbox.apply(cronJob(ns, "nightly", "0 3 * * *"));
        CronJob second = sandbox.apply(cronJob(ns, "nightly", "30 4 * * *"));

        CronJob stored = sandbox.client.batch().v1().cronjobs().inNamespace(ns).withName("nightly").get();
        assertEquals("30 4 * * *", stored.getSpec().getSchedule());
        assertEquals(first.getMetadata().getUid(), second.getMetadata().getUid());
        assertEquals(first.getMetadata().getGeneration() + 1, stored.getMetadata().getGeneration());
        assertEquals(List.of("nightly"), sandbox.client.batch().v1().cronjobs().inNamespace(ns).list().getItems().stream()
                .map(c -> c.getMetadata().getName()).toList());

        sandbox.client.batch().v1().cronjobs().inNamespace(ns).withName("nightly").delete();
        assertNull(sandbox.client.batch().v1().cronjobs().inNamespace(ns).withName("nightly").get());
    }

    private static Job awaitFinished(String ns, String name) {
        return sandbox.client.batch().v1().jobs().inNamespace(ns).withName(name).waitUntilCondition(
                j -> j != null && j.getStatus() != null && j.getStatus().getConditions() != null
                        && !j.getStatus().getConditions().isEmpty(),
                SandboxFixture.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Pod onlyPod(String ns, String job) {
        List<Pod> pods = sandbox.client.pods().inNamespace(ns).withLabel("job-name", job).list().getItems();
        assertEquals(1, pods.size(), pods.toString());
        return pods.get(0);
    }

    static Job job(String ns, String name, String image) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withBackoffLimit(0)
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage(image).withCommand("bin/migrate").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static CronJob cronJob(String ns, String name, String schedule) {
        return new CronJobBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withSchedule(schedule)
                .withNewJobTemplate().withNewSpec()
                .withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
                .addNewContainer().withName("main").withImage("registry.example/app:1").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }
}
