package dev.slipway.access;

/**
 * What an access decision is about: a platform resource, an application, or one environment of
 * an application (whose type decides whether it is protected).
 *
 * @param kind            resource kind for messages and the audit log, e.g. "deployment"
 * @param name            the resource's path-like name, e.g. "shop/prod", or null for a collection
 * @param application     the owning application, or null for platform resources
 * @param ownerGroup      the owning application's owner group (implies owner), or null
 * @param environmentType the environment's type when the action touches one, else null
 * @param protectedType   whether that environment type is protected
 */
public record AccessTarget(String kind, String name, String application, String ownerGroup, String environmentType,
        boolean protectedType) {

    public static AccessTarget platform(String kind, String name) {
        return new AccessTarget(kind, name, null, null, null, false);
    }

    public static AccessTarget application(String kind, String name, String application, String ownerGroup) {
        return new AccessTarget(kind, name, application, ownerGroup, null, false);
    }

    public static AccessTarget environment(String kind, String name, String application, String ownerGroup,
            String environmentType, boolean protectedType) {
        return new AccessTarget(kind, name, application, ownerGroup, environmentType, protectedType);
    }

    public boolean isPlatform() {
        return application == null;
    }

    /** The same target seen as a whole application, e.g. to ask whether it is visible at all. */
    public AccessTarget asApplication() {
        return new AccessTarget("application", application, application, ownerGroup, null, false);
    }
}
