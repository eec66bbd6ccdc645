package dev.slipway.local.store;

import java.util.Map;

/**
 * Where the store lives and how the application role logs in, as handed to the datasource
 * configuration.
 */
record StoreConnection(String mode, String host, int port, String database, String username, String password) {

    static final String MODE_EMBEDDED = "embedded";
    static final String MODE_SHARED_TEST = "shared-test";

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    Map<String, String> datasourceProperties() {
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", username,
                "quarkus.datasource.password", password,
                "slipway.store.mode", mode);
    }

    @Override
    public String toString() {
        // Records print every component; keep the password out of logs and exception messages.
        return "StoreConnection[" + mode + " " + jdbcUrl() + " as " + username + "]";
    }
}
