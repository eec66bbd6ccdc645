package dev.slipway.deployment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.Structs;
import dev.slipway.cluster.ContainerProtos;
import dev.slipway.cluster.workload.AutoscalingSpec;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ReleaseSpec;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.RouteSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.Workload;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.grpc.v1.DeploymentProto;

/** Maps a deployment's spec between its gRPC and REST forms, field by field; proto3's unset values become absent ones. */
final class WorkloadSpecProtoMapper {
    private WorkloadSpecProtoMapper() {
    }

    static WorkloadSpec toSpec(DeploymentProto.WorkloadSpec spec) {
        return new WorkloadSpec(
                list(spec.getContainersList(), WorkloadSpecProtoMapper::toContainer),
                spec.hasReplicas() ? spec.getReplicas() : null,
                list(spec.getServicePortsList(), WorkloadSpecProtoMapper::toServicePort),
                spec.getResourcesCount() == 0 ? null : toResourceRequests(spec.getResourcesMap()),
                spec.hasAutoscaling() ? toAutoscaling(spec.getAutoscaling()) : null,
                spec.getWorkloadsCount() == 0 ? null : toWorkloads(spec.getWorkloadsMap()),
                spec.hasRelease() ? toRelease(spec.getRelease()) : null,
                spec.getRoutesCount() == 0 ? null : spec.getRoutesList().stream().map(WorkloadSpecProtoMapper::toRoute).toList());
    }

    private static Map<String, Workload> toWorkloads(Map<String, DeploymentProto.Workload> workloads) {
        Map<String, Workload> converted = new LinkedHashMap<>();
        workloads.forEach((name, w) -> converted.put(name, new Workload(Protos.optional(w.getKind()),
                list(w.getContainersList(), WorkloadSpecProtoMapper::toContainer), w.hasReplicas() ? w.getReplicas() : null,
                list(w.getServicePortsList(), WorkloadSpecProtoMapper::toServicePort),
                w.hasAutoscaling() ? toAutoscaling(w.getAutoscaling()) : null, Protos.optional(w.getSchedule()),
                Protos.optional(w.getConcurrencyPolicy()))));
        return converted;
    }

    private static AutoscalingSpec toAutoscaling(DeploymentProto.Autoscaling autoscaling) {
        return new AutoscalingSpec(autoscaling.hasMinReplicas() ? autoscaling.getMinReplicas() : null,
                required(autoscaling.getMaxReplicas()),
                autoscaling.hasTargetCpuUtilizationPercentage() ? autoscaling.getTargetCpuUtilizationPercentage() : null);
    }

    private static ReleaseSpec toRelease(DeploymentProto.Release release) {
        return new ReleaseSpec(list(release.getContainersList(), WorkloadSpecProtoMapper::toContainer),
                release.hasBackoffLimit() ? release.getBackoffLimit() : null,
                release.hasActiveDeadlineSeconds() ? release.getActiveDeadlineSeconds() : null);
    }

    private static RouteSpec toRoute(DeploymentProto.Route route) {
        return new RouteSpec(Protos.optional(route.getHost()), Protos.optional(route.getPath()), Protos.optional(route.getWorkload()),
                required(route.getPort()));
    }

    private static Map<String, ResourceRequest> toResourceRequests(Map<String, DeploymentProto.ResourceRequest> requests) {
        Map<String, ResourceRequest> converted = new LinkedHashMap<>();
        requests.forEach((name, request) -> converted.put(name, new ResourceRequest(Protos.optional(request.getType()),
                Protos.optional(request.getClass_()), Structs.toMap(request.getParams()))));
        return converted;
    }

    private static ContainerSpec toContainer(DeploymentProto.ContainerSpec container) {
        return new ContainerSpec(
                Protos.optional(container.getName()),
                Protos.optional(container.getImage()),
                list(container.getCommandList(), Function.identity()),
                list(container.getArgsList(), Function.identity()),
                map(container.getEnvMap()),
                list(container.getPortsList(), WorkloadSpecProtoMapper::toContainerPort),
                container.hasResources() ? ContainerProtos.toResources(container.getResources()) : null,
                container.hasLivenessProbe() ? ContainerProtos.toProbe(container.getLivenessProbe()) : null,
                container.hasReadinessProbe() ? ContainerProtos.toProbe(container.getReadinessProbe()) : null,
                container.hasStartupProbe() ? ContainerProtos.toProbe(container.getStartupProbe()) : null,
                container.hasReadOnlyRootFilesystem() ? container.getReadOnlyRootFilesystem() : null);
    }

    /** A required port number of 0 is proto3's "unset", so it reaches the validator as missing. */
    private static ContainerPortSpec toContainerPort(DeploymentProto.ContainerPort port) {
        return new ContainerPortSpec(Protos.optional(port.getName()), required(port.getContainerPort()),
                Protos.optional(port.getProtocol()));
    }

    private static ServicePortSpec toServicePort(DeploymentProto.ServicePort port) {
        return new ServicePortSpec(Protos.optional(port.getName()), required(port.getPort()),
                port.hasTargetPort() ? port.getTargetPort() : null, Protos.optional(port.getProtocol()));
    }

