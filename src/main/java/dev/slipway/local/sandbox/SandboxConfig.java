package dev.slipway.local.sandbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the in-process sandbox cluster used when no real Kubernetes cluster is configured. */
@ConfigMapping(prefix = "slipway.sandbox")
public interface SandboxConfig {

    /** Images whose tag is {@code fail} or whose name contains {@code does-not-exist} never pull. */
    String DEFAULT_FAILING_IMAGE_PATTERN = ".*:fail|.*does-not-exist.*";

    /** Whether the sandbox may be started at all; when false, {@link SandboxCluster#client()} refuses. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Roughly how long a simulated rollout takes after a Deployment changes. Each rollout waits
     * between two thirds and four thirds of this, so watchers see a realistic, varying delay.
     */
    @WithDefault("300ms")
    Duration rolloutDelay();

    /** Regular expression (whole image reference) for images the simulated kubelet cannot pull. */
    @WithDefault(DEFAULT_FAILING_IMAGE_PATTERN)
    String failingImagePattern();
}
