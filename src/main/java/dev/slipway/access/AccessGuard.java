package dev.slipway.access;

import dev.slipway.api.SlipwayException;
import jakarta.enterprise.context.ApplicationScoped;

/** Service-layer helper: asks the policy and turns a denial into a 403 domain error. */
@ApplicationScoped
public class AccessGuard {
    private final AccessPolicy policy;

    public AccessGuard(AccessPolicy policy) {
        this.policy = policy;
    }

    public void require(Caller caller, Action action, ProtectedResource resource) {
        AccessPolicy.Decision decision = policy.decide(caller, action, resource);
        if (!decision.allowed()) {
            throw new SlipwayException.Forbidden(decision.reason());
        }
    }
}
