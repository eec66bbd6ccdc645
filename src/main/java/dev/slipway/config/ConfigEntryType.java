package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a configuration entry holds. */
@Schema(description = "What a configuration entry holds: VARIABLE a plain value, SECRET an encrypted value (never returned), "
        + "SECRET_REF a key of a Secret that already exists in the namespace, REMOVED (environment overrides only) the "
        + "base entry of this name is absent in the environment.")
public enum ConfigEntryType {
    VARIABLE, SECRET, SECRET_REF, REMOVED
}
