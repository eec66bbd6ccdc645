package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an entry of an environment's effective configuration comes from. */
@Schema(name = "ConfigSource", description = "Where an effective entry comes from: the application's base configuration or the environment's overrides.")
public enum ConfigOrigin {
    BASE, ENVIRONMENT
}
