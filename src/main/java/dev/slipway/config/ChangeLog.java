package dev.slipway.config;

import java.util.List;

/** What a revision changed, stored with it (jsonb). */
public record ChangeLog(List<RevisionChange> changes) {
    public ChangeLog {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
