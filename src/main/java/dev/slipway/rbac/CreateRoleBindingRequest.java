package dev.slipway.rbac;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A role binding to create.")
public record CreateRoleBindingRequest(
        @Size(max = 300, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "user:<sub or username>, group:<OIDC group> or service-account:<client id>.", required = true, examples = "group:team-shop") String subject,
        @Size(max = 32, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "viewer, developer, deployer, owner or admin.", required = true, examples = "developer") String role,
        @Size(max = RequestLimits.SHORT_TEXT, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "platform, application:<app> or application:<app>/environment-type:<type>.", required = true, examples = "application:shop") String scope) {
}
