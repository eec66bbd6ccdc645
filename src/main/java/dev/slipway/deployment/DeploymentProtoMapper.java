package dev.slipway.deployment;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.api.grpc.Structs;
import dev.slipway.cluster.driver.DriftDetector;
import dev.slipway.cluster.workload.ContainerPortSpec;
import dev.slipway.cluster.workload.ContainerSpec;
import dev.slipway.cluster.workload.ProbeSpec;
import dev.slipway.cluster.workload.ResourceRequest;
import dev.slipway.cluster.workload.ResourcesSpec;
import dev.slipway.cluster.workload.ServicePortSpec;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.deployment.lifecycle.DeploymentEvent;
import dev.slipway.deployment.lifecycle.DeploymentStatus;
import dev.slipway.grpc.v1.DeploymentProto;

/**
 * The one place deployment, event and drift messages meet the service layer's records.
 * Deployments change through their own RPCs (cancel, rollback) rather than an update mask, so
 * there is no mask table here.
 *
 * <p>Absence follows the REST model: an empty string, repeated field or map, or an unset message
 * or {@code optional} number, becomes null in the records, and null becomes the proto default.
 */
final class DeploymentProtoMapper {
    private static final String STATUS_PREFIX = "DEPLOYMENT_STATUS_";
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private DeploymentProtoMapper() {
    }

    // --- Requests: proto -> records ---------------------------------------------------------------

    static CreateDeploymentRequest toCreate(DeploymentProto.CreateDeploymentRequest request) {
        return new CreateDeploymentRequest(
                request.hasSpec() ? toSpec(request.getSpec()) : null,
                request.hasPromoteFrom() ? toPromotion(request.getPromoteFrom()) : null,
                Protos.optional(request.getReason()),
                request.hasSource() ? toSource(request.getSource()) : null,
                request.hasConfigOnly() && request.getConfigOnly() ? Boolean.TRUE : null,
                request.hasConfigRevision() ? request.getConfigRevision() : null,
                request.hasScore() ? request.getScore() : null,
                toBreakGlass(request.hasBreakGlass(), request.getBreakGlass()));
    }

    static BreakGlass toBreakGlass(boolean present, DeploymentProto.BreakGlass breakGlass) {
        return present ? new BreakGlass(breakGlass.getReason(), Protos.optional(breakGlass.getBy())) : null;
    }

    private static WorkloadSpec toSpec(DeploymentProto.WorkloadSpec spec) {
        return new WorkloadSpec(
                list(spec.getContainersList(), DeploymentProtoMapper::toContainer),
                spec.hasReplicas() ? spec.getReplicas() : null,
                list(spec.getServicePortsList(), DeploymentProtoMapper::toServicePort),
                spec.getResourcesCount() == 0 ? null : toResourceRequests(spec.getResourcesMap()));
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
                list(container.getPortsList(), DeploymentProtoMapper::toContainerPort),
                container.hasResources() ? toResources(container.getResources()) : null,
                container.hasLivenessProbe() ? toProbe(container.getLivenessProbe()) : null,
                container.hasReadinessProbe() ? toProbe(container.getReadinessProbe()) : null);
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

    private static ResourcesSpec toResources(DeploymentProto.Resources resources) {
        return new ResourcesSpec(map(resources.getRequestsMap()), map(resources.getLimitsMap()));
    }

    private static ProbeSpec toProbe(DeploymentProto.Probe probe) {
        return new ProbeSpec(
                Protos.optional(probe.getHttpGetPath()),
                probe.hasPort() ? probe.getPort() : null,
                probe.hasTcpPort() ? probe.getTcpPort() : null,
                list(probe.getExecList(), Function.identity()),
                probe.hasInitialDelaySeconds() ? probe.getInitialDelaySeconds() : null,
                probe.hasPeriodSeconds() ? probe.getPeriodSeconds() : null,
                probe.hasTimeoutSeconds() ? probe.getTimeoutSeconds() : null,
                probe.hasFailureThreshold() ? probe.getFailureThreshold() : null);
    }

    private static PromotionSource toPromotion(DeploymentProto.PromotionSource from) {
        return new PromotionSource(Protos.optional(from.getEnvironment()), uuid("promoteFrom.deploymentId", from.getDeploymentId()),
                from.getForce() ? Boolean.TRUE : null);
    }

    private static DeploymentSource toSource(DeploymentProto.DeploymentSource source) {
        String commit = Protos.optional(source.getCommit());
        String url = Protos.optional(source.getUrl());
        return commit == null && url == null ? null : new DeploymentSource(commit, url);
    }

