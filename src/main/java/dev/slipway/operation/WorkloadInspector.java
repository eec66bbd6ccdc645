package dev.slipway.operation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.slipway.cluster.render.ManifestRenderer;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.operation.RuntimeView.AutoscalingStatus;
import dev.slipway.operation.RuntimeView.ContainerView;
import dev.slipway.operation.RuntimeView.CronStatus;
import dev.slipway.operation.RuntimeView.EventView;
import dev.slipway.operation.RuntimeView.PodView;
import dev.slipway.operation.RuntimeView.WorkloadRuntime;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads what a workload runs from its cluster: its Deployment (or CronJob and its Jobs), its
 * autoscaler, its pods and the events about all of them. Blocking (fabric8): call it on a worker
 * thread. Reads only, so a cluster that answers a part with 404 (an object deleted by hand) still
 * gives the rest.
 */
@ApplicationScoped
class WorkloadInspector {
    /** Enough to see a crash loop or a failed pull develop, not a history: that is what the deployment's events are for. */
    static final int EVENTS_PER_WORKLOAD = 20;

    /** What is read once per namespace and shared by its workloads. */
    record Namespace(KubernetesClient client, String name, String application, String environment, List<Event> events) {
    }

    Namespace namespace(KubernetesClient client, String namespace, String application, String environment) {
        return new Namespace(client, namespace, application, environment, client.v1().events().inNamespace(namespace).list().getItems());
    }

