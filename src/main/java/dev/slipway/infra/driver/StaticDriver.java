package dev.slipway.infra.driver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.api.Violations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * For infrastructure that exists already: the definition's inputs are the outputs. Plain values
 * under {@code values}, secret ones under {@code secrets} (stored encrypted with the definition,
 * like configuration secrets). A value given as a secret stays secret even where the type would
 * allow it in the clear. Nothing is applied, so provisioning is immediate and deprovisioning is
 * nothing.
 */
@ApplicationScoped
public class StaticDriver implements ResourceDriver {
    public static final String NAME = "static";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validateInputs(ResourceTypeOutputs type, DriverInputs inputs, Violations violations, String field) {
        inputs.values().forEach((name, value) -> {
            String at = field + ".values." + name;
            if (!type.has(name)) {
                violations.add(at, unknown(type));
            } else if (type.isSecret(name)) {
                violations.add(at, "is a secret output of resource type " + type.type() + ": give it under secrets");
            } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                violations.add(at, "must be a string, number or boolean");
            }
        });
        inputs.secrets().forEach((name, value) -> {
            String at = field + ".secrets." + name;
            if (!type.has(name)) {
                violations.add(at, unknown(type));
            } else if (inputs.values().containsKey(name)) {
                violations.add(at, "is given under values too: give each output once");
            } else if (value == null || value.isEmpty()) {
                violations.add(at, "must not be empty");
            }
        });
        type.secretByOutput().keySet().stream().sorted().forEach(output -> {
            if (!inputs.values().containsKey(output) && !inputs.secrets().containsKey(output)) {
                violations.add(field + (type.isSecret(output) ? ".secrets." : ".values.") + output,
                        "is required: resource type " + type.type() + " promises output " + output);
            }
        });
    }

    @Override
    public ProvisionResult provision(ProvisionContext context) {
        return observe(context);
    }

    @Override
    public ProvisionResult observe(ProvisionContext context) {
        Violations violations = new Violations();
        validateInputs(context.type(), context.inputs(), violations, "driverInputs");
        ProvisionResult invalid = DriverFailures.invalidDefinition(violations, List.of());
        if (invalid != null) {
            return invalid;
        }
        Map<String, String> plain = new HashMap<>();
        context.inputs().values().forEach((name, value) -> plain.put(name, String.valueOf(value)));
        return ProvisionResult.ready(new ResourceOutputs(plain, context.inputs().secrets()), List.of());
    }

    @Override
    public void deprovision(ProvisionContext context) {
        // Nothing was created: the infrastructure is someone else's.
    }

    private static String unknown(ResourceTypeOutputs type) {
        return "is not an output of resource type " + type.type() + " (its outputs: "
                + String.join(", ", new java.util.TreeSet<>(type.secretByOutput().keySet())) + ")";
    }
}