    /** UNSPECIFIED (no filter) becomes null; otherwise the service's status name. */
    static String toStatusFilter(DeploymentProto.DeploymentStatus status) {
        if (status == DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_UNSPECIFIED) {
            return null;
        }
        if (status == DeploymentProto.DeploymentStatus.UNRECOGNIZED) {
            throw SlipwayException.Invalid.field("status", "is not a known deployment status");
        }
        return status.name().substring(STATUS_PREFIX.length());
    }

    /** The wait's timeout; unset means the REST long-poll's default. */
    static Duration toTimeout(DeploymentProto.WaitDeploymentRequest request) {
        if (!request.hasTimeout()) {
            return DEFAULT_WAIT;
        }
        return Duration.ofSeconds(request.getTimeout().getSeconds(), request.getTimeout().getNanos());
    }

    // --- Results: records -> proto ----------------------------------------------------------------

    static DeploymentProto.Deployment toProto(DeploymentView view) {
        var builder = DeploymentProto.Deployment.newBuilder()
                .setId(view.id().toString())
                .setApplication(view.application())
                .setEnvironment(view.environment())
                .setStatus(toProto(view.status()))
                .setStatusReason(Protos.text(view.statusReason()))
                .setStatusMessage(Protos.text(view.statusMessage()))
                .setDesiredReplicas(view.desiredReplicas())
                .setRequestedBy(Protos.text(view.requestedBy()))
                .setReason(Protos.text(view.reason()))
                .setPreviousDeploymentId(text(view.previousDeploymentId()))
                .setRollbackOf(text(view.rollbackOf()))
                .setPromotedFrom(text(view.promotedFrom()))
                .setScoreDocument(Protos.text(view.scoreDocument()))
                .setEtag(Protos.text(view.etag()))
                .setRequiredApprovals(view.requiredApprovals())
                .addAllApprovals(each(view.approvals(), DeploymentProtoMapper::toProto));
        if (view.approvalExpiresAt() != null) {
            builder.setApprovalExpireTime(Protos.timestamp(view.approvalExpiresAt()));
        }
        if (view.spec() != null) {
            builder.setSpec(toProto(view.spec()));
        }
        if (view.observedReplicas() != null) {
            builder.setObservedReplicas(view.observedReplicas());
        }
        if (view.configRevision() != null) {
            builder.setConfigRevision(view.configRevision());
        }
        if (view.breakGlass() != null) {
            builder.setBreakGlass(DeploymentProto.BreakGlass.newBuilder().setReason(view.breakGlass().reason())
                    .setBy(view.breakGlass().by()));
        }
        if (view.source() != null) {
            builder.setSource(DeploymentProto.DeploymentSource.newBuilder()
                    .setCommit(Protos.text(view.source().commit())).setUrl(Protos.text(view.source().url())));
        }
        return setTimes(builder, view).build();
    }

    private static DeploymentProto.Approval toProto(ApprovalView approval) {
        return DeploymentProto.Approval.newBuilder()
                .setApprover(Protos.text(approval.approver()))
                .setApproverType(Protos.text(approval.approverType()))
                .setDecision(approval.decision())
                .setComment(Protos.text(approval.comment()))
                .setCreateTime(Protos.timestamp(approval.createdAt()))
                .build();
    }

    /** Timestamps the deployment has not reached stay unset rather than reading as 1970. */
    private static DeploymentProto.Deployment.Builder setTimes(DeploymentProto.Deployment.Builder builder, DeploymentView view) {
        if (view.createdAt() != null) {
            builder.setCreateTime(Protos.timestamp(view.createdAt()));
        }
        if (view.provisioningAt() != null) {
            builder.setProvisioningTime(Protos.timestamp(view.provisioningAt()));
        }
        if (view.applyingAt() != null) {
            builder.setApplyingTime(Protos.timestamp(view.applyingAt()));
        }
        if (view.progressingAt() != null) {
            builder.setProgressingTime(Protos.timestamp(view.progressingAt()));
        }
        if (view.finishedAt() != null) {
            builder.setFinishTime(Protos.timestamp(view.finishedAt()));
        }
        return builder;
    }

    private static DeploymentProto.WorkloadSpec toProto(WorkloadSpec spec) {
        var builder = DeploymentProto.WorkloadSpec.newBuilder()
                .addAllContainers(each(spec.containers(), DeploymentProtoMapper::toProto))
                .addAllServicePorts(each(spec.servicePorts(), DeploymentProtoMapper::toProto));
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
        return builder.build();
    }

