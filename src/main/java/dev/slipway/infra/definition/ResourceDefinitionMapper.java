package dev.slipway.infra.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.slipway.api.ETags;
import dev.slipway.config.SecretState;

/** The one place a resource definition entity becomes its API models and what matching sees of it. */
final class ResourceDefinitionMapper {
    private ResourceDefinitionMapper() {
    }

    static ResourceDefinitionView toView(ResourceDefinition definition) {
        Map<String, SecretState> secrets = new TreeMap<>();
        definition.driverSecrets.forEach((name, input) -> secrets.put(name, new SecretState(true, input.version(), input.fingerprint())));
        return new ResourceDefinitionView(definition.id, definition.name, definition.type, definition.driver,
                new DriverInputsView(new LinkedHashMap<>(definition.driverValues), secrets), List.copyOf(definition.criteria.items()),
                definition.retain, definition.version, definition.createdAt, definition.createdBy, definition.updatedAt,
                definition.updatedBy, ETags.of(definition.version));
    }

    /** The patchable form: everything but the secret inputs, which a merge patch changes apart (see {@link DefinitionPatch}). */
    static ResourceDefinitionSpec toSpec(ResourceDefinition definition) {
        return new ResourceDefinitionSpec(definition.name, definition.type, definition.driver,
                new DriverInputsSpec(definition.driverValues, null), definition.criteria.items(), definition.retain);
    }

    static MatchableDefinition toMatchable(ResourceDefinition definition) {
        return new MatchableDefinition(definition.name, definition.version, definition.driver, definition.criteria.items());
    }
}
