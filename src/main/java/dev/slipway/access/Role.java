package dev.slipway.access;

import java.util.Arrays;
import java.util.Locale;

/**
 * Roles in rising order: each one includes everything the ones before it may do. Bindings name
 * them in lower case ({@code deployer}).
 */
public enum Role {
    /** Reads an application and everything beneath it. */
    VIEWER,
    /** Viewer, plus changes configuration, manages non-protected environments and deploys to them. */
    DEVELOPER,
    /** Developer, plus deploys to (and changes configuration of) protected environment types. */
    DEPLOYER,
    /** Everything on the application, including its role bindings and audit log. */
    OWNER,
    /** Platform-wide: environment types, clusters, every application. */
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, or returns null when it is not a role. */
    public static Role parse(String text) {
        return Arrays.stream(values()).filter(role -> role.wireName().equals(text)).findFirst().orElse(null);
    }

    public static Role max(Role a, Role b) {
        return a == null ? b : b == null ? a : a.includes(b) ? a : b;
    }
}
