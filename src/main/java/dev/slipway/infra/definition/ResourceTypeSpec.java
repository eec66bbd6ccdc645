package dev.slipway.infra.definition;

import java.util.List;

import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a resource type: the create body, and what a merge patch changes. */
@Schema(name = "ResourceTypeSpec", description = "A resource type to register, or a JSON merge patch of one (name is immutable).")
public record ResourceTypeSpec(
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Unique slug; immutable.", pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "mongodb") String name,
        @Size(max = 1000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "What a resource of this type is (at most 1000 characters).", nullable = true) String description,
        @Size(min = 1, max = 64, message = "must have 1 to 64 entries") @Schema(description = "The outputs every resource of this type provides (1 to 64, unique names); required on create.") List<ResourceOutput> outputs) {
}
