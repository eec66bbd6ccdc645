package dev.slipway.rbac;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RoleBinding", description = "Grants a role to a subject within a scope. Immutable: to change one, delete it and create another.")
public record RoleBindingView(
        @Schema(description = "Server-assigned identifier.", readOnly = true) UUID id,
        @Schema(description = "Who holds the role: user:<sub or username>, group:<OIDC group> or service-account:<client id>.", examples = "service-account:ci-shop") String subject,
        @Schema(description = "The role: viewer, developer, deployer, owner or admin (admin only at the platform scope).", examples = "deployer") String role,
        @Schema(description = "Where it applies: platform, application:<app> or application:<app>/environment-type:<type>.", examples = "application:shop") String scope,
        @Schema(description = "When it was created (UTC).", readOnly = true) Instant createdAt,
        @Schema(description = "Who created it.", readOnly = true) String createdBy) {

    static RoleBindingView of(RoleBinding binding) {
        return new RoleBindingView(binding.id, binding.subject, binding.role.toLowerCase(java.util.Locale.ROOT), binding.scope,
                binding.createdAt, binding.createdBy);
    }
}
