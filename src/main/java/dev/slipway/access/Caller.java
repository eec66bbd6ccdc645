package dev.slipway.access;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who is calling, as the service layer sees it, independent of REST or gRPC.
 *
 * @param subject  stable identifier (the token's {@code sub}); idempotency keys are scoped to it
 * @param name     human-readable name for audit fields such as createdBy (username or client id)
 * @param groups   groups from the configured claim
 * @param roles    roles from realm_access.roles or groups
 * @param admin    whether the caller is a platform admin by configuration
 * @param clientId the OIDC client id when the token was issued to a client for itself (client
 *                 credentials grant): the caller is then a service account
 */
public record Caller(String subject, String name, Set<String> groups, Set<String> roles, boolean admin, String clientId) {

    public boolean inGroup(String group) {
        return group != null && groups.contains(group);
    }

    public boolean isServiceAccount() {
        return clientId != null;
    }

    public String subjectType() {
        return isServiceAccount() ? "SERVICE_ACCOUNT" : "USER";
    }

    /** Every binding subject that names this caller: role bindings on any of them apply. */
    public Set<String> bindingSubjects() {
        Set<String> subjects = new LinkedHashSet<>();
        if (isServiceAccount()) {
            subjects.add("service-account:" + clientId);
        } else {
            subjects.add("user:" + subject);
            if (name != null) {
                subjects.add("user:" + name);
            }
        }
        groups.forEach(group -> subjects.add("group:" + group));
        return subjects;
    }
}
