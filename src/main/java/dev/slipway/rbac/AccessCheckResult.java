package dev.slipway.rbac;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The answer to an access check: the kubectl auth can-i of the platform.")
public record AccessCheckResult(
        @Schema(description = "Whether the action is allowed.") boolean allowed,
        @Schema(description = "The subject the answer is about.", examples = "user:dana") String subject,
        @Schema(description = "The permission asked about.", examples = "deployment.create") String action,
        @Schema(description = "Why, in words.") String reason,
        @Schema(description = "The grant that allows it (or the strongest one held, when it is not enough); absent when none applies.") GrantView grantedBy) {

    @Schema(name = "Grant", description = "Where a role comes from.")
    public record GrantView(
            @Schema(description = "The role it gives.", examples = "deployer") String role,
            @Schema(description = "What gives it: a role binding, the owner group, platform admin.") String source,
            @Schema(description = "The role binding, when one gives it.") RoleBindingRef binding) {
    }

    @Schema(name = "RoleBindingRef", description = "The role binding behind a grant.")
    public record RoleBindingRef(
            @Schema(description = "Its identifier.") java.util.UUID id,
            @Schema(description = "Its subject.") String subject,
            @Schema(description = "Its role.") String role,
            @Schema(description = "Its scope.") String scope) {
    }
}
