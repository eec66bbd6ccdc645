package dev.slipway.cluster.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.slipway.cluster.workload.AutoscalingSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ReleaseSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/** The objects of one workload (Deployment, CronJob, Service, HorizontalPodAutoscaler) and of the release Job. */
final class WorkloadObjects {
    /** Finished cron runs kept for their logs, as Kubernetes' defaults. */
    private static final int SUCCESSFUL_RUNS_KEPT = 3;
    private static final int FAILED_RUNS_KEPT = 1;

    private final PodContainers.Config config;
    private final Map<String, String> podAnnotations;
    private final PodDefaults defaults;

    WorkloadObjects(PodContainers.Config config, Map<String, String> podAnnotations, PodDefaults defaults) {
        this.config = config;
        this.podAnnotations = podAnnotations;
        this.defaults = defaults;
    }

    /** @param replicas null leaves them to an autoscaler (server-side apply then does not touch them) */
    Deployment deployment(Workload workload, Integer replicas, ObjectMeta metadata, Map<String, String> labels,
            Map<String, String> selector) {
        return new DeploymentBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withMetadata(metadata)
                .withNewSpec()
                .withReplicas(replicas)
                .withProgressDeadlineSeconds(RenderTarget.PROGRESS_DEADLINE_SECONDS)
                .withNewSelector()
                .withMatchLabels(new TreeMap<>(selector))
                .endSelector()
                // Kubernetes' defaults, written out so that the rendered object says how it rolls.
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString("25%"))
                .withMaxUnavailable(new IntOrString("25%"))
                .endRollingUpdate()
                .endStrategy()
                .withTemplate(podTemplate(workload.containers(), labels, null))
                .endSpec()
                .build();
    }

    Service service(List<ServicePortSpec> ports, ObjectMeta metadata, Map<String, String> selector) {
        return new ServiceBuilder()
                .withApiVersion("v1")
                .withKind("Service")
                .withMetadata(metadata)
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(new TreeMap<>(selector))
                .withPorts(ports.stream().map(WorkloadObjects::servicePort).toList())
                .endSpec()
                .build();
    }

    HasMetadata autoscaler(AutoscalingSpec autoscaling, ObjectMeta metadata) {
        return new HorizontalPodAutoscalerBuilder()
                .withApiVersion("autoscaling/v2")
                .withKind("HorizontalPodAutoscaler")
                .withMetadata(metadata)
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(metadata.getName()).endScaleTargetRef()
                .withMinReplicas(autoscaling.minOrDefault())
                .withMaxReplicas(autoscaling.maxReplicas())
                .addNewMetric()
                .withType("Resource")
                .withNewResource().withName("cpu").withNewTarget().withType("Utilization")
                .withAverageUtilization(autoscaling.targetCpuOrDefault()).endTarget().endResource()
                .endMetric()
                .endSpec()
                .build();
    }

    /**
     * The Jobs a CronJob creates carry the workload's selector labels but not managed-by: they are
     * the cluster's, not Slipway's, so pruning never deletes a run in progress.
     */
    HasMetadata cronJob(Workload workload, ObjectMeta metadata, Map<String, String> labels) {
        Map<String, String> runLabels = new TreeMap<>(labels);
        runLabels.remove(ManifestRenderer.MANAGED_BY_LABEL);
        return new CronJobBuilder()
                .withApiVersion("batch/v1")
                .withKind("CronJob")
                .withMetadata(metadata)
                .withNewSpec()
                .withSchedule(workload.schedule())
                .withConcurrencyPolicy(workload.concurrencyPolicy() == null ? "Forbid" : workload.concurrencyPolicy())
                .withSuccessfulJobsHistoryLimit(SUCCESSFUL_RUNS_KEPT)
                .withFailedJobsHistoryLimit(FAILED_RUNS_KEPT)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(runLabels).endMetadata()
                .withNewSpec()
                .withTemplate(podTemplate(workload.containers(), runLabels, "OnFailure"))
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    /** Runs once: its pod never restarts in place, retries (if any) are new pods. */
    HasMetadata releaseJob(ReleaseSpec release, ObjectMeta metadata, Map<String, String> labels) {
        Map<String, String> podLabels = new TreeMap<>(labels);
        podLabels.remove(ManifestRenderer.MANAGED_BY_LABEL);
        return new JobBuilder()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withMetadata(metadata)
                .withNewSpec()
                .withBackoffLimit(release.backoffLimitOrDefault())
                .withActiveDeadlineSeconds((long) release.deadlineOrDefault())
                .withTemplate(podTemplate(release.containers(), podLabels, "Never"))
                .endSpec()
                .build();
    }

    /** A pod with restartPolicy null is a Deployment's: long-running, so it alone takes the type's startup probe. */
    private PodTemplateSpec podTemplate(List<ContainerSpec> containers, Map<String, String> labels, String restartPolicy) {
        boolean longRunning = restartPolicy == null;
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(new TreeMap<>(labels))
                .withAnnotations(new TreeMap<>(podAnnotations))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy(restartPolicy)
                .withSecurityContext(defaults.podSecurityContext())
                .withContainers(containers.stream().map(c -> PodContainers.container(c, config, defaults, longRunning)).toList())
                .endSpec()
                .build();
    }

    private static ServicePort servicePort(ServicePortSpec port) {
        return new ServicePortBuilder()
                .withName(port.name())
                .withPort(port.port())
                .withTargetPort(new IntOrString(port.targetPort() != null ? port.targetPort() : port.port()))
                .withProtocol(WorkloadValidator.protocolOrTcp(port.protocol()))
                .build();
    }
}
