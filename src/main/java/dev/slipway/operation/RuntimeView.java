package dev.slipway.operation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an environment runs right now, as its cluster reports it, per workload of its current deployment. */
@Schema(name = "Runtime", description = "What an environment runs now: each workload of its current deployment with its pods and recent Kubernetes events.")
public record RuntimeView(
        @Schema(description = "Application.") String application,
        @Schema(description = "Environment.") String environment,
        @Schema(description = "The environment's current deployment (the last that succeeded); null when there is none.") UUID deploymentId,
        @Schema(description = "Kubernetes namespace the workloads run in.") String namespace,
        @Schema(description = "The current deployment's workloads; empty without a current deployment.") List<WorkloadRuntime> workloads) {

    /** One workload as the cluster runs it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "One workload of the current deployment as the cluster runs it.")
    public record WorkloadRuntime(
            @Schema(description = "Workload name.") String name,
            @Schema(description = "service, worker or cron.") String kind,
            @Schema(description = "Name of its Deployment or CronJob (and Service, HorizontalPodAutoscaler).") String objectName,
            @Schema(description = "Replicas the Deployment asks for; absent for cron or when the Deployment is missing.") Integer desiredReplicas,
            @Schema(description = "Pods ready.") Integer readyReplicas,
            @Schema(description = "Pods available (ready for minReadySeconds).") Integer availableReplicas,
            @Schema(description = "Pods running the newest pod template.") Integer updatedReplicas,
            @Schema(description = "The HorizontalPodAutoscaler's view when the workload is autoscaled.") AutoscalingStatus autoscaling,
            @Schema(description = "The CronJob's view, for cron workloads.") CronStatus cron,
            @Schema(description = "The workload's pods, by name.") List<PodView> pods,
            @Schema(description = "Recent Kubernetes events about the workload, its ReplicaSets, Jobs and pods; newest first.") List<EventView> events) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "What the HorizontalPodAutoscaler allows and decided.")
    public record AutoscalingStatus(
            @Schema(description = "Fewest pods.") Integer minReplicas,
            @Schema(description = "Most pods.") Integer maxReplicas,
            @Schema(description = "Pods it last saw.") Integer currentReplicas,
            @Schema(description = "Pods it wants.") Integer desiredReplicas) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "What the CronJob did.")
    public record CronStatus(
            @Schema(description = "Cron schedule.", examples = "*/15 * * * *") String schedule,
            @Schema(description = "When a run was last started; absent before the first.") Instant lastScheduleTime,
            @Schema(description = "Names of the Jobs running now.") List<String> activeRuns) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Pod", description = "One pod of a workload.")
    public record PodView(
            @Schema(description = "Pod name.") String name,
            @Schema(description = "Pending, Running, Succeeded, Failed or Unknown.") String phase,
            @Schema(description = "Node it runs on; absent before it is scheduled.") String node,
            @Schema(description = "When the kubelet started it.") Instant startedAt,
            @Schema(description = "Restarts of all its containers.") int restarts,
            @Schema(description = "Whether every container is ready.") boolean ready,
            @Schema(description = "Its containers.") List<ContainerView> containers) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Container", description = "One container of a pod, with why it is not running when it is not (CrashLoopBackOff, ImagePullBackOff, OOMKilled, ...).")
    public record ContainerView(
            @Schema(description = "Container name.") String name,
            @Schema(description = "Image it runs.") String image,
            @Schema(description = "Whether it passes its readiness probe.") boolean ready,
            @Schema(description = "How often it was restarted.") int restartCount,
            @Schema(description = "running, waiting or terminated.", enumeration = {
                    "running", "waiting", "terminated" }) String state,
            @Schema(description = "Why it waits or ended, e.g. CrashLoopBackOff, ImagePullBackOff, OOMKilled, Error; for a running "
                    + "container that restarted, why its last run ended.") String reason,
            @Schema(description = "The kubelet's message about it.") String message,
            @Schema(description = "Exit code of the terminated container (or of its last run, for one that restarted).") Integer exitCode) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "KubernetesEvent", description = "One Kubernetes event.")
    public record EventView(
            @Schema(description = "Normal or Warning.") String type,
            @Schema(description = "Short machine-readable reason, e.g. BackOff, Pulled, ScalingReplicaSet.") String reason,
            @Schema(description = "What happened.") String message,
            @Schema(description = "Kind of the object it is about.", examples = "Pod") String objectKind,
            @Schema(description = "Name of the object it is about.") String objectName,
            @Schema(description = "How often it happened.") Integer count,
            @Schema(description = "First seen.") Instant firstSeen,
            @Schema(description = "Last seen.") Instant lastSeen) {
    }
}
