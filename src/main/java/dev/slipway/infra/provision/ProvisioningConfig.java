package dev.slipway.infra.provision;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the provisioner waits for resources (slipway.infra.*). */
@ConfigMapping(prefix = "slipway.infra")
public interface ProvisioningConfig {

    /** How long a resource may take to become ready when its definition sets no timeout. */
    @WithDefault("5m")
    Duration readinessTimeout();

    /** How often a resource that is not ready yet is observed again. */
    @WithDefault("1s")
    Duration pollInterval();
}
