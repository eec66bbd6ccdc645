package dev.slipway.infra.driver;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.slipway.api.Violations;

/**
 * How a kind of infrastructure is provided: a resource definition names its driver ("static" for
 * values that exist already, "template" for Kubernetes objects rendered into the environment's
 * namespace) and gives it inputs. A new driver (Terraform, a cloud API) implements this interface
 * as a CDI bean; nothing else in Slipway changes.
 *
 * <p>Drivers are blocking (they run on the reconciler's worker threads, through
 * {@code ResourceProvisioner}) and idempotent: provisioning again with the same context changes
 * nothing, and a provision interrupted by a crash converges when run again with what was stored
 * (generated values, applied objects). Results and exceptions never carry secret values.
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

    /**
     * Values this resource needs generated once (random passwords) and missing from
     * {@code context.generated()}. The provisioner hands them to the caller to keep (encrypted)
     * before {@link #provision} uses them, so a crash never loses a password already applied.
     */
    default Map<String, String> generate(ProvisionContext context) {
        return Map.of();
    }

    /** How long the definition lets the resource take to become ready; empty for the provisioner's default. */
    default Optional<Duration> readinessTimeout(DriverInputs inputs) {
        return Optional.empty();
    }

    /**
     * Makes the resource exist as the context describes (create, update, or nothing when it is so
     * already) and reports where it stands, like {@link #observe} right after.
     */
    ProvisionResult provision(ProvisionContext context);

    /** Where the resource stands now, without changing anything; outputs once READY. */
    ProvisionResult observe(ProvisionContext context);

    /** Removes what {@code context.applied()} names; what is gone already is no error. */
    void deprovision(ProvisionContext context);
}
