package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a revision did to one entry of its scope. */
@Schema(description = "What a revision did to an entry: SET gave it a value (new or changed), UNSET dropped it from the scope, "
        + "REMOVE marked a base entry absent in the environment.")
public enum ChangeAction {
    SET, UNSET, REMOVE
}
