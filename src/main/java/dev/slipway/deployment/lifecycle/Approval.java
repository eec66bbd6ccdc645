package dev.slipway.deployment.lifecycle;

import java.time.Instant;
import java.util.UUID;

/**
 * One person's decision on a deployment that waited for approval.
 *
 * @param subject     the decider's stable subject (one decision per subject and deployment)
 * @param name        the decider's name as the audit log shows it
 * @param subjectType USER or SERVICE_ACCOUNT
 * @param approved    true for an approval, false for a rejection
 */
public record Approval(UUID deploymentId, String subject, String name, String subjectType, boolean approved, String comment,
        Instant createdAt) {
}
