package dev.slipway.infra.definition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.SlipwayException;

/**
 * A merge patch of a resource definition taken apart: secret inputs cannot be merged into the
 * stored form like the rest (it holds no values to merge into), so they come out as changes of
 * their own, and the rest is an ordinary merge patch.
 *
 * @param rest    the patch without driverInputs.secrets
 * @param secrets what the patch does to the secret inputs
 */
record DefinitionPatch(JsonNode rest, SecretChanges secrets) {
    private static final String INPUTS = "driverInputs";
    private static final String SECRETS = "secrets";

    /** Splits a patch; a patch that is not an object is left for the merge patcher to refuse. */
    static DefinitionPatch of(JsonNode patch) {
        if (patch == null || !patch.isObject() || !patch.has(INPUTS)) {
            return new DefinitionPatch(patch, SecretChanges.NONE);
        }
        JsonNode inputs = patch.get(INPUTS);
        if (inputs.isNull()) {
            // driverInputs: null clears the values (through the merge) and every secret.
            return new DefinitionPatch(patch, new SecretChanges(true, Map.of(), Set.of()));
        }
        if (!inputs.isObject() || !inputs.has(SECRETS)) {
            return new DefinitionPatch(patch, SecretChanges.NONE);
        }
        ObjectNode rest = ((ObjectNode) patch).deepCopy();
        JsonNode secrets = ((ObjectNode) rest.get(INPUTS)).remove(SECRETS);
        if (secrets.isNull()) {
            return new DefinitionPatch(rest, new SecretChanges(true, Map.of(), Set.of()));
        }
        if (!secrets.isObject()) {
            throw SlipwayException.Invalid.field(INPUTS + "." + SECRETS, "must be an object of secret values by name");
        }
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new TreeSet<>();
        secrets.fields().forEachRemaining(entry -> {
            if (entry.getValue().isNull()) {
                remove.add(entry.getKey());
            } else if (entry.getValue().isTextual()) {
                set.put(entry.getKey(), entry.getValue().textValue());
            } else {
                // Never quote the value: it is meant to be a secret.
                throw SlipwayException.Invalid.field(INPUTS + "." + SECRETS + "." + entry.getKey(),
                        "must be a string, or null to remove it");
            }
        });
        return new DefinitionPatch(rest, new SecretChanges(false, set, remove));
    }

    /**
     * Changes of secret inputs: first every secret is removed when {@code clear}, then the ones
     * in {@code set} take their new values and the ones in {@code remove} go.
     */
    record SecretChanges(boolean clear, Map<String, String> set, Set<String> remove) {
        static final SecretChanges NONE = new SecretChanges(false, Map.of(), Set.of());

        /** A create: every secret given is set. */
        static SecretChanges setting(Map<String, String> secrets) {
            return new SecretChanges(false, secrets == null ? Map.of() : secrets, Set.of());
        }

        /** The secrets after the changes, by name. */
        <T> Map<String, T> applyTo(Map<String, T> current, java.util.function.Function<String, T> setTo) {
            Map<String, T> result = new LinkedHashMap<>(clear ? Map.of() : current);
            set.forEach((name, value) -> result.put(name, setTo.apply(value)));
            remove.forEach(result::remove);
            return result;
        }

        @Override
        public String toString() {
            return "SecretChanges[clear=" + clear + ", set=" + set.keySet() + ", remove=" + remove + "]";
        }
    }
}
