package dev.slipway.local.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays the Job controller and the kubelet for Jobs (batch/v1): some hundred milliseconds after a
 * Job is created it starts one pod ({@code <job>-<5 chars>}, labelled {@code job-name} and
 * {@code controller-uid} as a real controller labels it), which runs for about as long again and
 * ends: Succeeded (exit code 0), or Failed (exit code 1) when an image matches the crashing
 * pattern. The Job's status follows through the status subresource: {@code active} while it runs,
 * then {@code succeeded} with {@code Complete=True}, or {@code failed} with {@code Failed=True}
 * reason {@code BackoffLimitExceeded}. One pod only: retries are not simulated. A pod whose image
 * does not pull stays Pending in ImagePullBackOff and its Job never finishes, as on a real
 * cluster. Deleting a Job deletes its pod, whatever the propagation policy (the garbage collector
 * would, in the background).
 */
final class SimulatedJobs implements AutoCloseable {
    static final String JOB_NAME = "job-name";
    static final String BATCH_JOB_NAME = "batch.kubernetes.io/job-name";
    static final String CONTROLLER_UID = "controller-uid";
    static final String BATCH_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    private static final int STATUS_WRITE_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final ControllerSteps steps;
    private final ImageBehaviour images;
    private final SimulatedEvents events;
    private final SharedIndexInformer<Job> informer;
    /** The pod started per Job uid (pod null until it is); a Job runs once, so this also marks it as handled. */
    private final Map<String, JobPod> started = new ConcurrentHashMap<>();

    private record JobPod(String namespace, String pod) {
    }

    SimulatedJobs(KubernetesClient client, ControllerSteps steps, ImageBehaviour images, SimulatedEvents events) {
        this.client = client;
        this.steps = steps;
        this.images = images;
        this.events = events;
        this.informer = client.batch().v1().jobs().inAnyNamespace().runnableInformer(0);
        this.informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                consider(job);
            }

            @Override
            public void onUpdate(Job previous, Job job) {
                consider(job);
            }

