package dev.slipway.infra.definition;

import java.util.Map;

import dev.slipway.config.SecretState;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DriverInputs", description = "What the driver is given: plain values, and the state (never the value) of each secret.")
public record DriverInputsView(
        @Schema(description = "Plain inputs (free-form JSON).") Map<String, Object> values,
        @Schema(description = "Secret inputs by name: that each is set, how often it was set, and a keyed fingerprint.") Map<String, SecretState> secrets) {
}
