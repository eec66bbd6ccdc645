package dev.slipway.local.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.runtime.ExecutionModeManager;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the factory steps in and when it stays out of the way, through a real SmallRye config
 * builder so that ordinals and profiles behave as in the application.
 */
class EmbeddedPostgresConfigSourceFactoryTest {

    @TempDir
    Path temp;

    @AfterEach
    void resetExecutionMode() {
        ExecutionModeManager.unset();
    }

    @Test
    void isRegisteredAsServiceProvider() throws IOException {
        try (InputStream services = getClass().getClassLoader()
                .getResourceAsStream("META-INF/services/" + ConfigSourceFactory.class.getName())) {
            assertTrue(services != null, "services file present");
            assertTrue(new String(services.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .anyMatch(EmbeddedPostgresConfigSourceFactory.class.getName()::equals), "listed in the services file");
        }
    }

    @Test
    void staysOutDuringTheBuild() {
        ExecutionModeManager.staticInit();
        assertEquals(0, sourcesFor("dev", Map.of()));
    }

    @Test
    void staysOutWhenADatabaseIsConfigured() {
        ExecutionModeManager.runtimeInit();
        assertEquals(0, sourcesFor("dev", Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/x")));
        assertEquals(0, sourcesFor("dev", Map.of("quarkus.datasource.reactive.url", "postgresql://db:5432/x")));
        assertEquals(0, sourcesFor("prod", Map.of("%prod.quarkus.datasource.jdbc.url", "jdbc:postgresql://db/x")));
    }

    @Test
    void refusesWithOneLineOnWhatToSetWhenNoDatabaseIsConfiguredAndTheEmbeddedStoreIsOff() {
        ExecutionModeManager.runtimeInit();
        for (Map<String, String> properties : List.of(Map.<String, String>of(),
                Map.of("quarkus.datasource.username", "slipway"),
                Map.of(EmbeddedPostgresConfigSourceFactory.ENABLED, "false"),
                Map.of("%dev." + EmbeddedPostgresConfigSourceFactory.ENABLED, "true"))) {
            AtomicInteger logChanges = new AtomicInteger();
            Throwable failure = assertThrows(RuntimeException.class, () -> config("prod", properties, logChanges::incrementAndGet));
            while (!(failure instanceof MissingDatasource) && failure.getCause() != null) {
                failure = failure.getCause();
            }
            assertInstanceOf(MissingDatasource.class, failure, properties.toString());
            assertInstanceOf(ConfigurationException.class, failure, "Quarkus prints a ConfigurationException's message alone");
            assertEquals(1, logChanges.get(), "buffered start-up chatter is dropped first");
            String message = failure.getMessage();
            assertFalse(message.contains("\n"), "one line: " + message);
            for (String setting : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "slipway.embedded-store.enabled=true")) {
                assertTrue(message.contains(setting), setting + " missing from: " + message);
            }
        }
    }

    @Test
    void refusesInDevModeTooWhenTheEmbeddedStoreIsSwitchedOff() {
        ExecutionModeManager.runtimeInit();
        assertThrows(RuntimeException.class,
                () -> config("dev", Map.of(EmbeddedPostgresConfigSourceFactory.ENABLED, "false"), () -> {
                }));
    }

    @Test
    void providesTheEmbeddedServerAboveApplicationProperties() throws Exception {
        ExecutionModeManager.runtimeInit();
        Path dataDirectory = temp.resolve("pg");
        SmallRyeConfig config = config("dev", Map.of(
                "%dev." + EmbeddedPostgresConfigSourceFactory.ENABLED, "true",
                "slipway.embedded-store.data-directory", dataDirectory.toString(),
                "quarkus.datasource.username", "from-application-properties"));
        try {
            int port = Integer.parseInt(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(3).strip());
            assertEquals("embedded", value(config, "slipway.store.mode"));
            assertEquals("slipway", value(config, "quarkus.datasource.username"));
            assertEquals("jdbc:postgresql://127.0.0.1:" + port + "/slipway",
                    value(config, "quarkus.datasource.jdbc.url"));
            assertEquals("postgresql://127.0.0.1:" + port + "/slipway",
                    value(config, "quarkus.datasource.reactive.url"));
            assertEquals(Files.readString(dataDirectory.resolveSibling("pg-password")).strip(),
                    value(config, "quarkus.datasource.password"));
            assertEquals(EmbeddedPostgresConfigSourceFactory.ORDINAL,
                    config.getConfigValue("quarkus.datasource.jdbc.url").getConfigSourceOrdinal());
        } finally {
            stopServerIn(dataDirectory);
        }
    }

    private int sourcesFor(String profile, Map<String, String> applicationProperties) {
        SmallRyeConfig config = config(profile, applicationProperties);
        int count = 0;
        for (ConfigSource source : config.getConfigSources()) {
            if (source.getName().contains(EmbeddedPostgresConfigSourceFactory.SOURCE_NAME)) {
                count++;
            }
        }
        return count;
    }

    private static String value(SmallRyeConfig config, String name) {
        return config.getConfigValue(name).getValue();
    }

    private static SmallRyeConfig config(String profile, Map<String, String> applicationProperties) {
        return config(profile, applicationProperties, () -> {
        });
    }

    private static SmallRyeConfig config(String profile, Map<String, String> applicationProperties, Runnable beforeRefusal) {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .withSources(new PropertiesConfigSource(new HashMap<>(applicationProperties),
                        "application.properties", 250))
                .withSources(new EmbeddedPostgresConfigSourceFactory(beforeRefusal))
                .build();
    }

    /** The factory leaves the server to the JVM's shutdown hook; a test must not. */
    private static void stopServerIn(Path dataDirectory) throws Exception {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        postmaster.destroy();
        postmaster.onExit().get(30, TimeUnit.SECONDS);
    }
}
