package dev.slipway.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhook URLs are checked and how deliveries are sent and retried (slipway.webhooks.*). */
@ConfigMapping(prefix = "slipway.webhooks")
public interface WebhooksConfig {

    /** Whether this replica delivers (every replica may: claims keep them apart). */
    @WithDefault("true")
    boolean enabled();

    /**
     * CIDR ranges a webhook URL may resolve into although they are loopback, link-local, private or
     * otherwise internal (e.g. 10.20.0.0/16 for an in-house receiver). Empty by default: internal
     * addresses are refused, so a subscription cannot make Slipway probe its own network.
     */
    Optional<List<String>> allowedRanges();

    /** Whether plain http URLs are accepted; https only when off (the default). */
    @WithDefault("false")
    boolean allowHttp();

    /** The first retry waits up to this long (full jitter); each further retry doubles it, up to {@link #retryMax()}. */
    @WithDefault("5s")
    Duration retryBase();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration retryMax();

    /** How often the dispatcher looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claimed delivery stays with its replica; a replica that dies lets it go after this. */
    @WithDefault("60s")
    Duration lease();

    /** Longest opening a connection to a receiver may take. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest one delivery (request and answer) may take. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Deliveries sent at once by one replica. */
    @WithDefault("4")
    int concurrency();
}
