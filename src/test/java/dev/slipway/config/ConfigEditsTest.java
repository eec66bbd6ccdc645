package dev.slipway.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Change sets: validation, the state they lead to, what changed, restores and limits. */
class ConfigEditsTest {
    private static final String SECRET = "s3cr3t-value-never-shown";

    static ConfigChange value(String name, String value) {
        return new ConfigChange(name, value, null, null, null, null);
    }

    static ConfigChange secret(String name, String secret) {
        return new ConfigChange(name, null, secret, null, null, null);
    }

    static ConfigChange unset(String name) {
        return new ConfigChange(name, null, null, null, true, null);
    }

    static ConfigChange remove(String name) {
        return new ConfigChange(name, null, null, null, null, true);
    }

    private static List<String> invalidFields(ConfigChangeRequest request, boolean environment) {
        SlipwayException.Invalid invalid = assertThrows(SlipwayException.Invalid.class, () -> ConfigEdits.validate(request, environment));
        invalid.fieldErrors().forEach(error -> assertFalse(error.message().contains(SECRET), "an error quotes a secret"));
        assertFalse(invalid.getMessage().contains(SECRET));
        return invalid.fieldErrors().stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsEveryKindOfChange() {
        ConfigEdits.validate(new ConfigChangeRequest(List.of(value("LOG_LEVEL", "debug"), secret("_TOKEN", SECRET),
                new ConfigChange("API_KEY", null, null, new SecretKeyRef("vault.synced-creds", "api_key"), null, null),
                unset("OLD"), remove("DEBUG")), "all kinds"), true);
    }

    @Test
    void refusesInvalidChangesNamingEveryField() {
        List<ConfigChange> changes = new ArrayList<>();
        changes.add(value("1BAD", "x"));
        changes.add(new ConfigChange("BOTH", "x", SECRET, null, null, null));
        changes.add(new ConfigChange("NONE", null, null, null, false, null));
        changes.add(secret("BIG", SECRET + "x".repeat(ConfigEdits.MAX_VALUE_BYTES)));
        changes.add(new ConfigChange("REF", null, null, new SecretKeyRef("Not_A_Name", "k/ey"), null, null));
        changes.add(value("DUP", "1"));
        changes.add(value("DUP", "2"));
        changes.add(new ConfigChange(null, "x", null, null, null, null));
        assertEquals(List.of("changes[0].name", "changes[1]", "changes[2]", "changes[3].secret", "changes[4].secretRef.name",
                "changes[4].secretRef.key", "changes[6].name", "changes[7].name"),
                invalidFields(new ConfigChangeRequest(changes, "m"), true));
        assertEquals(List.of("changes"), invalidFields(new ConfigChangeRequest(List.of(), null), false));
        assertEquals(List.of("changes"), invalidFields(null, false));
        assertEquals(List.of("message"), invalidFields(new ConfigChangeRequest(List.of(value("A", "1")), "m".repeat(2001)), false));
        assertEquals(List.of("changes[0].remove"), invalidFields(new ConfigChangeRequest(List.of(remove("A")), null), false),
                "only an environment removes");
        assertEquals(List.of("changes[0].name"), invalidFields(new ConfigChangeRequest(List.of(value("A".repeat(254), "1")), null), false));
    }

    @Test
    void aChangeSetLeadsToTheNextStateAndKeepsUntouchedEntries() {
        Map<String, StoredEntry> current = new TreeMap<>(Map.of(
                "KEEP", StoredEntry.variable("KEEP", "1", 3),
                "SAME", StoredEntry.variable("SAME", "x", 2),
                "GONE", StoredEntry.variable("GONE", "y", 1)));
        StoredEntry sealed = StoredEntry.secret("TOKEN", UUID.randomUUID(), 1, "fp", 6, 7);
        Map<String, StoredEntry> next = ConfigEdits.apply(current, List.of(value("SAME", "x"), unset("GONE"), secret("TOKEN", SECRET),
                value("NEW", "n"), remove("HIDDEN")), Map.of("TOKEN", sealed), 7);
        assertEquals(List.of("HIDDEN", "KEEP", "NEW", "SAME", "TOKEN"), List.copyOf(next.keySet()));
        assertSame(current.get("SAME"), next.get("SAME"), "setting the same value changes nothing, not even the revision");
        assertEquals(7, next.get("NEW").revision());
        assertEquals(ConfigEntryType.REMOVED, next.get("HIDDEN").type());
        assertEquals(sealed, next.get("TOKEN"));
        assertEquals(List.of("GONE UNSET null", "HIDDEN REMOVE null", "NEW SET VARIABLE", "TOKEN SET SECRET"),
                ConfigEdits.changes(current, next).stream().map(c -> c.name() + " " + c.action() + " " + c.type()).toList());
        assertTrue(ConfigEdits.changes(current, ConfigEdits.apply(current, List.of(value("SAME", "x")), Map.of(), 8)).isEmpty());
    }

    @Test
    void restoringBringsBackEarlierEntriesAsANewRevision() {
        UUID oldSecret = UUID.randomUUID();
        Map<String, StoredEntry> earlier = new TreeMap<>(Map.of(
                "A", StoredEntry.variable("A", "1", 1),
                "TOKEN", StoredEntry.secret("TOKEN", oldSecret, 1, "fp-old", 6, 1),
                "C", StoredEntry.variable("C", "c", 2)));
        Map<String, StoredEntry> current = new TreeMap<>(Map.of(
                "A", StoredEntry.variable("A", "2", 4),
                "TOKEN", StoredEntry.secret("TOKEN", UUID.randomUUID(), 2, "fp-new", 6, 4),
                "C", StoredEntry.variable("C", "c", 2),
                "D", StoredEntry.variable("D", "d", 5)));
        Map<String, StoredEntry> restored = ConfigEdits.restore(current, earlier, 6);
        assertEquals(List.of("A", "C", "TOKEN"), List.copyOf(restored.keySet()));
        assertEquals("1", restored.get("A").value());
        assertEquals(6, restored.get("A").revision());
        assertSame(current.get("C"), restored.get("C"));
        assertEquals(oldSecret, restored.get("TOKEN").secretId());
        assertEquals(3, restored.get("TOKEN").secretVersion(), "a secret set again counts up");
        assertEquals(List.of("A SET", "D UNSET", "TOKEN SET"),
                ConfigEdits.changes(current, restored).stream().map(c -> c.name() + " " + c.action()).toList());
    }

    @Test
    void refusesStatesTooLargeToDeliver() {
        Map<String, StoredEntry> state = new TreeMap<>();
        for (int i = 0; i < 7; i++) {
            state.put("V" + i, StoredEntry.variable("V" + i, "x".repeat(60_000), 1));
        }
        assertThrows(SlipwayException.Invalid.class, () -> ConfigEdits.checkLimits(state));
        Map<String, StoredEntry> secrets = new TreeMap<>();
        for (int i = 0; i < 7; i++) {
            secrets.put("S" + i, StoredEntry.secret("S" + i, UUID.randomUUID(), 1, "fp", 60_000, 1));
        }
        assertThrows(SlipwayException.Invalid.class, () -> ConfigEdits.checkLimits(secrets));
        Map<String, StoredEntry> many = new TreeMap<>();
        Collections.nCopies(ConfigEdits.MAX_ENTRIES + 1, 0)
                .forEach(ignored -> many.put("V" + many.size(), StoredEntry.variable("V" + many.size(), "", 1)));
        assertThrows(SlipwayException.Invalid.class, () -> ConfigEdits.checkLimits(many));
        ConfigEdits.checkLimits(Map.of("A", StoredEntry.variable("A", "x".repeat(60_000), 1)));
    }

    @Test
    void aChangeNeverPrintsItsSecret() {
        assertFalse(secret("TOKEN", SECRET).toString().contains(SECRET));
        assertTrue(secret("TOKEN", SECRET).toString().contains("TOKEN"));
    }
}
