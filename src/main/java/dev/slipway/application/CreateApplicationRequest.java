package dev.slipway.application;

import java.util.Map;

import dev.slipway.api.RequestLimits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new application.")
public record CreateApplicationRequest(
        @NotNull(message = RequestLimits.REQUIRED) @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "Unique slug: 3-40 lower-case letters, digits and '-', starting with a letter.", required = true, pattern = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$", examples = "checkout") String name,
        @Size(max = 200, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Human-readable name (at most 200 characters).") String displayName,
        @Size(max = 4000, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "What the application does (at most 4000 characters).") String description,
        @NotBlank(message = RequestLimits.REQUIRED) @Size(max = 255, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "OIDC group that owns the application; the caller must belong to it unless an admin.", required = true) String ownerGroup,
        @Size(max = 2048, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Source repository URL (http or https).") String repositoryUrl,
        @Size(max = RequestLimits.MAX_LABELS, message = RequestLimits.MAX_ENTRIES) @Schema(description = "Labels in Kubernetes label syntax (at most 64).", maxProperties = RequestLimits.MAX_LABELS) Map<String, @Size(max = 63, message = RequestLimits.MAX_CHARACTERS) String> labels) {
}
