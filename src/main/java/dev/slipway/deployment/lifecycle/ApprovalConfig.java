package dev.slipway.deployment.lifecycle;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a deployment waits for approvals, and how often waiting ones are checked. */
@ConfigMapping(prefix = "slipway.approvals")
public interface ApprovalConfig {
    /** A deployment still waiting for approval this long after it was accepted is cancelled (ApprovalExpired). */
    @WithDefault("24h")
    Duration expireAfter();

    /** How often the expiry sweep looks for deployments whose wait is over. */
    @WithDefault("1m")
    Duration sweepInterval();
}
