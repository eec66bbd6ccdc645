package dev.slipway.environment;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Lifecycle state of an environment. ACTIVE: its namespace is reserved on its cluster and it accepts deployments. "
        + "DELETING: being torn down (its workload removed, its resources deprovisioned); it accepts no deployments and disappears when done.")
public enum EnvironmentStatus {
    ACTIVE, DELETING
}
