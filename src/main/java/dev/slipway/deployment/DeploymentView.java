package dev.slipway.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.cluster.workload.WorkloadSpec;
import dev.slipway.deployment.lifecycle.DeploymentStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Deployment", description = "A request to run a workload in an environment, and what the cluster made of it.")
public record DeploymentView(
        @Schema(description = "Identifier.", readOnly = true) UUID id,
        @Schema(description = "Application.", readOnly = true) String application,
        @Schema(description = "Environment.", readOnly = true) String environment,
        @Schema(description = "The workload that runs; immutable.") WorkloadSpec spec,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "The Score workload (YAML) the spec was converted from, as submitted; "
                + "absent when a spec was submitted. Rollbacks and promotions keep it with the spec they copy.", readOnly = true) String scoreDocument,
        @Schema(description = "The configuration revision it delivers (the environment's effective configuration as of it); "
                + "absent when the application had no configuration.", readOnly = true) Long configRevision,
        @Schema(description = "Where the deployment is.", readOnly = true) DeploymentStatus status,
        @Schema(description = "Machine-readable reason of the last status, from the cluster where it has one (ImagePullBackOff, ProgressDeadlineExceeded, ...).", readOnly = true) String statusReason,
        @Schema(description = "Human-readable detail of the last status.", readOnly = true) String statusMessage,
        @Schema(description = "Pods ready when last observed.", readOnly = true) Integer observedReplicas,
        @Schema(description = "Pods asked for.", readOnly = true) int desiredReplicas,
        @Schema(description = "Who asked for it.", readOnly = true) String requestedBy,
        @Schema(description = "Why, in the requester's words.") String reason,
        @Schema(description = "Where the change came from.") DeploymentSource source,
        @Schema(description = "The deployment that was current in the environment when this one was created.", readOnly = true) UUID previousDeploymentId,
        @Schema(description = "Set on a rollback: the deployment whose spec and configuration revision it restores.", readOnly = true) UUID rollbackOf,
        @Schema(description = "Set on a promotion: the deployment (in another environment) whose spec it copies.", readOnly = true) UUID promotedFrom,
        @Schema(description = "When it was accepted (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "When a worker started provisioning the resources it asks for; absent when it asks for none.", readOnly = true) Instant provisioningAt,
        @Schema(description = "When a worker started applying it.", readOnly = true) Instant applyingAt,
        @Schema(description = "When the rollout started.", readOnly = true) Instant progressingAt,
        @Schema(description = "When it reached a terminal status.", readOnly = true) Instant finishedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Set when it was deployed through a freeze in force: who broke "
                + "the glass and why.", readOnly = true) BreakGlass breakGlass,
        @Schema(description = "Entity tag of this version.", readOnly = true) String etag,
        @Schema(description = "Approvals by people other than the requester it needed before it could run (0: none); "
                + "it waits in AWAITING_APPROVAL until they are in.", readOnly = true) int requiredApprovals,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "When it is cancelled (ApprovalExpired) if it still waits for "
                + "approval; absent when it needs none.", readOnly = true) Instant approvalExpiresAt,
        @Schema(description = "Approvals and rejections so far, oldest first.", readOnly = true) List<ApprovalView> approvals) {
}
