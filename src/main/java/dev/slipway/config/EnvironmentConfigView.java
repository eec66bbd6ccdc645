package dev.slipway.config;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EnvironmentConfig", description = "An environment's effective configuration: the base with the environment's "
        + "overrides and removals applied, each entry saying where it comes from.")
public record EnvironmentConfigView(
        @Schema(description = "Application name.") String application,
        @Schema(description = "Environment name.") String environment,
        @Schema(description = "The revision this configuration is as of: the last one that changed the base or these overrides "
                + "(0 before the first). A deployment made now pins it.") long revision,
        @Schema(description = "The base configuration's revision used.") long baseRevision,
        @Schema(description = "The environment overrides' revision used (0 when the environment has none).") long environmentRevision,
        @Schema(description = "Effective entries by name; secrets show their state only.") List<ConfigEntryView> entries,
        @Schema(description = "Names the environment removes from the base configuration.") List<String> removed,
        @Schema(description = "Entity tag; send it as If-Match to change the overrides safely. It changes with the base too.") String etag) {
}
