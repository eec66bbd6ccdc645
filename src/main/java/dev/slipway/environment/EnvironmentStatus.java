package dev.slipway.environment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Lifecycle state of an environment. ACTIVE: its namespace is reserved on its cluster and it accepts deployments.")
public enum EnvironmentStatus {
    ACTIVE
}
