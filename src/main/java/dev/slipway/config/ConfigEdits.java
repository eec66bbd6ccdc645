package dev.slipway.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.slipway.api.Violations;

/**
 * The rules of changing one scope, as pure functions: what a valid change set is, the state it
 * leads to, and what changed. Secrets arrive already sealed (as stored entries), so nothing here
 * ever holds a secret value except to measure it.
 */
final class ConfigEdits {
    static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    /** A ConfigMap / Secret key is at most 253 characters. */
    static final int MAX_NAME = 253;
    static final int MAX_VALUE_BYTES = 64 * 1024;
    static final int MAX_CHANGES = 500;
    static final int MAX_ENTRIES = 1000;
    /**
     * Per scope and kind (plain / secret): base plus overrides then stay under the 1 MiB a
     * ConfigMap or Secret may hold.
     */
    static final int MAX_SCOPE_BYTES = 384 * 1024;
    static final int MAX_MESSAGE = 2000;
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

    private ConfigEdits() {
    }

    /** Every problem of a change set at once. Messages name fields, never quote values. */
    static void validate(ConfigChangeRequest request, boolean environmentScope) {
        validate(new Violations(), request, environmentScope);
    }

    /** As {@link #validate(ConfigChangeRequest, boolean)}, adding to what the request's declared limits found. */
    static void validate(Violations violations, ConfigChangeRequest request, boolean environmentScope) {
        if (request == null || request.changes() == null) {
            violations.add("changes", "is required").throwIfAny();
            return;
        }
        violations.maxLength("message", request.message(), MAX_MESSAGE);
        List<ConfigChange> changes = request.changes();
        if (changes.isEmpty() || changes.size() > MAX_CHANGES) {
            violations.add("changes", "must hold 1 to " + MAX_CHANGES + " changes");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            String field = "changes[" + i + "]";
            ConfigChange change = changes.get(i);
            if (change == null) {
                violations.add(field, "must be an object");
                continue;
            }
            name(violations, field + ".name", change.name());
            if (change.name() != null && !seen.add(change.name())) {
                violations.add(field + ".name", "is changed twice in one request");
            }
            int actions = (change.value() != null ? 1 : 0) + (change.secret() != null ? 1 : 0) + (change.secretRef() != null ? 1 : 0)
                    + (Boolean.TRUE.equals(change.unset()) ? 1 : 0) + (Boolean.TRUE.equals(change.remove()) ? 1 : 0);
            if (actions != 1) {
                violations.add(field, "give exactly one of value, secret, secretRef, unset: true or remove: true");
            }
            valueSize(violations, field + ".value", change.value());
            valueSize(violations, field + ".secret", change.secret());
            if (change.secretRef() != null) {
                secretRef(violations, field + ".secretRef", change.secretRef());
            }
            if (Boolean.TRUE.equals(change.remove()) && !environmentScope) {
                violations.add(field + ".remove", "only an environment can remove a base entry; use unset to delete it from the base");
            }
        }
        violations.throwIfAny();
    }

