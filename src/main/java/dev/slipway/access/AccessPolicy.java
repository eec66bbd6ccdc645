package dev.slipway.access;

/**
 * The single place that decides who may do what. Services ask it before acting; adapters never
 * decide permissions. The role-based model replaces the implementation, not this interface.
 */
public interface AccessPolicy {

    /** Answers whether the caller may perform the action on the resource, and why. */
    Decision decide(Caller caller, Action action, ProtectedResource resource);

    record Decision(boolean allowed, String reason) {
        public static Decision allow(String reason) {
            return new Decision(true, reason);
        }

        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }
}
