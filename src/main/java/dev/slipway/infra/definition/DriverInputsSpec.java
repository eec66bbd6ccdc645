package dev.slipway.infra.definition;

import java.util.Map;

import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A definition's inputs as a request gives them: plain values, and secrets in clear (only on their way in). */
@Schema(name = "DriverInputsSpec", description = "What the driver is given: plain values, and secret values that are stored encrypted "
        + "and never returned.")
public record DriverInputsSpec(
        @Size(max = RequestLimits.MAX_ITEMS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Plain inputs (free-form JSON), e.g. host and port of an existing database, or a template.", maxProperties = RequestLimits.MAX_ITEMS) Map<String, Object> values,
        @Size(max = RequestLimits.MAX_LABELS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Secret inputs by name (each at most 64 KiB). Write-only: stored encrypted, shown only as their state. "
                + "In a merge patch, a name set to null removes that secret; names left out keep their values.", writeOnly = true, maxProperties = RequestLimits.MAX_LABELS) Map<String, @Size(max = 65536, message = RequestLimits.MAX_CHARACTERS) String> secrets) {

    @Override
    public String toString() {
        // Records print every component; keep secret values out of logs and exception messages.
        return "DriverInputsSpec[values=" + (values == null ? null : values.keySet()) + ", secrets="
                + (secrets == null ? null : secrets.keySet()) + "]";
    }
}
