package dev.slipway.infra.definition;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The writable fields of a resource type: the create body, and what a merge patch changes. */
@Schema(name = "ResourceTypeSpec", description = "A resource type to register, or a JSON merge patch of one (name is immutable).")
public record ResourceTypeSpec(
        @Schema(description = "Unique slug; immutable.", pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "mongodb") String name,
        @Schema(description = "What a resource of this type is (at most 1000 characters).") String description,
        @Schema(description = "The outputs every resource of this type provides (1 to 64, unique names); required on create.") List<ResourceOutput> outputs) {
}
