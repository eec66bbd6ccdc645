package dev.slipway.infra.definition;

import java.util.List;

import dev.slipway.api.RequestLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a resource definition: the create body, and what a merge patch changes. */
@Schema(name = "ResourceDefinitionSpec", description = "A resource definition to create, or a JSON merge patch of one (name and type "
        + "are immutable).")
public record ResourceDefinitionSpec(
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Unique slug; immutable.", pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "postgres-production") String name,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "The resource type it provides; immutable.", examples = "postgres") String type,
        @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "The driver that provides the resource, e.g. static (values that exist already) or template "
                + "(objects rendered into the environment's namespace).", examples = "static") String driver,
        @Valid @Schema(description = "The driver's inputs; checked by the driver against the type's outputs.") DriverInputsSpec driverInputs,
        @Size(min = 1, max = 50, message = "must have 1 to 50 entries (an empty object {} matches every request)") @Schema(description = "When the definition serves a request (1 to 50 criteria, no two alike); the most specific match of all "
                + "definitions of the type wins.") List<Criterion> criteria,
        @Schema(description = "Keep provisioned resources when nothing uses them any more; default false.") Boolean retain) {
}
