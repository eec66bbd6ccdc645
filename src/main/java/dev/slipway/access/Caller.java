package dev.slipway.access;

import java.util.Set;

/**
 * Who is calling, as the service layer sees it, independent of REST or gRPC.
 *
 * @param subject  stable identifier (the token's {@code sub}); idempotency keys are scoped to it
 * @param name     human-readable name for audit fields such as createdBy
 * @param groups   groups from the configured claim
 * @param roles    roles from realm_access.roles or groups
 * @param admin    whether the caller is a platform admin by configuration
 */
public record Caller(String subject, String name, Set<String> groups, Set<String> roles, boolean admin) {

    public boolean inGroup(String group) {
        return group != null && groups.contains(group);
    }
}
