package dev.slipway.access;

import java.util.Arrays;

/**
 * Everything a caller can be allowed to do, with the role it takes. Where an action touches an
 * environment, a protected environment type may ask for a higher role. The wire names are what
 * the access check, the audit log and the docs show.
 */
public enum Permission {
    APPLICATION_READ("application.read", Role.VIEWER, Role.VIEWER),
    /** The creator must own the application it creates (be in its owner group), or be an admin. */
    APPLICATION_CREATE("application.create", Role.OWNER, Role.OWNER), APPLICATION_UPDATE("application.update", Role.OWNER,
            Role.OWNER), APPLICATION_DELETE("application.delete", Role.OWNER, Role.OWNER), ENVIRONMENT_CREATE("environment.create",
                    Role.DEVELOPER, Role.OWNER), ENVIRONMENT_UPDATE("environment.update", Role.DEVELOPER,
                            Role.OWNER), ENVIRONMENT_DELETE("environment.delete", Role.DEVELOPER, Role.OWNER),
    /** Deploy, roll back, promote into. */
    DEPLOYMENT_CREATE("deployment.create", Role.DEVELOPER, Role.DEPLOYER), DEPLOYMENT_CANCEL("deployment.cancel", Role.DEVELOPER,
            Role.DEPLOYER), CONFIG_UPDATE("config.update", Role.DEVELOPER, Role.DEPLOYER), ROLE_BINDING_READ("role-binding.read",
                    Role.VIEWER, Role.VIEWER), ROLE_BINDING_MANAGE("role-binding.manage", Role.OWNER,
                            Role.OWNER), AUDIT_READ("audit.read", Role.OWNER, Role.OWNER),
    /**
     * Approving or rejecting a deployment that waits for approval: the deployer role on the
     * application (or the environment's type) in any case, since an approval vouches for a
     * deployment to a protected place. A service account needs a binding naming it explicitly
     * (see {@link AccessPolicy}); the requester may never approve their own (four eyes, checked by the use case).
     */
    DEPLOYMENT_APPROVE("deployment.approve", Role.DEPLOYER, Role.DEPLOYER),
    /** Promoting against the environment types' order (promoteFrom with force: true). */
    DEPLOYMENT_FORCE_PROMOTION("deployment.force-promotion", Role.ADMIN, Role.ADMIN),
    /** Environment types, clusters, resource types and resource definitions are visible to every authenticated caller. */
    PLATFORM_READ("platform.read", Role.VIEWER, Role.VIEWER), ENVIRONMENT_TYPE_MANAGE("environment-type.manage", Role.ADMIN,
            Role.ADMIN), CLUSTER_MANAGE("cluster.manage", Role.ADMIN, Role.ADMIN),
    /** Registering, changing and removing resource types (the built-in ones are read-only). */
    RESOURCE_TYPE_MANAGE("resource-type.manage", Role.ADMIN, Role.ADMIN),
    /** Writing resource definitions: how the platform provides each type of resource, and where. */
    RESOURCE_DEFINITION_MANAGE("resource-definition.manage", Role.ADMIN, Role.ADMIN),
    /** Re-encrypting every secret under the newest key. */
    SECRETS_ROTATE("secrets.rotate", Role.ADMIN, Role.ADMIN),
    /** Creating and lifting freezes that name an application (one of its environments, or its environments of a type). */
    FREEZE_MANAGE("freeze.manage", Role.OWNER, Role.OWNER),
    /** Creating and lifting freezes of every environment of a type, or of the whole platform. */
    PLATFORM_FREEZE_MANAGE("platform-freeze.manage", Role.ADMIN, Role.ADMIN),
    /**
     * Reading the logs of an environment's pods: a developer, also on a protected type (reading
     * changes nothing), but never a viewer, since logs show what the API does not (request data,
     * values the app prints).
     */
    LOGS_READ("logs.read", Role.DEVELOPER, Role.DEVELOPER),
    /**
     * Scaling a running workload and restarting its pods: what deploying takes, since both change
     * what runs in the environment as a deployment does (capacity, a roll of every pod).
     */
    ENVIRONMENT_SCALE("environment.scale", Role.DEVELOPER, Role.DEPLOYER), ENVIRONMENT_RESTART("environment.restart", Role.DEVELOPER,
            Role.DEPLOYER),
    /** Deploying (or rolling back) into an environment while a freeze is in force on it. */
    DEPLOYMENT_BREAK_GLASS("deployment.break-glass", Role.OWNER, Role.OWNER),
    /**
     * Reading an application's webhook subscriptions and their delivery logs: owners only, since
     * a subscription names where the application's events go and its log what the receiver answered.
     */
    WEBHOOK_READ("webhook.read", Role.OWNER, Role.OWNER),
    /** Creating, changing, deleting, pinging an application's webhook subscriptions and redelivering their events. */
    WEBHOOK_MANAGE("webhook.manage", Role.OWNER, Role.OWNER),
    /** The same for platform-wide subscriptions (every application's events). */
    PLATFORM_WEBHOOK_READ("platform-webhook.read", Role.ADMIN, Role.ADMIN), PLATFORM_WEBHOOK_MANAGE("platform-webhook.manage",
            Role.ADMIN, Role.ADMIN);

    private final String wireName;
    private final Role required;
    private final Role requiredWhenProtected;

    Permission(String wireName, Role required, Role requiredWhenProtected) {
        this.wireName = wireName;
        this.required = required;
        this.requiredWhenProtected = requiredWhenProtected;
    }

    public String wireName() {
        return wireName;
    }

    public Role requiredRole(boolean protectedEnvironment) {
        return protectedEnvironment ? requiredWhenProtected : required;
    }

    /** Writes are audited when allowed; every denial is audited. */
    public boolean isWrite() {
        return !wireName.endsWith(".read");
    }

    public static Permission parse(String text) {
        return Arrays.stream(values()).filter(permission -> permission.wireName.equals(text)).findFirst().orElse(null);
    }
}