    static void name(Violations violations, String field, String name) {
        if (name == null) {
            violations.add(field, "is required");
        } else if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            violations.add(field, "must be an environment variable name: a letter or '_', then letters, digits or '_' (at most "
                    + MAX_NAME + " characters)");
        }
    }

    private static void valueSize(Violations violations, String field, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            violations.add(field, "must be at most " + MAX_VALUE_BYTES + " bytes (UTF-8)");
        }
    }

    private static void secretRef(Violations violations, String field, SecretKeyRef ref) {
        if (ref.name() == null || ref.name().length() > 253 || !DNS_SUBDOMAIN.matcher(ref.name()).matches()) {
            violations.add(field + ".name", "must be a Secret name: a DNS subdomain of lower-case letters, digits, '-' and '.'");
        }
        if (ref.key() == null || ref.key().length() > 253 || !SECRET_KEY.matcher(ref.key()).matches()) {
            violations.add(field + ".key", "must be a Secret key: letters, digits, '-', '_' or '.' (at most 253)");
        }
    }

    /**
     * The scope after the changes. An entry whose content does not change keeps its revision, so
     * a request that changes nothing leads to the same state.
     *
     * @param sealedSecrets the stored entry for each secret change (the current one when the value is the same)
     */
    static Map<String, StoredEntry> apply(Map<String, StoredEntry> current, List<ConfigChange> changes,
            Map<String, StoredEntry> sealedSecrets, long revision) {
        Map<String, StoredEntry> next = new TreeMap<>(current);
        for (ConfigChange change : changes) {
            String name = change.name();
            if (Boolean.TRUE.equals(change.unset())) {
                next.remove(name);
                continue;
            }
            StoredEntry candidate;
            if (change.value() != null) {
                candidate = StoredEntry.variable(name, change.value(), revision);
            } else if (change.secret() != null) {
                candidate = sealedSecrets.get(name);
            } else if (change.secretRef() != null) {
                candidate = StoredEntry.secretRef(name, change.secretRef().name(), change.secretRef().key(), revision);
            } else {
                candidate = StoredEntry.removed(name, revision);
            }
            StoredEntry existing = current.get(name);
            next.put(name, candidate.sameContent(existing) ? existing : candidate);
        }
        return next;
    }

    /**
     * The scope restored to an earlier state: entries equal to the current ones stay as they are;
     * the others take the new revision, and a secret coming back counts as setting it again.
     */
    static Map<String, StoredEntry> restore(Map<String, StoredEntry> current, Map<String, StoredEntry> earlier, long revision) {
        Map<String, StoredEntry> next = new TreeMap<>();
        earlier.forEach((name, entry) -> {
            StoredEntry existing = current.get(name);
            if (entry.sameContent(existing)) {
                next.put(name, existing);
            } else if (entry.type() == ConfigEntryType.SECRET) {
                next.put(name, entry.atRevision(revision).withSecretVersion(nextSecretVersion(existing)));
            } else {
                next.put(name, entry.atRevision(revision));
            }
        });
        return next;
    }

    /** A secret set again in a scope counts up from the version it has there. */
    static int nextSecretVersion(StoredEntry existing) {
        return existing != null && existing.type() == ConfigEntryType.SECRET && existing.secretVersion() != null
                ? existing.secretVersion() + 1
                : 1;
    }

    /** What changed from one state of a scope to the next, by name. */
    static List<RevisionChange> changes(Map<String, StoredEntry> before, Map<String, StoredEntry> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<RevisionChange> changes = new ArrayList<>();
        for (String name : names) {
            StoredEntry old = before.get(name);
            StoredEntry now = after.get(name);
            if (now == null) {
                changes.add(new RevisionChange(name, ChangeAction.UNSET, null));
            } else if (!now.sameContent(old)) {
                changes.add(now.type() == ConfigEntryType.REMOVED
                        ? new RevisionChange(name, ChangeAction.REMOVE, null)
                        : new RevisionChange(name, ChangeAction.SET, now.type()));
            }
        }
        return changes;
    }

    /** Refuses a state too large to deliver (too many entries, or more than fits a ConfigMap or Secret). */
    static void checkLimits(Map<String, StoredEntry> state) {
        Violations violations = new Violations();
        if (state.size() > MAX_ENTRIES) {
            violations.add("changes", "the scope would hold " + state.size() + " entries; at most " + MAX_ENTRIES);
        }
        long plain = state.values().stream().filter(e -> e.type() == ConfigEntryType.VARIABLE).mapToLong(StoredEntry::size).sum();
        long secret = state.values().stream().filter(e -> e.type() == ConfigEntryType.SECRET).mapToLong(StoredEntry::size).sum();
        if (plain > MAX_SCOPE_BYTES) {
            violations.add("changes", "variables would total " + plain + " bytes; at most " + MAX_SCOPE_BYTES + " per scope");
        }
        if (secret > MAX_SCOPE_BYTES) {
            violations.add("changes", "secrets would total " + secret + " bytes; at most " + MAX_SCOPE_BYTES + " per scope");
        }
        violations.throwIfAny();
    }
}
