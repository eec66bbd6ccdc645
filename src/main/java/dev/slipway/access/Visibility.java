package dev.slipway.access;

import java.util.Set;

/**
 * Which applications a caller may see, for filtering lists and event streams: all of them, or
 * those named by the caller's bindings plus those owned by the caller's groups.
 */
public record Visibility(boolean all, Set<String> applications, Set<String> ownerGroups) {

    public boolean allows(String application, String ownerGroup) {
        return all || applications.contains(application) || (ownerGroup != null && ownerGroups.contains(ownerGroup));
    }
}
