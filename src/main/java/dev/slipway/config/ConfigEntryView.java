package dev.slipway.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ConfigEntry", description = "A configuration entry. Secret values are never returned; secret shows their state.")
public record ConfigEntryView(
        @Schema(description = "Entry name (an environment variable name).", examples = "LOG_LEVEL") String name,
        @Schema(description = "What it holds.") ConfigEntryType type,
        @Schema(description = "The value of a VARIABLE.", examples = "debug") String value,
        @Schema(description = "State of a SECRET (never its value).") SecretState secret,
        @Schema(description = "The Secret key a SECRET_REF points to.") SecretKeyRef secretRef,
        @Schema(description = "The revision in which the entry took this content.") long revision,
        @Schema(description = "In an environment's effective configuration: where the entry comes from.") ConfigOrigin source,
        @Schema(description = "In an environment's effective configuration: true when an environment entry replaces a base entry of the same name.") Boolean overridesBase) {
}
