package dev.slipway.environment.freeze;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a freeze applies. */
@Schema(description = "What a freeze covers: ENVIRONMENT (one environment of one application), ENVIRONMENT_TYPE (every environment "
        + "of a type, optionally only those of one application) or PLATFORM (every environment).")
public enum FreezeScopeKind {
    /** One environment of one application. */
    ENVIRONMENT,
    /** Every environment of a type, optionally only those of one application. */
    ENVIRONMENT_TYPE,
    /** Every environment of every application. */
    PLATFORM
}
