package dev.slipway.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The complete state of one scope (base or one environment's overrides) after a revision, by name. */
public record ConfigSnapshot(List<StoredEntry> entries) {
    public static final ConfigSnapshot EMPTY = new ConfigSnapshot(List.of());

    public ConfigSnapshot {
        entries = entries == null ? List.of() : entries.stream().sorted(Comparator.comparing(StoredEntry::name)).toList();
    }

    static ConfigSnapshot of(Collection<StoredEntry> entries) {
        return new ConfigSnapshot(List.copyOf(entries));
    }

    /** Entries by name, in name order. */
    Map<String, StoredEntry> byName() {
        Map<String, StoredEntry> byName = new LinkedHashMap<>();
        entries.forEach(entry -> byName.put(entry.name(), entry));
        return byName;
    }
}
