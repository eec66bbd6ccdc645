package dev.slipway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Override precedence, removals and diffs as pure functions. */
class ConfigMergeTest {
    private static final UUID S1 = UUID.randomUUID();
    private static final UUID S2 = UUID.randomUUID();

    static ConfigSnapshot snapshot(StoredEntry... entries) {
        return new ConfigSnapshot(List.of(entries));
    }

    @Test
    void environmentEntriesOverrideBaseEntriesOfTheSameName() {
        ConfigSnapshot base = snapshot(StoredEntry.variable("LOG_LEVEL", "info", 1), StoredEntry.variable("POOL", "10", 1));
        ConfigSnapshot overrides = snapshot(StoredEntry.variable("LOG_LEVEL", "debug", 2), StoredEntry.variable("ONLY_HERE", "x", 2));
        ConfigMerge.Effective effective = ConfigMerge.effective(base, overrides);
        assertEquals(List.of("LOG_LEVEL", "ONLY_HERE", "POOL"), List.copyOf(effective.entries().keySet()));
        ConfigMerge.EffectiveEntry level = effective.entries().get("LOG_LEVEL");
        assertEquals("debug", level.entry().value());
        assertEquals(ConfigOrigin.ENVIRONMENT, level.source());
        assertTrue(level.overridesBase());
        ConfigMerge.EffectiveEntry onlyHere = effective.entries().get("ONLY_HERE");
        assertEquals(ConfigOrigin.ENVIRONMENT, onlyHere.source());
        assertFalse(onlyHere.overridesBase());
        ConfigMerge.EffectiveEntry pool = effective.entries().get("POOL");
        assertEquals(ConfigOrigin.BASE, pool.source());
        assertEquals("10", pool.entry().value());
        assertEquals(List.of(), effective.removed());
    }

    @Test
    void aRemovalHidesTheBaseEntryAndIsListed() {
        ConfigSnapshot base = snapshot(StoredEntry.variable("DEBUG_TOOLS", "on", 1), StoredEntry.secret("TOKEN", S1, 1, "fp", 5, 1));
        ConfigSnapshot overrides = snapshot(StoredEntry.removed("DEBUG_TOOLS", 2), StoredEntry.removed("NOT_IN_BASE", 2));
        ConfigMerge.Effective effective = ConfigMerge.effective(base, overrides);
        assertEquals(List.of("TOKEN"), List.copyOf(effective.entries().keySet()));
        assertEquals(List.of("DEBUG_TOOLS", "NOT_IN_BASE"), effective.removed());
    }

    @Test
    void theBaseAloneIsItsOwnEffectiveConfiguration() {
        ConfigMerge.Effective base = ConfigMerge.base(snapshot(StoredEntry.variable("A", "1", 1)));
        assertEquals(ConfigOrigin.BASE, base.entries().get("A").source());
        assertTrue(ConfigMerge.effective(ConfigSnapshot.EMPTY, ConfigSnapshot.EMPTY).entries().isEmpty());
    }

    /** Property: for random base and overrides, every name resolves by the rules, whatever the order of entries. */
    @Test
    void precedenceHoldsForRandomConfigurations() {
        Random random = new Random(20261126L);
        for (int round = 0; round < 500; round++) {
            Map<String, StoredEntry> base = new TreeMap<>();
            Map<String, StoredEntry> overrides = new TreeMap<>();
            for (int i = 0; i < random.nextInt(12); i++) {
                String name = "V" + random.nextInt(15);
                base.put(name, random.nextBoolean()
                        ? StoredEntry.variable(name, "b" + i, 1)
                        : StoredEntry.secretRef(name, "sec", "k" + i, 1));
            }
            for (int i = 0; i < random.nextInt(12); i++) {
                String name = "V" + random.nextInt(15);
                overrides.put(name, random.nextInt(3) == 0 ? StoredEntry.removed(name, 2) : StoredEntry.variable(name, "o" + i, 2));
            }
            List<StoredEntry> shuffled = new ArrayList<>(overrides.values());
            java.util.Collections.shuffle(shuffled, random);
            ConfigMerge.Effective effective = ConfigMerge.effective(ConfigSnapshot.of(base.values()), new ConfigSnapshot(shuffled));
            for (int n = 0; n < 15; n++) {
                String name = "V" + n;
                StoredEntry override = overrides.get(name);
                ConfigMerge.EffectiveEntry actual = effective.entries().get(name);
                if (override != null && override.type() == ConfigEntryType.REMOVED) {
                    assertNull(actual, name);
                    assertTrue(effective.removed().contains(name));
                } else if (override != null) {
                    assertEquals(override, actual.entry());
                    assertEquals(base.containsKey(name), actual.overridesBase());
                } else if (base.containsKey(name)) {
                    assertEquals(base.get(name), actual.entry());
                    assertEquals(ConfigOrigin.BASE, actual.source());
                } else {
                    assertNull(actual);
                }
            }
        }
    }

    @Test
    void diffReportsAddedRemovedAndChangedByContentNotSource() {
        ConfigMerge.Effective from = ConfigMerge.effective(
                snapshot(StoredEntry.variable("A", "1", 1), StoredEntry.variable("B", "2", 1), StoredEntry.variable("C", "3", 1)),
                ConfigSnapshot.EMPTY);
        ConfigMerge.Effective to = ConfigMerge.effective(
                snapshot(StoredEntry.variable("A", "1", 1), StoredEntry.variable("B", "2", 1)),
                snapshot(StoredEntry.variable("B", "two", 4), StoredEntry.variable("D", "4", 4), StoredEntry.variable("A", "1", 4)));
        List<ConfigMerge.Difference> differences = ConfigMerge.diff(from, to, StoredEntry::sameContent);
        assertEquals(List.of("B CHANGED", "C REMOVED", "D ADDED"), differences.stream().map(d -> d.name() + " " + d.change()).toList());
        ConfigMerge.Difference changed = differences.get(0);
        assertEquals("2", changed.from().entry().value());
        assertEquals("two", changed.to().entry().value());
        assertNull(differences.get(1).to());
        assertNull(differences.get(2).from());
    }

    @Test
    void secretsDifferOnlyWhenTheComparatorSaysTheirValuesDo() {
        ConfigMerge.Effective from = ConfigMerge.base(snapshot(StoredEntry.secret("TOKEN", S1, 1, "fp1", 6, 1)));
        ConfigMerge.Effective to = ConfigMerge.base(snapshot(StoredEntry.secret("TOKEN", S2, 2, "fp2", 6, 2)));
        assertEquals(1, ConfigMerge.diff(from, to, StoredEntry::sameContent).size());
        assertEquals(0, ConfigMerge.diff(from, to, (a, b) -> true).size(), "same plaintext under two stored values");
        ConfigMerge.Effective asRef = ConfigMerge.base(snapshot(StoredEntry.secretRef("TOKEN", "ext", "token", 3)));
        assertEquals(DiffChange.CHANGED, ConfigMerge.diff(from, asRef, StoredEntry::sameContent).get(0).change());
    }
}
