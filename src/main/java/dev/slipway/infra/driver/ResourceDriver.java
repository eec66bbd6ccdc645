package dev.slipway.infra.driver;

import dev.slipway.api.Violations;

/**
 * How a kind of infrastructure is provided: a resource definition names its driver ("static" for
 * values that exist already, "template" for Kubernetes objects rendered into the environment's
 * namespace) and gives it inputs. A new driver (Terraform, a cloud API) implements this interface
 * as a CDI bean; nothing else in Slipway changes.
 */
public interface ResourceDriver {

    /** The name definitions choose the driver by, e.g. {@code static}. */
    String name();

    /**
     * Checks a definition's inputs when the definition is written, so that a mistake is a 400 then
     * rather than a failed deployment later. Problems are added to {@code violations} under
     * {@code field} (e.g. {@code driverInputs.values.template}).
     *
     * @param type the outputs the definition's resource type promises
     */
    void validateInputs(ResourceTypeOutputs type, DriverInputs inputs, Violations violations, String field);
}
