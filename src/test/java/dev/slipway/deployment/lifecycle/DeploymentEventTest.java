package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which events an approvals-only stream (watchEvents?approvals=true) passes on. */
class DeploymentEventTest {

    @Test
    void anEventWithoutAReasonIsNotAboutAnApproval() {
        assertFalse(event(DeploymentStatus.PENDING, null).concernsApproval());
        assertFalse(event(DeploymentStatus.SUCCEEDED, null).concernsApproval());
    }

    @Test
    void approvalsAskedForGivenRefusedAndExpiredAreAboutAnApproval() {
        assertTrue(event(DeploymentStatus.AWAITING_APPROVAL, null).concernsApproval());
        assertTrue(event(DeploymentStatus.PENDING, "Approved").concernsApproval());
        assertTrue(event(DeploymentStatus.AWAITING_APPROVAL, "ApprovalGranted").concernsApproval());
        assertTrue(event(DeploymentStatus.CANCELLED, "ApprovalRejected").concernsApproval());
        assertTrue(event(DeploymentStatus.CANCELLED, "ApprovalExpired").concernsApproval());
        assertFalse(event(DeploymentStatus.FAILED, "ImagePullBackOff").concernsApproval());
    }

    private static DeploymentEvent event(DeploymentStatus status, String reason) {
        return new DeploymentEvent(1, UUID.randomUUID(), "app", "dev", status, reason, null, Instant.now());
    }
}
