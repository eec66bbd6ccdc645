package dev.slipway.operation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of a followed log stream (slipway.logs.*): a forgotten tail -f must not hold a thread and a connection for ever. */
@ConfigMapping(prefix = "slipway.logs")
public interface LogsConfig {
    /** Lines after which a followed stream ends; the client opens a new one to go on. */
    @WithDefault("10000")
    long followMaxLines();

    /** How long a followed stream lasts at most. */
    @WithDefault("15m")
    Duration followMaxDuration();
}
