package dev.slipway.local.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the application's login role and its database through a superuser connection, so the
 * application itself never runs as superuser.
 */
final class ApplicationRole {

    private ApplicationRole() {
    }

    /**
     * @param resetPassword when the role already exists, set its password anyway: right for a
     *                      server we own (the password file is the truth), wrong for a shared one
     */
    static void ensure(Connection superuser, String role, String password, String database, boolean resetPassword)
            throws SQLException {
        boolean roleExists = exists(superuser, "SELECT 1 FROM pg_roles WHERE rolname = ?", role);
        try (Statement statement = superuser.createStatement()) {
            if (!roleExists) {
                // DDL takes no bind parameters, hence the quoting.
                statement.execute("CREATE ROLE " + identifier(role) + " LOGIN PASSWORD " + literal(password));
            } else if (resetPassword) {
                statement.execute("ALTER ROLE " + identifier(role) + " LOGIN PASSWORD " + literal(password));
            }
            if (!exists(superuser, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                // CREATE DATABASE cannot run in a transaction; the connection is in autocommit.
                statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(role));
            }
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }
}
