package dev.slipway.infra.definition;

import dev.slipway.api.Violations;
import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ProvisionContext;
import dev.slipway.infra.driver.ProvisionResult;
import dev.slipway.infra.driver.ResourceDriver;
import dev.slipway.infra.driver.ResourceTypeOutputs;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A driver that exists only in tests, so definitions can be written against a known driver
 * without depending on the real ones: every input must name an output of the type, and a secret
 * output must be given as a secret input.
 */
@ApplicationScoped
public class OutputsTestDriver implements ResourceDriver {
    public static final String NAME = "test-outputs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validateInputs(ResourceTypeOutputs type, DriverInputs inputs, Violations violations, String field) {
        inputs.values().keySet().forEach(name -> {
            if (!type.has(name)) {
                violations.add(field + ".values." + name, "is not an output of type '" + type.type() + "'");
            } else if (type.isSecret(name)) {
                violations.add(field + ".values." + name, "is a secret output: give it in " + field + ".secrets");
            }
        });
        inputs.secrets().keySet().forEach(name -> {
            if (!type.has(name)) {
                violations.add(field + ".secrets." + name, "is not an output of type '" + type.type() + "'");
            }
        });
    }

    /** Definitions of this driver are only written and matched in tests, never provisioned. */
    @Override
    public ProvisionResult provision(ProvisionContext context) {
        return ProvisionResult.failed("TestDriver", "the test driver provisions nothing", context.applied());
    }

    @Override
    public ProvisionResult observe(ProvisionContext context) {
        return provision(context);
    }

    @Override
    public void deprovision(ProvisionContext context) {
    }
}