            @Override
            public void onDelete(Job job, boolean finalStateUnknown) {
                forget(job.getMetadata().getUid());
            }
        });
    }

    SharedIndexInformer<Job> informer() {
        return informer;
    }

    @Override
    public void close() {
        informer.close();
    }

    /** Deletes the pods of Jobs that are gone, should the informer have missed a deletion. */
    void collectOrphans() {
        Set<String> live = new HashSet<>();
        informer.getStore().list().forEach(job -> live.add(job.getMetadata().getUid()));
        started.keySet().stream().filter(uid -> !live.contains(uid)).toList().forEach(this::forget);
    }

    private void consider(Job job) {
        String uid = job.getMetadata().getUid();
        JobStatus status = job.getStatus();
        if (status != null && (status.getStartTime() != null || status.getCompletionTime() != null)) {
            return; // started before this controller came along (or by it): a Job runs once
        }
        String namespace = job.getMetadata().getNamespace();
        if (started.putIfAbsent(uid, new JobPod(namespace, null)) == null) {
            String name = job.getMetadata().getName();
            steps.submit(uid, () -> start(namespace, name, uid), steps.jitteredDelay());
        }
    }

    private void forget(String uid) {
        if (started.containsKey(uid)) {
            steps.submit(uid, () -> {
                JobPod gone = started.remove(uid);
                if (gone != null && gone.pod() != null) {
                    client.pods().inNamespace(gone.namespace()).withName(gone.pod()).delete();
                }
            }, 0);
        }
    }

    private void start(String namespace, String name, String uid) {
        Job job = informer.getStore().getByKey(namespace + "/" + name);
        if (job == null || !uid.equals(job.getMetadata().getUid()) || !started.containsKey(uid)) {
            return;
        }
        SimulatedPods pods = new SimulatedPods(job.getSpec() == null ? null : job.getSpec().getTemplate(), images);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CONTROLLER_UID, uid);
        labels.put(BATCH_CONTROLLER_UID, uid);
        labels.put(JOB_NAME, name);
        labels.put(BATCH_JOB_NAME, name);
        String podName = name + "-" + SimulatedRollout.randomSuffix();
        Pod pod = client.pods().inNamespace(namespace).resource(pods.pod(podName, job, labels, true)).create();
        started.put(uid, new JobPod(namespace, podName));
        String now = now();
        writeStatus(job, new JobStatusBuilder().withActive(1).withStartTime(now).withReady(0).build());
        events.record(job, SimulatedEvents.Note.normal(SimulatedEvents.JOB_CONTROLLER, "SuccessfulCreate", "Created pod: " + podName));
        events.record(pod, pods.events(pod, true));
        if (!pods.pullFails()) {
            boolean succeeds = !pods.crashes();
            steps.submit(uid, () -> finish(namespace, name, uid, pod, now, succeeds), steps.jitteredDelay());
        }
    }

    private void finish(String namespace, String name, String uid, Pod running, String startTime, boolean succeeds) {
        Job job = informer.getStore().getByKey(namespace + "/" + name);
        if (job == null || !uid.equals(job.getMetadata().getUid())) {
            return;
        }
        String now = now();
        Pod ended = new PodBuilder(running).editStatus()
                .withPhase(succeeds ? "Succeeded" : "Failed")
                .withConditions(podConditions(now))
                .withContainerStatuses(running.getStatus().getContainerStatuses().stream().map(s -> terminated(s, now, succeeds)).toList())
                .endStatus().build();
        try {
            client.pods().inNamespace(namespace).resource(ended).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return; // the pod was deleted meanwhile (its Job too, most likely)
            }
            throw e;
        }
        JobCondition condition = succeeds
                ? condition("Complete", null, null, now)
                : condition("Failed", BACKOFF_LIMIT_EXCEEDED, "Job has reached the specified backoff limit", now);
        JobStatusBuilder status = new JobStatusBuilder().withStartTime(startTime).withReady(0).withConditions(condition);
        if (succeeds) {
            status.withSucceeded(1).withCompletionTime(now);
        } else {
            status.withFailed(1);
        }
        writeStatus(job, status.build());
        events.record(job, succeeds
                ? SimulatedEvents.Note.normal(SimulatedEvents.JOB_CONTROLLER, "Completed", "Job completed")
                : SimulatedEvents.Note.warning(SimulatedEvents.JOB_CONTROLLER, BACKOFF_LIMIT_EXCEEDED,
                        "Job has reached the specified backoff limit"));
    }

    private static ContainerStatus terminated(ContainerStatus running, String now, boolean succeeds) {
        String startedAt = running.getState() != null && running.getState().getRunning() != null
                ? running.getState().getRunning().getStartedAt()
                : now;
        return new ContainerStatusBuilder(running).withReady(false).withStarted(false)
                .withNewState().withNewTerminated()
                .withExitCode(succeeds ? 0 : 1).withReason(succeeds ? "Completed" : "Error")
                .withStartedAt(startedAt).withFinishedAt(now)
                .endTerminated().endState()
                .build();
    }

    private static List<PodCondition> podConditions(String now) {
        return List.of(
                podCondition("PodScheduled", "True", null, now),
                podCondition("Initialized", "True", "PodCompleted", now),
                podCondition("ContainersReady", "False", "PodCompleted", now),
                podCondition("Ready", "False", "PodCompleted", now));
    }

    private static PodCondition podCondition(String type, String status, String reason, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason).withLastTransitionTime(now).build();
    }

    private static JobCondition condition(String type, String reason, String message, String now) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(now).withLastTransitionTime(now).build();
    }

    /** Through the status subresource, over the cached Job first and a fresh read after a conflict. */
    private void writeStatus(Job cached, JobStatus status) {
        String namespace = cached.getMetadata().getNamespace();
        Job current = new JobBuilder(cached).build();
        for (int attempt = 1; attempt <= STATUS_WRITE_ATTEMPTS; attempt++) {
            if (current == null || !cached.getMetadata().getUid().equals(current.getMetadata().getUid())) {
                return;
            }
            current.setStatus(status);
            try {
                client.batch().v1().jobs().inNamespace(namespace).resource(current).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == STATUS_WRITE_ATTEMPTS) {
                    throw e;
                }
            }
            current = client.batch().v1().jobs().inNamespace(namespace).withName(cached.getMetadata().getName()).get();
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
