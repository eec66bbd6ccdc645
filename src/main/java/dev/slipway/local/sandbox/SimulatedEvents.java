package dev.slipway.local.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

/**
 * Records core/v1 Events about objects, as the cluster's components do: the scheduler and kubelet
 * for pods, the deployment and job controllers for theirs. Each is a separate object named
 * {@code <object>.<hex>} in the object's namespace, so {@code kubectl get events} and
 * {@code kubectl describe} show them and they go with the namespace.
 *
 * <p>A real API server drops events after an hour; so does this, and it keeps at most
 * {@value #MAX_EVENTS} (the oldest go first), so a long dev-mode session does not fill memory.
 * Lists select them by {@code involvedObject.*}, {@code reason} and {@code type} field selectors
 * ({@link EventSelector}); watches do not.
 */
final class SimulatedEvents {
    static final String SCHEDULER = "default-scheduler";
    static final String KUBELET = "kubelet";
    static final String DEPLOYMENT_CONTROLLER = "deployment-controller";
    static final String JOB_CONTROLLER = "job-controller";
    static final String NODE = "sandbox";
    static final Duration TIME_TO_LIVE = Duration.ofHours(1);
    static final int MAX_EVENTS = 10_000;
    private static final Logger LOG = Logger.getLogger(SimulatedEvents.class);

    /** What happened: who reports it, Normal or Warning, why, what, and how often (a repeated event counts up). */
    record Note(String component, String type, String reason, String message, int count) {
        static Note normal(String component, String reason, String message) {
            return new Note(component, "Normal", reason, message, 1);
        }

        static Note warning(String component, String reason, String message) {
            return new Note(component, "Warning", reason, message, 1);
        }

        Note times(int repeated) {
            return new Note(component, type, reason, message, repeated);
        }
    }

    private record Written(String namespace, String name, Instant at) {
    }

    private final KubernetesClient client;
    private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    SimulatedEvents(KubernetesClient client) {
        this.client = client;
    }

    void record(HasMetadata object, List<Note> notes) {
        notes.forEach(note -> record(object, note));
    }

    void record(HasMetadata object, Note note) {
        String namespace = object.getMetadata().getNamespace();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String name = object.getMetadata().getName() + "." + Long.toHexString(System.currentTimeMillis() * 1_000_000L
                + ThreadLocalRandom.current().nextInt(1_000_000));
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(object.getApiVersion())
                .withKind(object.getKind())
                .withName(object.getMetadata().getName())
                .withNamespace(namespace)
                .withUid(object.getMetadata().getUid())
                .withResourceVersion(object.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(note.type())
                .withReason(note.reason())
                .withMessage(note.message())
                .withCount(note.count())
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(note.component()).withHost(KUBELET.equals(note.component()) ? NODE : null).endSource()
                .withReportingComponent(note.component())
                .withReportingInstance(KUBELET.equals(note.component()) ? NODE : null)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            // The namespace may be going away with the object: an event about it does not matter then.
            LOG.debugf("Sandbox event %s/%s not recorded: %s", namespace, name, e.getMessage());
            return;
        }
        written.add(new Written(namespace, name, Instant.now()));
        if (count.incrementAndGet() > MAX_EVENTS) {
            expireOldest();
        }
    }

    /** Deletes the events older than {@link #TIME_TO_LIVE}, as the API server lets them expire. */
    void expire() {
        Instant cutoff = Instant.now().minus(TIME_TO_LIVE);
        for (Written oldest = written.peek(); oldest != null && oldest.at().isBefore(cutoff); oldest = written.peek()) {
            expireOldest();
        }
    }

    private void expireOldest() {
        Written oldest = written.poll();
        if (oldest != null) {
            count.decrementAndGet();
            try {
                client.v1().events().inNamespace(oldest.namespace()).withName(oldest.name()).delete();
            } catch (KubernetesClientException e) {
                LOG.debugf("Sandbox event %s/%s not deleted: %s", oldest.namespace(), oldest.name(), e.getMessage());
            }
        }
    }
}
