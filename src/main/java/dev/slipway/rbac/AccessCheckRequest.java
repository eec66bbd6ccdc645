package dev.slipway.rbac;

import dev.slipway.api.RequestLimits;

import jakarta.validation.constraints.Pattern;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Asks whether a subject may perform an action on a resource.")
public record AccessCheckRequest(
        @Size(max = 64, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "The permission, e.g. deployment.create, config.update, application.delete, role-binding.manage.", required = true, examples = "deployment.create") String action,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "The application; absent for platform actions such as environment-type.manage.", examples = "shop") String application,
        @Pattern(regexp = RequestLimits.SLUG, message = RequestLimits.SLUG_MESSAGE) @Schema(maxLength = 40, description = "The environment within the application, for actions whose rule depends on the environment type.", examples = "prod") String environment,
        @Size(max = 300, message = RequestLimits.MAX_CHARACTERS) @Schema(description = "Whom to ask about (admins only): user:<name>, group:<group> or service-account:<client id>; "
                + "absent for the caller. Group memberships live in tokens, so for a user only bindings naming the user count.", examples = "service-account:ci-shop") String subject) {
}
