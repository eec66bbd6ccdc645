package dev.slipway.infra.definition;

import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.infra.driver.ResourceTypeOutputs;

/**
 * A definition as a provisioner needs it: which driver, with which inputs (secrets opened, in
 * memory only), promising which outputs. Prints without secret values (see {@link DriverInputs}).
 */
public record ResolvedDefinition(String name, long version, String type, String driver, ResourceTypeOutputs outputs,
        DriverInputs inputs, boolean retain) {
}