    WorkloadRuntime inspect(Namespace ns, WorkloadSpec.Named named) {
        Workload workload = named.workload();
        String objectName = ManifestRenderer.objectName(ns.application(), named.name());
        Map<String, String> selector = ManifestRenderer.workloadSelector(ns.application(), ns.environment(), named.name(), named.primary());
        KubernetesClient client = ns.client();
        List<Pod> pods = client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems();
        Set<String> involved = new HashSet<>();
        pods.forEach(pod -> involved.add("Pod/" + pod.getMetadata().getName()));
        if (Workload.CRON.equals(workload.kind())) {
            CronJob cronJob = client.batch().v1().cronjobs().inNamespace(ns.name()).withName(objectName).get();
            involved.add("CronJob/" + objectName);
            client.batch().v1().jobs().inNamespace(ns.name()).withLabels(selector).list().getItems()
                    .forEach(job -> involved.add("Job/" + job.getMetadata().getName()));
            return new WorkloadRuntime(named.name(), workload.kind(), objectName, null, null, null, null, null,
                    cron(workload, cronJob), pods(pods), events(ns.events(), involved));
        }
        Deployment deployment = client.apps().deployments().inNamespace(ns.name()).withName(objectName).get();
        involved.add("Deployment/" + objectName);
        client.apps().replicaSets().inNamespace(ns.name()).withLabels(selector).list().getItems()
                .forEach(set -> involved.add("ReplicaSet/" + set.getMetadata().getName()));
        AutoscalingStatus autoscaling = workload.autoscaling() == null
                ? null
                : autoscaling(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns.name()).withName(objectName).get());
        var status = deployment == null ? null : deployment.getStatus();
        return new WorkloadRuntime(named.name(), workload.kind(), objectName,
                deployment == null ? null : deployment.getSpec().getReplicas(),
                status == null ? null : zeroIfAbsent(status.getReadyReplicas()),
                status == null ? null : zeroIfAbsent(status.getAvailableReplicas()),
                status == null ? null : zeroIfAbsent(status.getUpdatedReplicas()),
                autoscaling, null, pods(pods), events(ns.events(), involved));
    }

    private static AutoscalingStatus autoscaling(HorizontalPodAutoscaler hpa) {
        if (hpa == null) {
            return null;
        }
        var status = hpa.getStatus();
        return new AutoscalingStatus(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas(),
                status == null ? null : status.getCurrentReplicas(), status == null ? null : status.getDesiredReplicas());
    }

    private static CronStatus cron(Workload workload, CronJob cronJob) {
        var status = cronJob == null ? null : cronJob.getStatus();
        List<String> active = status == null || status.getActive() == null
                ? List.of()
                : status.getActive().stream().map(ObjectReference::getName).filter(Objects::nonNull).sorted().toList();
        return new CronStatus(cronJob == null ? workload.schedule() : cronJob.getSpec().getSchedule(),
                status == null ? null : instant(status.getLastScheduleTime()), active);
    }

    private static List<PodView> pods(List<Pod> pods) {
        return pods.stream().map(WorkloadInspector::pod).sorted(Comparator.comparing(PodView::name)).toList();
    }

    private static PodView pod(Pod pod) {
        var status = pod.getStatus();
        List<ContainerStatus> statuses = status == null || status.getContainerStatuses() == null
                ? List.of()
                : status.getContainerStatuses();
        List<ContainerView> containers = new ArrayList<>();
        pod.getSpec().getContainers().forEach(container -> {
            ContainerStatus known = statuses.stream().filter(s -> container.getName().equals(s.getName())).findFirst().orElse(null);
            containers.add(container(container.getName(), container.getImage(), known));
        });
        int restarts = statuses.stream().mapToInt(s -> zeroIfAbsent(s.getRestartCount())).sum();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
        if (status != null && (status.getConditions() == null || status.getConditions().isEmpty())) {
            ready = !containers.isEmpty() && containers.stream().allMatch(ContainerView::ready);
        }
        return new PodView(pod.getMetadata().getName(), status == null ? null : status.getPhase(), pod.getSpec().getNodeName(),
                status == null ? null : instant(status.getStartTime()), restarts, ready, containers);
    }

    private static ContainerView container(String name, String image, ContainerStatus status) {
        if (status == null) {
            return new ContainerView(name, image, false, 0, "waiting", "ContainerCreating", null, null);
        }
        ContainerState state = status.getState();
        ContainerState last = status.getLastState();
        var lastEnd = last == null ? null : last.getTerminated();
        if (state != null && state.getWaiting() != null) {
            return new ContainerView(name, image, bool(status.getReady()), zeroIfAbsent(status.getRestartCount()), "waiting",
                    state.getWaiting().getReason(), state.getWaiting().getMessage(), lastEnd == null ? null : lastEnd.getExitCode());
        }
        if (state != null && state.getTerminated() != null) {
            var end = state.getTerminated();
            return new ContainerView(name, status.getImage() != null ? status.getImage() : image, bool(status.getReady()),
                    zeroIfAbsent(status.getRestartCount()), "terminated", end.getReason(), end.getMessage(), end.getExitCode());
        }
        // Running: a container that restarted says why its last run ended (an OOMKilled that recovered is worth seeing).
        return new ContainerView(name, image, bool(status.getReady()), zeroIfAbsent(status.getRestartCount()), "running",
                lastEnd == null ? null : lastEnd.getReason(), lastEnd == null ? null : lastEnd.getMessage(),
                lastEnd == null ? null : lastEnd.getExitCode());
    }

    private static List<EventView> events(List<Event> events, Set<String> involved) {
        return events.stream()
                .filter(event -> event.getInvolvedObject() != null
                        && involved.contains(event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName()))
                .map(WorkloadInspector::event)
                .sorted(Comparator.comparing(EventView::lastSeen, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(EVENTS_PER_WORKLOAD)
                .toList();
    }

    private static EventView event(Event event) {
        Instant first = instant(event.getFirstTimestamp());
        Instant last = instant(event.getLastTimestamp());
        // Events written through events.k8s.io carry eventTime instead of the timestamps.
        Instant at = event.getEventTime() == null ? null : instant(event.getEventTime().getTime());
        return new EventView(event.getType(), event.getReason(), event.getMessage(), event.getInvolvedObject().getKind(),
                event.getInvolvedObject().getName(), event.getCount(), first != null ? first : at,
                last != null ? last : first != null ? first : at);
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // a timestamp a cluster wrote oddly is not worth failing the whole view for
        }
    }

    private static int zeroIfAbsent(Integer value) {
        return value == null ? 0 : value;
    }

    private static boolean bool(Boolean value) {
        return Boolean.TRUE.equals(value);
    }
}
