package dev.slipway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * How an environment's configuration comes about (base, then the environment's overrides and
 * removals) and how two configurations differ. Pure functions.
 */
final class ConfigMerge {
    private ConfigMerge() {
    }

    /** One entry of an effective configuration and where it comes from. */
    record EffectiveEntry(StoredEntry entry, ConfigOrigin source, boolean overridesBase) {
    }

    /** An effective configuration: entries by name, and the base names the environment removes. */
    record Effective(Map<String, EffectiveEntry> entries, List<String> removed) {
    }

    /** One entry that differs between two configurations. */
    record Difference(String name, DiffChange change, EffectiveEntry from, EffectiveEntry to) {
    }

    /** The base as an effective configuration (what an environment without overrides gets). */
    static Effective base(ConfigSnapshot base) {
        return effective(base, ConfigSnapshot.EMPTY);
    }

    /** Base entries, replaced by environment entries of the same name, minus the names the environment removes. */
    static Effective effective(ConfigSnapshot base, ConfigSnapshot overrides) {
        Map<String, EffectiveEntry> entries = new TreeMap<>();
        for (StoredEntry entry : base.entries()) {
            if (entry.type() != ConfigEntryType.REMOVED) {
                entries.put(entry.name(), new EffectiveEntry(entry, ConfigOrigin.BASE, false));
            }
        }
        List<String> removed = new ArrayList<>();
        for (StoredEntry entry : overrides.entries()) {
            boolean inBase = entries.containsKey(entry.name()) && entries.get(entry.name()).source() == ConfigOrigin.BASE;
            if (entry.type() == ConfigEntryType.REMOVED) {
                removed.add(entry.name());
                entries.remove(entry.name());
            } else {
                entries.put(entry.name(), new EffectiveEntry(entry, ConfigOrigin.ENVIRONMENT, inBase));
            }
        }
        return new Effective(entries, List.copyOf(removed));
    }

    /**
     * Entries added, removed or changed going from one configuration to the other, by name.
     * Where an entry comes from does not matter, only what it holds.
     *
     * @param sameValue whether two entries hold the same; for secrets this compares the values
     */
    static List<Difference> diff(Effective from, Effective to, BiPredicate<StoredEntry, StoredEntry> sameValue) {
        TreeSet<String> names = new TreeSet<>(from.entries().keySet());
        names.addAll(to.entries().keySet());
        List<Difference> differences = new ArrayList<>();
        for (String name : names) {
            EffectiveEntry before = from.entries().get(name);
            EffectiveEntry after = to.entries().get(name);
            if (before == null) {
                differences.add(new Difference(name, DiffChange.ADDED, null, after));
            } else if (after == null) {
                differences.add(new Difference(name, DiffChange.REMOVED, before, null));
            } else if (!sameValue.test(before.entry(), after.entry())) {
                differences.add(new Difference(name, DiffChange.CHANGED, before, after));
            }
        }
        return differences;
    }
}
