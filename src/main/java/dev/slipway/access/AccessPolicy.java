package dev.slipway.access;

import java.util.List;
import java.util.Set;

/**
 * The single place that decides who may do what: a pure function of the caller, the caller's
 * role bindings, the permission and the target. Services ask it through {@link AccessGuard};
 * adapters never decide permissions.
 *
 * <p>A caller's role on a target is the highest of: platform admin (by OIDC group or role), a
 * platform-scoped binding, an application-scoped binding, a binding scoped to the target's
 * environment type, and owner through the application's owner group. A binding scoped to
 * another environment type of the application still lets its holder see the application.
 */
public final class AccessPolicy {

    private AccessPolicy() {
    }

    /** Where a role comes from, for the access check's answer and the audit log. */
    public record Grant(Role role, String source, Binding binding) {
    }

    /**
     * @param allowed whether the permission is granted
     * @param visible whether the caller may know the target exists (false: answer 404)
     * @param grant   the strongest grant on the target, or null when there is none
     */
    public record Decision(boolean allowed, boolean visible, Grant grant, String reason) {
    }

    public static Decision decide(Caller caller, List<Binding> bindings, Permission permission, AccessTarget target) {
        if (permission == Permission.PLATFORM_READ) {
            return new Decision(true, true, new Grant(Role.VIEWER, "every authenticated caller", null),
                    "every authenticated caller may read platform objects (environment types, clusters, resource types and definitions)");
        }
        Grant grant = strongestGrant(caller, bindings, target);
        if (permission == Permission.DEPLOYMENT_APPROVE && caller.isServiceAccount()) {
            return decideServiceAccountApproval(caller, bindings, target, grant);
        }
        // Refusing a create reveals nothing: the application does not exist yet.
        boolean visible = target.isPlatform() || grant != null || permission == Permission.APPLICATION_CREATE;
        Role required = permission.requiredRole(target.protectedType());
        if (grant != null && grant.role().includes(required)) {
            return new Decision(true, true, grant, grant.source() + " grants " + grant.role().wireName());
        }
        String where = target.isPlatform()
                ? "the platform"
                : target.protectedType()
                        ? "protected environment type '" + target.environmentType() + "' of application '"
                                + target.application() + "'"
                        : "application '" + target.application() + "'";
        String held = grant == null ? "no role" : "role " + grant.role().wireName() + " (" + grant.source() + ")";
        String hint = target.ownerGroup() == null ? "" : "; members of owner group '" + target.ownerGroup() + "' are owners";
        return new Decision(false, visible, grant, permission.wireName() + " on " + where + " needs role "
                + required.wireName() + "; the caller has " + held + hint);
    }

    /**
     * A robot approving a deployment would make four eyes two: a service account approves only
     * through a binding that names it ({@code service-account:<client id>}), never through a
     * group it is in or a platform admin role it got from its token.
     */
    private static Decision decideServiceAccountApproval(Caller caller, List<Binding> bindings, AccessTarget target, Grant any) {
        String subject = "service-account:" + caller.clientId();
        List<Binding> explicit = bindings.stream().filter(binding -> binding.subject().equals(subject)).toList();
        Caller bare = new Caller(caller.subject(), caller.name(), Set.of(), Set.of(), false, caller.clientId());
        Grant grant = strongestGrant(bare, explicit, target);
        Role required = Permission.DEPLOYMENT_APPROVE.requiredRole(target.protectedType());
        if (grant != null && grant.role().includes(required)) {
            return new Decision(true, true, grant, grant.source() + " grants " + grant.role().wireName());
        }
        boolean visible = target.isPlatform() || any != null;
        return new Decision(false, visible, any, "deployment.approve by service account '" + caller.clientId()
                + "' needs a role binding naming it (" + subject + ") with role " + required.wireName()
                + " on application '" + target.application() + "'; roles through groups or the token do not count for approvals");
    }

    /** The caller's highest role on the target, or null. */
    public static Grant strongestGrant(Caller caller, List<Binding> bindings, AccessTarget target) {
        Grant best = caller.admin() ? new Grant(Role.ADMIN, "platform admin by OIDC group or role", null) : null;
        for (Binding binding : bindings) {
            Role role = roleFrom(binding, target);
            if (role != null && (best == null || !best.role().includes(role))) {
                best = new Grant(role, "role binding " + binding.subject() + " " + binding.role().wireName() + " at "
                        + binding.scope(), binding);
            }
        }
        if (!target.isPlatform() && caller.inGroup(target.ownerGroup()) && (best == null || !best.role().includes(Role.OWNER))) {
            best = new Grant(Role.OWNER, "member of owner group '" + target.ownerGroup() + "'", null);
        }
        return best;
    }

    private static Role roleFrom(Binding binding, AccessTarget target) {
        Scope scope = binding.scope();
        if (scope.isPlatform()) {
            return binding.role();
        }
        if (target.isPlatform() || !scope.application().equals(target.application())) {
            return null;
        }
        if (scope.environmentType() == null || scope.environmentType().equals(target.environmentType())) {
            return binding.role();
        }
        // Scoped to another environment type of this application: enough to see the application.
        return Role.VIEWER;
    }
}
