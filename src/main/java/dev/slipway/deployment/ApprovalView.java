package dev.slipway.deployment;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Approval", description = "One person's decision on a deployment that waited for approval.")
public record ApprovalView(
        @Schema(description = "Who decided (user name or service account client id).", readOnly = true) String approver,
        @Schema(description = "USER or SERVICE_ACCOUNT.", readOnly = true) String approverType,
        @Schema(description = "APPROVED or REJECTED.", readOnly = true, enumeration = {
                "APPROVED", "REJECTED" }) String decision,
        @Schema(description = "What the approver said; absent when nothing.", readOnly = true) String comment,
        @Schema(description = "When (UTC).", readOnly = true) Instant createdAt) {
}
