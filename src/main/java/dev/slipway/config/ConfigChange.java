package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change of an entry. Its toString never shows a secret, should anything ever log it. */
@Schema(description = "One change of a configuration entry: exactly one of value, secret, secretRef, unset or remove.")
public record ConfigChange(
        @Schema(maxLength = 253, description = "Entry name: an environment variable name ([A-Za-z_][A-Za-z0-9_]*, at most 253 characters).", required = true, examples = "LOG_LEVEL") String name,
        @Schema(maxLength = 65536, description = "Set a plain variable (at most 64 KiB).", examples = "debug") String value,
        @Schema(maxLength = 65536, description = "Set a secret (at most 64 KiB). Write-only: stored encrypted and never returned by any API.", writeOnly = true) String secret,
        @Schema(description = "Set a reference to a key of a Secret that already exists in the environment's namespace.") SecretKeyRef secretRef,
        @Schema(description = "true: drop this scope's entry (in an environment, the base entry applies again).") Boolean unset,
        @Schema(description = "true (environment overrides only): the entry is absent in this environment even when the base has it.") Boolean remove) {

    @Override
    public String toString() {
        return "ConfigChange[name=" + name + (value != null ? ", value" : "") + (secret != null ? ", secret=(redacted)" : "")
                + (secretRef != null ? ", secretRef=" + secretRef : "") + (Boolean.TRUE.equals(unset) ? ", unset" : "")
                + (Boolean.TRUE.equals(remove) ? ", remove" : "") + "]";
    }
}
