package dev.slipway.rbac;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A role binding to create.")
public record CreateRoleBindingRequest(
        @Schema(description = "user:<sub or username>, group:<OIDC group> or service-account:<client id>.", required = true, examples = "group:team-shop") String subject,
        @Schema(description = "viewer, developer, deployer, owner or admin.", required = true, examples = "developer") String role,
        @Schema(description = "platform, application:<app> or application:<app>/environment-type:<type>.", required = true, examples = "application:shop") String scope) {
}
