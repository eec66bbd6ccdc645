package dev.slipway.deployment.lifecycle;

import java.util.UUID;

/** A job leased to one worker: the deployment to drive and how many times it has been claimed. */
public record ClaimedJob(UUID deploymentId, UUID environmentId, int attempts) {
}
