package dev.slipway.infra.definition;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.config.SecretStore;
import dev.slipway.infra.definition.DefinitionPatch.SecretChanges;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ResourceDriver;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A definition's driver inputs: checking them with their driver, and keeping the secret ones as
 * platform-owned encrypted values through {@link SecretStore} (the same keys, re-encryption and
 * canary as configuration secrets). Plaintext exists here only in memory.
 */
@ApplicationScoped
public class DefinitionInputs {
    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final SecretStore secrets;
    private final DriverCatalog drivers;
    private final ObjectMapper mapper;

    public DefinitionInputs(SecretStore secrets, DriverCatalog drivers, ObjectMapper mapper) {
        this.secrets = secrets;
        this.drivers = drivers;
        this.mapper = mapper;
    }

    /**
     * The values as they read back from storage (a gRPC struct's 5432 arrives as a Long, JSON
     * reads it as an Integer): stored values then compare equal to what was stored, so an
     * unchanged definition is never written again with a new version.
     */
    Map<String, Object> canonical(Map<String, Object> values) {
        try {
            return mapper.readValue(mapper.writeValueAsBytes(values), VALUES);
        } catch (IOException e) {
            throw new IllegalStateException("driver input values do not round-trip through JSON", e);
        }
    }

    /** Asks the named driver whether the inputs can provide the type's outputs; 400 naming every problem. */
    void check(String driverName, ResourceTypeOutputs outputs, Map<String, Object> values, Map<String, String> secretValues) {
        Violations violations = new Violations();
        ResourceDriver driver = drivers.find(driverName);
        if (driver == null) {
            violations.add("driver", "unknown driver '" + driverName + "'; this Slipway has " + drivers.names());
        } else {
            driver.validateInputs(outputs, new DriverInputs(values, secretValues), violations, "driverInputs");
        }
        violations.throwIfAny();
    }

    /** The definition's secret inputs in clear, by name, in the current session; 503 when one cannot be opened. */
    Uni<Map<String, String>> open(String definition, Map<String, SecretInput> stored) {
        if (stored.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<UUID> ids = stored.values().stream().map(SecretInput::valueId).toList();
        return secrets.openValues(null, ids).map(opened -> {
            Map<String, String> byName = new LinkedHashMap<>();
            stored.forEach((name, input) -> {
                String value = opened.get(input.valueId());
                if (value == null) {
                    throw new SlipwayException.Unavailable("secret input '" + name + "' of resource definition '" + definition
                            + "' cannot be opened (value " + input.valueId() + "); is its key configured in slipway.secrets.keys?");
                }
                byName.put(name, value);
            });
            return byName;
        });
    }

    /**
     * The stored secret inputs after the changes, in the current transaction: a secret set to the
     * value it has keeps its stored value and version, any other one set is sealed anew (version
     * + 1), and values nothing refers to any more are deleted.
     *
     * @param opened the current secrets in clear, to tell a repeated value from a new one
     */
    Uni<Map<String, SecretInput>> store(Map<String, SecretInput> stored, Map<String, String> opened, SecretChanges changes) {
        Map<String, SecretInput> result = new LinkedHashMap<>(changes.clear() ? Map.of() : stored);
        changes.remove().forEach(result::remove);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> change : changes.set().entrySet()) {
            String name = change.getKey();
            SecretInput existing = stored.get(name);
            if (existing != null && change.getValue().equals(opened.get(name))) {
                result.put(name, existing);
                continue;
            }
            // One session runs one statement at a time: seal one after the other.
            chain = chain.call(() -> secrets.seal(null, change.getValue()).invoke(sealed -> result.put(name,
                    new SecretInput(sealed.id(), existing == null ? 1 : existing.version() + 1, sealed.fingerprint()))));
        }
        return chain.flatMap(ignored -> delete(stored, result)).replaceWith(result);
    }

    /** Deletes the stored values {@code kept} no longer refers to (all of them when it is empty). */
    Uni<Void> delete(Map<String, SecretInput> stored, Map<String, SecretInput> kept) {
        Set<UUID> keep = new HashSet<>();
        kept.values().forEach(input -> keep.add(input.valueId()));
        List<UUID> obsolete = stored.values().stream().map(SecretInput::valueId).filter(id -> !keep.contains(id)).toList();
        return secrets.deleteValues(null, obsolete);
    }
}
