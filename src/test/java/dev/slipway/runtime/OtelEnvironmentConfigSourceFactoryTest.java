package dev.slipway.runtime;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The standard OTEL_* variables, as Quarkus' quarkus.otel.* settings: traces are off unless an endpoint is given. */
class OtelEnvironmentConfigSourceFactoryTest {

    /** A configuration as the application gets it, with these environment variables. */
    private static SmallRyeConfig withEnvironment(Map<String, String> variables) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(variables, 300))
                .withSources(new OtelEnvironmentConfigSourceFactory()).build();
    }

    @Test
    void withoutAnEndpointTheSdkIsOffSoNothingIsExported() {
        SmallRyeConfig config = withEnvironment(Map.of("OTEL_SERVICE_NAME", "slipway-eu"));

        assertEquals("true", config.getRawValue("quarkus.otel.sdk.disabled"));
        assertFalse(config.getOptionalValue("quarkus.otel.exporter.otlp.endpoint", String.class).isPresent());
        assertFalse(config.getOptionalValue("quarkus.otel.exporter.otlp.traces.endpoint", String.class).isPresent());
    }

    @Test
    void anEndpointTurnsTracingOnAndIsWhereTracesGo() {
        SmallRyeConfig config = withEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_SERVICE_NAME", "slipway-eu", "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod",
                "OTEL_TRACES_SAMPLER_ARG", "0.25", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s3cret"));

        assertEquals("false", config.getRawValue("quarkus.otel.sdk.disabled"));
        assertEquals("http://collector:4318", config.getRawValue("quarkus.otel.exporter.otlp.endpoint"));
        assertEquals("http/protobuf", config.getRawValue("quarkus.otel.exporter.otlp.traces.protocol"));
        assertEquals("slipway-eu", config.getRawValue("quarkus.otel.service.name"));
        assertEquals("deployment.environment=prod", config.getRawValue("quarkus.otel.resource.attributes"));
        assertEquals("0.25", config.getRawValue("quarkus.otel.traces.sampler.arg"));
        assertEquals("api-key=s3cret", config.getRawValue("quarkus.otel.exporter.otlp.traces.headers"));
    }

    @Test
    void aTracesEndpointAloneIsEnoughAndGrpcCanBeChosen() {
        SmallRyeConfig config = withEnvironment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4317",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"));

        assertEquals("false", config.getRawValue("quarkus.otel.sdk.disabled"));
        assertEquals("http://collector:4317", config.getRawValue("quarkus.otel.exporter.otlp.traces.endpoint"));
        assertEquals("grpc", config.getRawValue("quarkus.otel.exporter.otlp.traces.protocol"));
    }

    @Test
    void aTracesEndpointIsTheFullUrlOfTheStandardNotABase() {
        assertEquals("http://collector:4318",
                withEnvironment(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://collector:4318/v1/traces"))
                        .getRawValue("quarkus.otel.exporter.otlp.traces.endpoint"));
    }

    @Test
    void theSdkCanBeTurnedOffDespiteAnEndpoint() {
        assertEquals("true", withEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_SDK_DISABLED", "true"))
                .getRawValue("quarkus.otel.sdk.disabled"));
    }

    @Test
    void aProfiledSettingOfApplicationPropertiesStillWins() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("test")
                .withSources(new io.smallrye.config.PropertiesConfigSource(Map.of("%test.quarkus.otel.sdk.disabled", "false"),
                        "application.properties", 250))
                .withSources(new OtelEnvironmentConfigSourceFactory()).build();

        assertEquals("false", config.getRawValue("quarkus.otel.sdk.disabled"));
    }

    @Test
    void quarkusOwnVariablesStillWin() {
        SmallRyeConfig config = withEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "QUARKUS_OTEL_SDK_DISABLED", "true"));

        assertEquals(Optional.of(true), config.getOptionalValue("quarkus.otel.sdk.disabled", Boolean.class));
    }
}
