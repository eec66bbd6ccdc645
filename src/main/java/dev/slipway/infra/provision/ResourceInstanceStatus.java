package dev.slipway.infra.provision;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a provisioned resource is. */
@Schema(description = "Where a resource is: PROVISIONING (its driver is creating or updating it), READY (its outputs are known), "
        + "FAILED (the last provisioning failed; the reason says why), DELETING (being deprovisioned), RETAINED (no longer used, "
        + "kept in place because its definition says retain).")
public enum ResourceInstanceStatus {
    PROVISIONING, READY, FAILED, DELETING, RETAINED
}
