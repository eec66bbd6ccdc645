package dev.slipway.deployment;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.grpc.Protos;
import dev.slipway.cluster.driver.DriftDetector;
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
                request.hasSpec() ? WorkloadSpecProtoMapper.toSpec(request.getSpec()) : null,
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
            builder.setSpec(WorkloadSpecProtoMapper.toProto(view.spec()));
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
    /** Null list -> nothing to add. */
    private static <R, P> List<P> each(List<R> values, Function<R, P> convert) {
        return values == null ? List.of() : values.stream().map(convert).toList();
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
