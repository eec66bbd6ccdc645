package dev.slipway.local.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Supplies the datasource in dev mode and tests when none is configured, so that they need no
 * database set up by hand: the shared PostgreSQL in tests when there is one, an embedded server
 * otherwise. Elsewhere (the packaged jar runs in the prod profile) it does so only when
 * {@code slipway.embedded-store.enabled=true}; without that and without a configured datasource it
 * stops the start with one line saying what to set, instead of running on a throwaway database.
 *
 * <p>A config source factory rather than a startup observer because the datasources, Flyway and
 * Hibernate read their URLs while runtime config is built, before any bean exists.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    static final int ORDINAL = 275;
    static final String SOURCE_NAME = "slipway-store";

    static final String ENABLED = "slipway.embedded-store.enabled";
    private static final String EMBEDDED = "slipway.embedded-store.";
    private static final String TEST_DATABASE = "slipway.store.test.";
    private static final Path DEFAULT_DATA_DIRECTORY = Path.of(".slipway", "pg");
    private static final Path TEST_DATA_DIRECTORY = Path.of("target", "embedded-pg");
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);

    /** Runs just before the refusal is thrown; unit tests leave the JVM's logging alone. */
    private final Runnable beforeRefusal;

    /** As found through META-INF/services. */
    public EmbeddedPostgresConfigSourceFactory() {
        this(StartupLogBuffer::keepOnlyWarnings);
    }

    EmbeddedPostgresConfigSourceFactory(Runnable beforeRefusal) {
        this.beforeRefusal = beforeRefusal;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Settings settings = new Settings(context);
        if (!shouldProvide(settings)) {
            return List.of();
        }
        StoreConnection connection = context.getProfiles().contains("test")
                ? testConnection(settings)
                : embedded(settings, settings.get(EMBEDDED + "data-directory").map(Path::of)
                        .orElse(DEFAULT_DATA_DIRECTORY));
        return List.of(new PropertiesConfigSource(connection.datasourceProperties(), SOURCE_NAME, ORDINAL));
    }

    /**
     * Only at runtime init: the build assembles config too, and a server started then would bake
     * a URL into the jar that is stale by the time it runs.
     *
     * @throws MissingDatasource when there is neither a configured database nor permission to run one
     */
    private boolean shouldProvide(Settings settings) {
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT
                || settings.get("quarkus.datasource.reactive.url").isPresent()
                || settings.get("quarkus.datasource.jdbc.url").isPresent()) {
            return false;
        }
        if (!settings.get(ENABLED).map(Boolean::parseBoolean).orElse(false)) {
            beforeRefusal.run();
            throw new MissingDatasource();
        }
        return true;
    }

    private static StoreConnection testConnection(Settings settings) {
        TestDatabaseProbe.Target target = new TestDatabaseProbe.Target(
                settings.get(TEST_DATABASE + "host").orElse("127.0.0.1"),
                settings.getInt(TEST_DATABASE + "port", 5432),
                settings.get(TEST_DATABASE + "database").orElse("slipway_test"),
                settings.get(TEST_DATABASE + "username").orElse("slipway"),
                settings.get(TEST_DATABASE + "password").orElse("slipway"));
        Optional<StoreConnection> shared = TestDatabaseProbe.probe(target);
        if (shared.isPresent()) {
            LOG.infof("Using the shared test PostgreSQL at %s", target);
            return shared.get();
        }
        LOG.infof("No PostgreSQL at %s:%d, falling back to an embedded one", target.host(), target.port());
        return embedded(settings, TEST_DATA_DIRECTORY);
    }

    private static StoreConnection embedded(Settings settings, Path dataDirectory) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDirectory,
                settings.getInt(EMBEDDED + "port", 0));
        // Never closed here: the server lives as long as the JVM; zonky's shutdown hook stops it.
        EmbeddedPostgresServer.Running running = server.startOrAttach();
        LOG.infof("Using the embedded PostgreSQL (%s) with its data in %s on port %d",
                running.reattached() ? "re-attached" : "started", server.dataDirectory(),
                running.connection().port());
        return running.connection();
    }

    /** Raw values: factories run before config mapping, so no @ConfigMapping is available yet. */
    private record Settings(ConfigSourceContext context) {

        Optional<String> get(String name) {
            ConfigValue value = context.getValue(name);
            return value == null || value.getValue() == null || value.getValue().isBlank()
                    ? Optional.empty()
                    : Optional.of(value.getValue().strip());
        }

        int getInt(String name, int defaultValue) {
            Optional<String> value = get(name);
            try {
                return value.map(Integer::parseInt).orElse(defaultValue);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number, was '" + value.get() + "'", e);
            }
        }
    }
}
