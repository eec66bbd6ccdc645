package dev.slipway.deployment.lifecycle;

import java.time.OffsetDateTime;
import java.util.UUID;

/** What Slipway last applied to an environment (Secret values redacted), for drift. */
public record AppliedManifests(UUID deploymentId, String manifests, OffsetDateTime appliedAt) {
}
