package dev.slipway.operation;

import java.util.function.Consumer;

import dev.slipway.api.grpc.Protos;
import dev.slipway.grpc.v1.RuntimeProto;

/** The one mapping between the operation views and their proto messages. */
final class RuntimeProtoMapper {
    private RuntimeProtoMapper() {
    }

    static RuntimeProto.GetRuntimeResponse toProto(RuntimeView view) {
        RuntimeProto.GetRuntimeResponse.Builder builder = RuntimeProto.GetRuntimeResponse.newBuilder()
                .setApplication(view.application())
                .setEnvironment(view.environment())
                .setDeploymentId(view.deploymentId() == null ? "" : view.deploymentId().toString())
                .setNamespace(Protos.text(view.namespace()));
        view.workloads().forEach(workload -> builder.addWorkloads(toProto(workload)));
        return builder.build();
    }

    private static RuntimeProto.WorkloadRuntime toProto(RuntimeView.WorkloadRuntime workload) {
        RuntimeProto.WorkloadRuntime.Builder builder = RuntimeProto.WorkloadRuntime.newBuilder()
                .setName(workload.name()).setKind(workload.kind()).setObjectName(workload.objectName());
        ifSet(workload.desiredReplicas(), builder::setDesiredReplicas);
        ifSet(workload.readyReplicas(), builder::setReadyReplicas);
        ifSet(workload.availableReplicas(), builder::setAvailableReplicas);
        ifSet(workload.updatedReplicas(), builder::setUpdatedReplicas);
        if (workload.autoscaling() != null) {
            RuntimeProto.AutoscalingStatus.Builder autoscaling = RuntimeProto.AutoscalingStatus.newBuilder();
            ifSet(workload.autoscaling().minReplicas(), autoscaling::setMinReplicas);
            ifSet(workload.autoscaling().maxReplicas(), autoscaling::setMaxReplicas);
            ifSet(workload.autoscaling().currentReplicas(), autoscaling::setCurrentReplicas);
            ifSet(workload.autoscaling().desiredReplicas(), autoscaling::setDesiredReplicas);
            builder.setAutoscaling(autoscaling);
        }
        if (workload.cron() != null) {
            RuntimeProto.CronStatus.Builder cron = RuntimeProto.CronStatus.newBuilder().setSchedule(Protos.text(workload.cron().schedule()))
                    .addAllActiveRuns(workload.cron().activeRuns());
            if (workload.cron().lastScheduleTime() != null) {
                cron.setLastScheduleTime(Protos.timestamp(workload.cron().lastScheduleTime()));
            }
            builder.setCron(cron);
        }
        workload.pods().forEach(pod -> builder.addPods(toProto(pod)));
        workload.events().forEach(event -> builder.addEvents(toProto(event)));
        return builder.build();
    }

    private static RuntimeProto.Pod toProto(RuntimeView.PodView pod) {
        RuntimeProto.Pod.Builder builder = RuntimeProto.Pod.newBuilder().setName(pod.name()).setPhase(Protos.text(pod.phase()))
                .setNode(Protos.text(pod.node())).setRestarts(pod.restarts()).setReady(pod.ready());
        if (pod.startedAt() != null) {
            builder.setStartedAt(Protos.timestamp(pod.startedAt()));
        }
        pod.containers().forEach(container -> {
            RuntimeProto.Container.Builder c = RuntimeProto.Container.newBuilder().setName(container.name())
                    .setImage(Protos.text(container.image())).setReady(container.ready()).setRestartCount(container.restartCount())
                    .setState(container.state()).setReason(Protos.text(container.reason())).setMessage(Protos.text(container.message()));
            ifSet(container.exitCode(), c::setExitCode);
            builder.addContainers(c);
        });
        return builder.build();
    }

    private static RuntimeProto.KubernetesEvent toProto(RuntimeView.EventView event) {
        RuntimeProto.KubernetesEvent.Builder builder = RuntimeProto.KubernetesEvent.newBuilder().setType(Protos.text(event.type()))
                .setReason(Protos.text(event.reason())).setMessage(Protos.text(event.message()))
                .setObjectKind(Protos.text(event.objectKind())).setObjectName(Protos.text(event.objectName()));
        ifSet(event.count(), builder::setCount);
        if (event.firstSeen() != null) {
            builder.setFirstSeen(Protos.timestamp(event.firstSeen()));
        }
        if (event.lastSeen() != null) {
            builder.setLastSeen(Protos.timestamp(event.lastSeen()));
        }
        return builder.build();
    }

    static RuntimeProto.StreamLogsResponse toProto(LogLine line) {
        RuntimeProto.LogLine.Builder builder = RuntimeProto.LogLine.newBuilder().setPod(line.pod()).setContainer(line.container())
                .setText(line.text());
        if (line.timestamp() != null) {
            builder.setTimestamp(Protos.timestamp(line.timestamp()));
        }
        return RuntimeProto.StreamLogsResponse.newBuilder().setLine(builder).build();
    }

    static LogQuery toQuery(RuntimeProto.StreamLogsRequest request) {
        return LogQuery.of(Protos.optional(request.getWorkload()), Protos.optional(request.getContainer()),
                Protos.optional(request.getPod()),
                request.hasTailLines() ? Integer.toString(request.getTailLines()) : null,
                request.hasSinceSeconds() ? Integer.toString(request.getSinceSeconds()) : null);
    }

    static RuntimeProto.ScaleEnvironmentResponse toProto(OperationResults.Scaled scaled) {
        RuntimeProto.ScaleEnvironmentResponse.Builder builder = RuntimeProto.ScaleEnvironmentResponse.newBuilder()
                .setWorkload(scaled.workload()).setObjectName(scaled.objectName()).setReplicas(scaled.replicas());
        ifSet(scaled.previousReplicas(), builder::setPreviousReplicas);
        return builder.build();
    }

    static RuntimeProto.RestartEnvironmentResponse toProto(OperationResults.Restarted restarted) {
        RuntimeProto.RestartEnvironmentResponse.Builder builder = RuntimeProto.RestartEnvironmentResponse.newBuilder()
                .setRestartedAt(Protos.timestamp(restarted.restartedAt()));
        restarted.workloads().forEach(workload -> builder.addWorkloads(RuntimeProto.RestartedWorkload.newBuilder()
                .setName(workload.name()).setObjectName(workload.objectName())));
        return builder.build();
    }

    private static void ifSet(Integer value, Consumer<Integer> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