    private static DeploymentProto.ContainerSpec toProto(ContainerSpec container) {
        var builder = DeploymentProto.ContainerSpec.newBuilder()
                .setName(Protos.text(container.name()))
                .setImage(Protos.text(container.image()))
                .addAllCommand(each(container.command(), Function.identity()))
                .addAllArgs(each(container.args(), Function.identity()))
                .addAllPorts(each(container.ports(), DeploymentProtoMapper::toProto));
        if (container.env() != null) {
            builder.putAllEnv(container.env());
        }
        if (container.resources() != null) {
            var resources = DeploymentProto.Resources.newBuilder();
            if (container.resources().requests() != null) {
                resources.putAllRequests(container.resources().requests());
            }
            if (container.resources().limits() != null) {
                resources.putAllLimits(container.resources().limits());
            }
            builder.setResources(resources);
        }
        if (container.livenessProbe() != null) {
            builder.setLivenessProbe(toProto(container.livenessProbe()));
        }
        if (container.readinessProbe() != null) {
            builder.setReadinessProbe(toProto(container.readinessProbe()));
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

    private static DeploymentProto.Probe toProto(ProbeSpec probe) {
        var builder = DeploymentProto.Probe.newBuilder()
                .setHttpGetPath(Protos.text(probe.httpGetPath()))
                .addAllExec(each(probe.exec(), Function.identity()));
        if (probe.port() != null) {
            builder.setPort(probe.port());
        }
        if (probe.tcpPort() != null) {
            builder.setTcpPort(probe.tcpPort());
        }
        if (probe.initialDelaySeconds() != null) {
            builder.setInitialDelaySeconds(probe.initialDelaySeconds());
        }
        if (probe.periodSeconds() != null) {
            builder.setPeriodSeconds(probe.periodSeconds());
        }
        if (probe.timeoutSeconds() != null) {
            builder.setTimeoutSeconds(probe.timeoutSeconds());
        }
        if (probe.failureThreshold() != null) {
            builder.setFailureThreshold(probe.failureThreshold());
        }
        return builder.build();
    }

    private static DeploymentProto.DeploymentStatus toProto(DeploymentStatus status) {
        return status == null
                ? DeploymentProto.DeploymentStatus.DEPLOYMENT_STATUS_UNSPECIFIED
                : DeploymentProto.DeploymentStatus.valueOf(STATUS_PREFIX + status.name());
    }

    static DeploymentProto.DeploymentEvent toProto(DeploymentEvent event) {
        var builder = DeploymentProto.DeploymentEvent.newBuilder()
                .setId(event.id())
                .setDeploymentId(text(event.deploymentId()))
                .setApplication(Protos.text(event.application()))
                .setEnvironment(Protos.text(event.environment()))
                .setStatus(toProto(event.status()))
                .setReason(Protos.text(event.reason()))
                .setMessage(Protos.text(event.message()));
        if (event.createdAt() != null) {
            builder.setCreateTime(Protos.timestamp(event.createdAt()));
        }
        return builder.build();
    }

    static DeploymentProto.DriftReport toProto(DriftReport report) {
        var builder = DeploymentProto.DriftReport.newBuilder()
                .setApplication(Protos.text(report.application()))
                .setEnvironment(Protos.text(report.environment()))
                .setAppliedDeploymentId(text(report.appliedDeploymentId()))
                .setInSync(report.inSync())
                .addAllDifferences(each(report.differences(), DeploymentProtoMapper::toProto));
        if (report.appliedAt() != null) {
            builder.setApplyTime(Protos.timestamp(report.appliedAt()));
        }
        return builder.build();
    }

    private static DeploymentProto.DriftDifference toProto(DriftDetector.Difference difference) {
        var builder = DeploymentProto.DriftDifference.newBuilder()
                .setKind(Protos.text(difference.kind()))
                .setName(Protos.text(difference.name()))
                .setPath(Protos.text(difference.path()))
                .setExpected(Protos.text(difference.expected()));
        if (difference.actual() != null) {
            builder.setActual(difference.actual());
        }
        return builder.build();
    }

    // --- Helpers ----------------------------------------------------------------------------------

    /** Empty repeated field -> null (absent), as the REST model has it. */
    private static <P, R> List<R> list(List<P> values, Function<P, R> convert) {
        return values.isEmpty() ? null : values.stream().map(convert).toList();
    }

    /** Null list -> nothing to add. */
    private static <R, P> List<P> each(List<R> values, Function<R, P> convert) {
        return values == null ? List.of() : values.stream().map(convert).toList();
    }

    private static Map<String, String> map(Map<String, String> values) {
        // Keeps the client's order, so the stored spec reads back as it was sent.
        return values.isEmpty() ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private static Integer required(int value) {
        return value == 0 ? null : value;
    }

    private static String text(UUID id) {
        return id == null ? "" : id.toString();
    }

    /** An id the service layer takes as a UUID; empty is absent, anything else must parse. */
    private static UUID uuid(String field, String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw SlipwayException.Invalid.field(field, "must be a UUID");
        }
    }
}
