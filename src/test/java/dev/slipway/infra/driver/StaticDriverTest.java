package dev.slipway.infra.driver;

import java.util.List;
import java.util.Map;

import dev.slipway.api.FieldError;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.Violations;
import dev.slipway.infra.ResourceTypes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticDriverTest {

    private final StaticDriver driver = new StaticDriver();

    @Test
    void acceptsExactlyTheTypesOutputs() {
        Violations violations = new Violations();
        driver.validateInputs(ResourceTypes.REDIS, new DriverInputs(Map.of("host", "cache", "port", 6379),
                Map.of("password", "pw", "url", "redis://:pw@cache:6379")), violations, "driverInputs");
        assertTrue(violations.isEmpty());
    }

    @Test
    void namesMissingUnknownAndMisplacedOutputs() {
        Violations violations = new Violations();
        driver.validateInputs(ResourceTypes.REDIS, new DriverInputs(Map.of("host", "cache", "password", "in-the-clear", "db", 0,
                "port", List.of(1)), Map.of("hostname", "x")), violations, "driverInputs");

        List<FieldError> errors = assertThrows(SlipwayException.Invalid.class, violations::throwIfAny).fieldErrors();
        assertEquals(Map.of(
                "driverInputs.values.password", "is a secret output of resource type redis: give it under secrets",
                "driverInputs.values.db", "is not an output of resource type redis (its outputs: host, password, port, url)",
                "driverInputs.values.port", "must be a string, number or boolean",
                "driverInputs.secrets.hostname", "is not an output of resource type redis (its outputs: host, password, port, url)",
                "driverInputs.secrets.url", "is required: resource type redis promises output url"),
                errors.stream().collect(java.util.stream.Collectors.toMap(FieldError::field, FieldError::message)));
    }

    @Test
    void aValueGivenAsASecretStaysSecret() {
        ProvisionResult result = driver.provision(ResourceTypes.context(null, "ns", "cache", ResourceTypes.REDIS, Map.of(),
                new DriverInputs(Map.of("port", 6379), Map.of("host", "internal-host", "password", "pw", "url", "redis://x"))));

        assertEquals(ProvisionStatus.READY, result.status());
        assertEquals(Map.of("port", "6379"), result.outputs().plain());
        assertEquals(Map.of("host", "internal-host", "password", "pw", "url", "redis://x"), result.outputs().secret());
    }

    @Test
    void anInvalidDefinitionFailsTheProvisionWithoutItsValues() {
        ProvisionResult result = driver.provision(ResourceTypes.context(null, "ns", "cache", ResourceTypes.REDIS, Map.of(),
                new DriverInputs(Map.of("host", "cache"), Map.of("password", "hunter2"))));

        assertEquals(ProvisionStatus.FAILED, result.status());
        assertEquals(DriverFailures.INVALID_DEFINITION, result.reason());
        assertEquals("the resource definition is invalid: driverInputs.values.port: is required: resource type redis promises output port; "
                + "driverInputs.secrets.url: is required: resource type redis promises output url", result.message());
        assertTrue(!result.toString().contains("hunter2"));
    }
}
