package dev.slipway.cluster.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.slipway.runtime.Threads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Waits for release Jobs: a success when the Job completes, else a failure with reason
 * {@value #FAILED} and the tail of its pod's log, so that the developer sees why the migration
 * failed without kubectl. A pod stuck in a state that will not fix itself (an image that does not
 * pull) fails at once rather than at the deadline. Polls every half second on a thread of its own,
 * so no reconciler worker waits for a migration.
 */
@ApplicationScoped
public class ReleaseJobs {
    public static final String FAILED = "ReleaseJobFailed";
    /** The pod label Kubernetes' Job controller sets. */
    public static final String JOB_NAME_LABEL = "job-name";
    static final int LOG_TAIL_LINES = 20;
    private static final Logger LOG = Logger.getLogger(ReleaseJobs.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(Threads.named("slipway-release-poller"));
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

    private record Waiting(KubernetesClient client, String namespace, String job, Instant deadline, Duration length,
            CompletableFuture<RolloutOutcome> outcome) {
    }

    public ReleaseJobs() {
        poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Completes once the Job {@code job} in {@code namespace} has completed, failed, or not finished within {@code deadline}. */
    public CompletableFuture<RolloutOutcome> await(KubernetesClient client, String namespace, String job, Duration deadline) {
        Waiting entry = new Waiting(client, namespace, job, Instant.now().plus(deadline), deadline, new CompletableFuture<>());
        Waiting previous = waiting.put(namespace + "/" + job, entry);
        if (previous != null) {
            previous.outcome.complete(RolloutOutcome.failure("Superseded", "the release job is awaited again", 0));
        }
        return entry.outcome;
    }

    private void poll() {
        for (Waiting entry : waiting.values()) {
            try {
                RolloutOutcome outcome = Instant.now().isAfter(entry.deadline)
                        ? RolloutOutcome.failure(FAILED, "release job " + entry.job + " did not finish within " + entry.length.toSeconds()
                                + "s" + logTail(entry.client, entry.namespace, entry.job), 0)
                        : outcome(entry.client, entry.namespace, entry.job);
                if (outcome != null) {
                    waiting.remove(entry.namespace + "/" + entry.job, entry);
                    entry.outcome.complete(outcome);
                }
            } catch (RuntimeException e) {
                LOG.debugf(e, "checking release job %s/%s failed; will retry", entry.namespace, entry.job);
            }
        }
    }

    /** The Job's outcome, or null while it runs. */
    static RolloutOutcome outcome(KubernetesClient client, String namespace, String name) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null) {
            return RolloutOutcome.failure(FAILED, "release job " + name + " disappeared from the cluster", 0);
        }
        if (condition(job, "Complete")) {
            return new RolloutOutcome(true, "ReleaseJobCompleted", "release job " + name + " completed", 0);
        }
        if (condition(job, "Failed")) {
            JobCondition failed = job.getStatus().getConditions().stream().filter(c -> "Failed".equals(c.getType())).findFirst().get();
            return RolloutOutcome.failure(FAILED,
                    "release job " + name + " failed (" + failed.getReason() + ": " + failed.getMessage() + ")"
                            + logTail(client, namespace, name),
                    0);
        }
        for (Pod pod : pods(client, namespace, name)) {
            var failure = PodFailures.of(pod);
            if (failure.isPresent()) {
                return RolloutOutcome.failure(FAILED, "release job " + name + " cannot run: " + failure.get().reason() + ", "
                        + failure.get().message(), 0);
            }
        }
        return null;
    }

    private static boolean condition(Job job, String type) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<Pod> pods(KubernetesClient client, String namespace, String job) {
        return client.pods().inNamespace(namespace).withLabel(JOB_NAME_LABEL, job).list().getItems();
    }

    /** The last lines of the newest pod's first container's log, prefixed for a message; empty when there is none. */
    static String logTail(KubernetesClient client, String namespace, String job) {
        try {
            Pod newest = pods(client, namespace, job).stream()
                    .max(Comparator.comparing(pod -> String.valueOf(pod.getMetadata().getCreationTimestamp()))).orElse(null);
            if (newest == null) {
                return "";
            }
            String container = newest.getSpec().getContainers().get(0).getName();
            String log = client.pods().inNamespace(namespace).withName(newest.getMetadata().getName()).inContainer(container)
                    .tailingLines(LOG_TAIL_LINES).getLog();
            return log == null || log.isBlank() ? "" : "; last log lines of " + newest.getMetadata().getName() + ":\n" + log.strip();
        } catch (RuntimeException e) {
            return "; its log could not be read (" + ClusterErrors.describe(e) + ")";
        }
    }

    /**
     * A replica shutting down gives its jobs back: their release jobs are no longer awaited here
     * and their outcomes never complete; the next owner awaits the same Job (its name is the
     * deployment's) and goes on. Answers how many were dropped.
     */
    public int abandonAll() {
        int abandoned = 0;
        for (Map.Entry<String, Waiting> entry : waiting.entrySet()) {
            if (waiting.remove(entry.getKey(), entry.getValue())) {
                abandoned++;
            }
        }
        return abandoned;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        Threads.stop(poller, Duration.ofSeconds(1));
    }
}
