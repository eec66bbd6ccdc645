package dev.slipway.access;

/**
 * What an access decision is about. Platform resources (environment types, clusters) belong to
 * the platform team; application resources (applications and everything under them) belong to
 * the application's owner group.
 *
 * @param kind        resource kind for messages and audit, e.g. "application"
 * @param name        resource name, or null for a collection
 * @param application owning application, or null for platform resources
 * @param ownerGroup  the owning application's owner group, or null
 */
public record ProtectedResource(String kind, String name, String application, String ownerGroup) {

    public static ProtectedResource platform(String kind, String name) {
        return new ProtectedResource(kind, name, null, null);
    }

    public static ProtectedResource application(String kind, String name, String application, String ownerGroup) {
        return new ProtectedResource(kind, name, application, ownerGroup);
    }

    public boolean isPlatform() {
        return application == null;
    }
}
