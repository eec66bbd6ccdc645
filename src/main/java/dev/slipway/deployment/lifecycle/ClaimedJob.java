package dev.slipway.deployment.lifecycle;

import java.util.Map;
import java.util.UUID;

/**
 * A job leased to one worker: the deployment to drive, how many times it has been claimed, and the
 * W3C trace context (traceparent, tracestate) of the request that queued it, empty when there was none.
 */
public record ClaimedJob(UUID deploymentId, UUID environmentId, int attempts, Map<String, String> traceContext) {
}
