package dev.slipway.infra.definition;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.infra.definition.DefinitionPatch.SecretChanges;

/** What a resource definition must look like before anything is looked up: pure checks and defaults. */
final class DefinitionRules {
    static final Pattern DRIVER_NAME = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    /** Secret input names: usable as keys of a Kubernetes Secret. */
    static final Pattern SECRET_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,62}$");
    static final int MAX_CRITERIA = 50;
    static final int MAX_SECRET_BYTES = 64 * 1024;

    private DefinitionRules() {
    }

    /** The spec with its defaults filled in: no inputs, retain false, every criterion's class spelled out. */
    static ResourceDefinitionSpec withDefaults(ResourceDefinitionSpec spec) {
        if (spec == null) {
            throw SlipwayException.Invalid.field("body", "a JSON object is required");
        }
        DriverInputsSpec inputs = spec.driverInputs() == null ? new DriverInputsSpec(Map.of(), null) : spec.driverInputs();
        List<Criterion> criteria = spec.criteria() == null
                ? null
                : spec.criteria().stream().map(criterion -> criterion == null ? null : criterion.withDefaults()).toList();
        return new ResourceDefinitionSpec(spec.name(), spec.type(), spec.driver(),
                new DriverInputsSpec(inputs.values() == null ? Map.of() : inputs.values(), inputs.secrets()), criteria,
                Boolean.TRUE.equals(spec.retain()));
    }

    /** Every problem of a (defaulted) spec and its secret changes at once, as a 400. */
    static void validate(ResourceDefinitionSpec spec, SecretChanges secrets) {
        validate(new Violations(), spec, secrets);
    }

    /** As {@link #validate(ResourceDefinitionSpec, SecretChanges)}, adding to what the spec's declared limits found. */
    static void validate(Violations violations, ResourceDefinitionSpec spec, SecretChanges secrets) {
        violations.slug("name", spec.name()).slug("type", spec.type()).required("driver", spec.driver());
        if (spec.driver() != null && !DRIVER_NAME.matcher(spec.driver()).matches()) {
            violations.add("driver", "must be a driver name (" + DRIVER_NAME.pattern() + ")");
        }
        criteria(violations, spec.criteria());
        secrets.set().forEach((name, value) -> {
            String field = "driverInputs.secrets." + name;
            if (!SECRET_NAME.matcher(name).matches()) {
                violations.add(field, "is not a valid secret input name (" + SECRET_NAME.pattern() + ")");
            }
            if (value == null) {
                violations.add(field, "must be a string");
            } else if (value.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
                violations.add(field, "must be at most " + MAX_SECRET_BYTES + " bytes");
            }
        });
        violations.throwIfAny();
    }

    private static void criteria(Violations violations, List<Criterion> criteria) {
        if (criteria == null || criteria.isEmpty() || criteria.size() > MAX_CRITERIA) {
            violations.add("criteria", "must have 1 to " + MAX_CRITERIA + " entries (an empty object {} matches every request)");
            return;
        }
        List<Criterion> seen = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            String field = "criteria[" + i + "]";
            Criterion criterion = criteria.get(i);
            if (criterion == null) {
                violations.add(field, "must be an object");
                seen.add(null);
                continue;
            }
            violations.optionalSlug(field + ".environmentType", criterion.environmentType())
                    .optionalSlug(field + ".environment", criterion.environment())
                    .optionalSlug(field + ".application", criterion.application())
                    .slug(field + ".class", criterion.classOrDefault());
            int earlier = seen.indexOf(criterion);
            if (earlier >= 0) {
                violations.add(field, "repeats criteria[" + earlier + "]");
            }
            seen.add(criterion);
        }
    }
}
