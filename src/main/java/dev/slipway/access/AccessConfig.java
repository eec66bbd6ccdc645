package dev.slipway.access;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who counts as a platform admin, and where groups come from in the token. */
@ConfigMapping(prefix = "slipway.access")
public interface AccessConfig {
    /** OIDC groups whose members are platform admins. */
    @WithDefault("slipway-admins")
    List<String> adminGroups();

    /** Roles (realm_access.roles or groups) whose holders are platform admins. */
    @WithDefault("slipway-admin")
    List<String> adminRoles();

    /** Claim holding the caller's groups; a dotted path reaches into nested claims. */
    @WithDefault("groups")
    String groupsClaim();
}