    static DeploymentProto.WorkloadSpec toProto(WorkloadSpec spec) {
        var builder = DeploymentProto.WorkloadSpec.newBuilder()
                .addAllContainers(each(spec.containers(), WorkloadSpecProtoMapper::toProto))
                .addAllServicePorts(each(spec.servicePorts(), WorkloadSpecProtoMapper::toProto));
        if (spec.replicas() != null) {
            builder.setReplicas(spec.replicas());
        }
        if (spec.resources() != null) {
            spec.resources().forEach((name, request) -> builder.putResources(name, DeploymentProto.ResourceRequest.newBuilder()
                    .setType(Protos.text(request.type()))
                    .setClass_(Protos.text(request.resourceClass()))
                    .setParams(Structs.toStruct(request.params()))
                    .build()));
        }
        if (spec.autoscaling() != null) {
            builder.setAutoscaling(toProto(spec.autoscaling()));
        }
        if (spec.workloads() != null) {
            spec.workloads().forEach((name, workload) -> builder.putWorkloads(name, toProto(workload)));
        }
        if (spec.release() != null) {
            var release = DeploymentProto.Release.newBuilder()
                    .addAllContainers(each(spec.release().containers(), WorkloadSpecProtoMapper::toProto));
            if (spec.release().backoffLimit() != null) {
                release.setBackoffLimit(spec.release().backoffLimit());
            }
            if (spec.release().activeDeadlineSeconds() != null) {
                release.setActiveDeadlineSeconds(spec.release().activeDeadlineSeconds());
            }
            builder.setRelease(release);
        }
        if (spec.routes() != null) {
            spec.routes().forEach(route -> builder.addRoutes(DeploymentProto.Route.newBuilder().setHost(Protos.text(route.host()))
                    .setPath(Protos.text(route.path())).setWorkload(Protos.text(route.workload()))
                    .setPort(route.port() == null ? 0 : route.port())));
        }
        return builder.build();
    }

    private static DeploymentProto.ContainerSpec toProto(ContainerSpec container) {
        var builder = DeploymentProto.ContainerSpec.newBuilder()
                .setName(Protos.text(container.name()))
                .setImage(Protos.text(container.image()))
                .addAllCommand(each(container.command(), Function.identity()))
                .addAllArgs(each(container.args(), Function.identity()))
                .addAllPorts(each(container.ports(), WorkloadSpecProtoMapper::toProto));
        if (container.env() != null) {
            builder.putAllEnv(container.env());
        }
        if (container.resources() != null) {
            builder.setResources(ContainerProtos.toProto(container.resources()));
        }
        if (container.livenessProbe() != null) {
            builder.setLivenessProbe(ContainerProtos.toProto(container.livenessProbe()));
        }
        if (container.readinessProbe() != null) {
            builder.setReadinessProbe(ContainerProtos.toProto(container.readinessProbe()));
        }
        if (container.startupProbe() != null) {
            builder.setStartupProbe(ContainerProtos.toProto(container.startupProbe()));
        }
        if (container.readOnlyRootFilesystem() != null) {
            builder.setReadOnlyRootFilesystem(container.readOnlyRootFilesystem());
        }
        return builder.build();
    }

    private static DeploymentProto.ContainerPort toProto(ContainerPortSpec port) {
        return DeploymentProto.ContainerPort.newBuilder()
                .setName(Protos.text(port.name()))
                .setContainerPort(port.containerPort() == null ? 0 : port.containerPort())
                .setProtocol(Protos.text(port.protocol()))
                .build();
    }

    private static DeploymentProto.ServicePort toProto(ServicePortSpec port) {
        var builder = DeploymentProto.ServicePort.newBuilder()
                .setName(Protos.text(port.name()))
                .setPort(port.port() == null ? 0 : port.port())
                .setProtocol(Protos.text(port.protocol()));
        if (port.targetPort() != null) {
            builder.setTargetPort(port.targetPort());
        }
        return builder.build();
    }

    private static DeploymentProto.Workload toProto(Workload workload) {
        var builder = DeploymentProto.Workload.newBuilder()
                .setKind(Protos.text(workload.kind()))
                .addAllContainers(each(workload.containers(), WorkloadSpecProtoMapper::toProto))
                .addAllServicePorts(each(workload.servicePorts(), WorkloadSpecProtoMapper::toProto))
                .setSchedule(Protos.text(workload.schedule()))
                .setConcurrencyPolicy(Protos.text(workload.concurrencyPolicy()));
        if (workload.replicas() != null) {
            builder.setReplicas(workload.replicas());
        }
        if (workload.autoscaling() != null) {
            builder.setAutoscaling(toProto(workload.autoscaling()));
        }
        return builder.build();
    }

    private static DeploymentProto.Autoscaling toProto(AutoscalingSpec autoscaling) {
        var builder = DeploymentProto.Autoscaling.newBuilder()
                .setMaxReplicas(autoscaling.maxReplicas() == null ? 0 : autoscaling.maxReplicas());
        if (autoscaling.minReplicas() != null) {
            builder.setMinReplicas(autoscaling.minReplicas());
        }
        if (autoscaling.targetCPUUtilizationPercentage() != null) {
            builder.setTargetCpuUtilizationPercentage(autoscaling.targetCPUUtilizationPercentage());
        }
        return builder.build();
    }

    private static <P, R> List<R> list(List<P> values, Function<P, R> convert) {
        return values.isEmpty() ? null : values.stream().map(convert).toList();
    }

    private static <R, P> List<P> each(List<R> values, Function<R, P> convert) {
        return values == null ? List.of() : values.stream().map(convert).toList();
    }

    private static Map<String, String> map(Map<String, String> values) {
        return values.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A required number of 0 is proto3's "unset", so it reaches the validator as missing. */
    private static Integer required(int value) {
        return value == 0 ? null : value;
    }
}
