package dev.slipway.deployment;

import java.util.List;

import dev.slipway.api.ETags;
import dev.slipway.deployment.lifecycle.Approval;
import dev.slipway.deployment.lifecycle.Deployment;

/** The one place a deployment entity becomes its API model. */
final class DeploymentMapper {
    private DeploymentMapper() {
    }

    /** A deployment no one has decided on yet (just accepted). */
    static DeploymentView toView(Deployment d) {
        return toView(d, List.of());
    }

    static DeploymentView toView(Deployment d, List<Approval> approvals) {
        DeploymentSource source = d.sourceCommit == null && d.sourceUrl == null ? null : new DeploymentSource(d.sourceCommit, d.sourceUrl);
        return new DeploymentView(d.id, d.application, d.environment, d.spec, d.scoreDocument, d.configRevision, d.status, d.statusReason,
                d.statusMessage,
                d.observedReplicas, d.desiredReplicas, d.requestedBy, d.requestReason, source, d.previousDeploymentId,
                d.rollbackOf, d.promotedFrom, d.createdAt, d.provisioningAt, d.applyingAt, d.progressingAt, d.finishedAt,
                d.breakGlassBy == null ? null : new BreakGlass(d.breakGlassReason, d.breakGlassBy), ETags.of(d.version),
                d.requiredApprovals, d.approvalExpiresAt,
                approvals.stream().map(DeploymentMapper::toView).toList());
    }

    static ApprovalView toView(Approval approval) {
        return new ApprovalView(approval.name(), approval.subjectType(), approval.approved() ? "APPROVED" : "REJECTED",
                approval.comment(), approval.createdAt());
    }
}
