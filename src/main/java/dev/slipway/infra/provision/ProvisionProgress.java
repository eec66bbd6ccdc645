package dev.slipway.infra.provision;

import java.util.List;
import java.util.Map;

import dev.slipway.infra.driver.AppliedObject;

/**
 * What a provision learns on the way that the caller must keep before it goes on, so that a crash
 * at any point leaves enough to resume: values generated for the resource (keep them encrypted:
 * they are secrets) before anything uses them, and the applied objects before the wait for
 * readiness. Each call blocks the provision until it returns; a failure stops the provision.
 */
public interface ProvisionProgress {

    /** For callers that keep nothing along the way (tests, one-off checks). */
    ProvisionProgress NONE = new ProvisionProgress() {
    };

    /** Newly generated values, by name, before the driver applies anything that contains them. */
    default void generated(Map<String, String> values) {
    }

    /** The objects that exist for the resource once applied, before waiting for readiness. */
    default void applied(List<AppliedObject> objects) {
    }
}
