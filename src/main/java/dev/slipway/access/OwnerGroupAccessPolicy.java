package dev.slipway.access;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The backbone's rule until role bindings exist: admins may do everything; any authenticated
 * caller may read; members of an application's owner group may create and change it and what
 * lies beneath it; platform resources are changed by admins only.
 */
@ApplicationScoped
public class OwnerGroupAccessPolicy implements AccessPolicy {

    @Override
    public Decision decide(Caller caller, Action action, ProtectedResource resource) {
        if (caller.admin()) {
            return Decision.allow("platform admin");
        }
        if (action == Action.READ) {
            return Decision.allow("every authenticated caller may read");
        }
        if (resource.isPlatform()) {
            return Decision.deny("only platform admins may change " + resource.kind() + "s");
        }
        if (caller.inGroup(resource.ownerGroup())) {
            return Decision.allow("member of owner group '" + resource.ownerGroup() + "'");
        }
        return Decision.deny("only members of the owner group '" + resource.ownerGroup() + "' of application '"
                + resource.application() + "' may change it");
    }
}
