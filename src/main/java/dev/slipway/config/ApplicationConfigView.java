package dev.slipway.config;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApplicationConfig", description = "An application's base configuration: what every environment receives unless it overrides or removes it.")
public record ApplicationConfigView(
        @Schema(description = "Application name.") String application,
        @Schema(description = "The last revision that changed the base (0 before the first).") long revision,
        @Schema(description = "Entries by name.") List<ConfigEntryView> entries,
        @Schema(description = "Entity tag; send it as If-Match to change the base safely.") String etag) {
}
