package dev.slipway.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Reads the standard OpenTelemetry variables (OTEL_EXPORTER_OTLP_ENDPOINT and the others below, or
 * their {@code otel.*} system properties) into the {@code quarkus.otel.*} settings, which is the
 * only form Quarkus reads. Tracing is off unless an OTLP endpoint is given: without one the SDK is
 * disabled, so no exporter tries a collector that is not there (and logs about it), and no span is
 * recorded. {@code QUARKUS_OTEL_*} variables still win, being of a higher ordinal.
 *
 * <p>OTEL_TRACES_SAMPLER cannot be honoured: Quarkus fixes the sampler at build time. Slipway's is
 * parent-based trace-id ratio, so OTEL_TRACES_SAMPLER_ARG (default 1.0) sets the share of new traces kept.
 */
public class OtelEnvironmentConfigSourceFactory implements ConfigSourceFactory {

    /**
     * Just below application.properties (250), which sets none of these but the test profile's (an
     * unprofiled value of a higher ordinal would beat a profiled one); far below environment
     * variables (300) and system properties (400).
     */
    static final int ORDINAL = 245;
    static final String SOURCE_NAME = "slipway-otel-environment";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final String HTTP_PROTOBUF = "http/protobuf";
    private static final String TRACES_PATH = "/v1/traces";

    /** Standard name -> Quarkus name, copied as they are when set. */
    private static final Map<String, String> COPIED = Map.of(
            "otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.endpoint",
            "otel.exporter.otlp.traces.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint",
            "otel.service.name", "quarkus.otel.service.name",
            "otel.resource.attributes", "quarkus.otel.resource.attributes",
            "otel.traces.sampler.arg", "quarkus.otel.traces.sampler.arg");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(settings(name -> value(context, name)), SOURCE_NAME, ORDINAL));
    }

    /** The {@code quarkus.otel.*} settings the standard variables ask for, {@code lookup} giving a standard variable's value. */
    static Map<String, String> settings(Function<String, Optional<String>> lookup) {
        Map<String, String> settings = new HashMap<>();
        COPIED.forEach((standard, quarkus) -> lookup.apply(standard).ifPresent(value -> settings.put(quarkus, value)));
        boolean endpointGiven = lookup.apply("otel.exporter.otlp.endpoint").isPresent()
                || lookup.apply("otel.exporter.otlp.traces.endpoint").isPresent();
        boolean disabledOnPurpose = lookup.apply("otel.sdk.disabled").map(Boolean::parseBoolean).orElse(false);
        settings.put(SDK_DISABLED, String.valueOf(!endpointGiven || disabledOnPurpose));
        // The standard's default protocol is http/protobuf (port 4318); Quarkus' own default is gRPC.
        String protocol = lookup.apply("otel.exporter.otlp.traces.protocol").or(() -> lookup.apply("otel.exporter.otlp.protocol"))
                .orElse(HTTP_PROTOBUF);
        settings.put("quarkus.otel.exporter.otlp.traces.protocol", protocol);
        // The standard's traces endpoint is the full URL; Quarkus appends the signal's path to whatever it is given.
        lookup.apply("otel.exporter.otlp.traces.endpoint").filter(endpoint -> protocol.equals(HTTP_PROTOBUF))
                .ifPresent(endpoint -> settings.put("quarkus.otel.exporter.otlp.traces.endpoint", withoutTracesPath(endpoint)));
        lookup.apply("otel.exporter.otlp.traces.headers").or(() -> lookup.apply("otel.exporter.otlp.headers"))
                .ifPresent(headers -> settings.put("quarkus.otel.exporter.otlp.traces.headers", headers));
        return settings;
    }

    private static String withoutTracesPath(String endpoint) {
        String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return trimmed.endsWith(TRACES_PATH) ? trimmed.substring(0, trimmed.length() - TRACES_PATH.length()) : endpoint;
    }

    /** Raw values: factories run before config mapping. An environment variable answers its dotted lower-case name. */
    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? Optional.empty()
                : Optional.of(value.getValue().strip());
    }
}
