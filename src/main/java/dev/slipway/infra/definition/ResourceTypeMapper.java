package dev.slipway.infra.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.api.ETags;
import dev.slipway.infra.driver.ResourceTypeOutputs;

/** The one place a resource type entity becomes its API models and what drivers see of it. */
final class ResourceTypeMapper {
    private ResourceTypeMapper() {
    }

    static ResourceTypeView toView(ResourceType type) {
        return new ResourceTypeView(type.id, type.name, type.description, List.copyOf(type.outputs.items()), type.builtIn, type.createdAt,
                type.createdBy, type.updatedAt, ETags.of(type.version));
    }

    static ResourceTypeSpec toSpec(ResourceType type) {
        return new ResourceTypeSpec(type.name, type.description, type.outputs.items());
    }

    static ResourceTypeOutputs toOutputs(ResourceType type) {
        Map<String, Boolean> secretByOutput = new LinkedHashMap<>();
        type.outputs.items().forEach(output -> secretByOutput.put(output.name(), output.isSecret()));
        return new ResourceTypeOutputs(type.name, Map.copyOf(secretByOutput));
    }
}
