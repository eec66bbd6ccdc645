package dev.slipway.local.store;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * No database configured and no permission to run an embedded one. Its message is the whole
 * story, one line on what to set: Quarkus prints a ConfigurationException's message alone and
 * exits with status 1, where any other start-up failure comes with pages of stack trace.
 */
final class MissingDatasource extends ConfigurationException {

    static final String MESSAGE = "Slipway has no database configured: set QUARKUS_DATASOURCE_REACTIVE_URL"
            + " (postgresql://HOST:5432/DB), QUARKUS_DATASOURCE_JDBC_URL (jdbc:postgresql://HOST:5432/DB),"
            + " QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD, or set "
            + EmbeddedPostgresConfigSourceFactory.ENABLED + "=true (SLIPWAY_EMBEDDED_STORE_ENABLED=true)"
            + " to run a demo on an embedded PostgreSQL kept in .slipway/pg";

    MissingDatasource() {
        super(MESSAGE);
    }
}
