package dev.slipway.local.sandbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the in-process sandbox cluster (dev mode, tests and demos). */
@ConfigMapping(prefix = "slipway.sandbox")
public interface SandboxConfig {

    String ENABLED = "slipway.sandbox.enabled";

    /** Images whose tag is {@code fail} or whose name contains {@code does-not-exist} never pull. */
    String DEFAULT_FAILING_IMAGE_PATTERN = ".*:fail|.*does-not-exist.*";

    /** Images whose reference contains {@code crash} start and then crash over and over. */
    String DEFAULT_CRASHING_IMAGE_PATTERN = ".*crash.*";

    /**
     * Whether the sandbox runs and is registered as cluster {@code sandbox}. Off unless set: a
     * production process never deploys into memory by accident. application.properties turns it
     * on for dev mode and tests; demos and the end-to-end checks of the packaged jar set it.
     */
    @WithDefault("false")
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

    /**
     * Regular expression (whole image reference) for images whose containers start and then exit
     * with an error again and again: their pods stay Running but unready in {@code CrashLoopBackOff}
     * (restartCount 3), their Deployment never becomes available and their Jobs fail. The failing
     * pattern wins when both match.
     */
    @WithDefault(DEFAULT_CRASHING_IMAGE_PATTERN)
    String crashingImagePattern();

    /**
     * How often a simulated container writes a heartbeat line ({@code tick 1}, {@code tick 2}, ...)
     * to its log, counted from the pod's start; what {@code kubectl logs -f} and the pod log API
     * show. At least 10ms.
     */
    @WithDefault("1s")
    Duration logInterval();
}
