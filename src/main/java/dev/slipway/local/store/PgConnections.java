package dev.slipway.local.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * Opens plain JDBC connections for bootstrapping, before any datasource exists.
 */
final class PgConnections {

    private PgConnections() {
    }

    /**
     * Goes through the driver directly rather than DriverManager, which filters drivers by the
     * caller's class loader and so may not see the driver from Quarkus' runtime class loader.
     */
    static Connection open(String host, int port, String database, String user, String password, Duration timeout)
            throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        props.setProperty("connectTimeout", seconds);
        props.setProperty("loginTimeout", seconds);
        props.setProperty("socketTimeout", "30");
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        Connection connection = new Driver().connect(url, props);
        if (connection == null) {
            throw new SQLException("PostgreSQL driver did not accept " + url);
        }
        return connection;
    }
}
