package dev.slipway.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Looks for a text in every row of every table of the schema. */
public final class DatabaseScan {
    private DatabaseScan() {
    }

    /** Rows of any table (revisions, applied manifests, idempotency keys, audit, events, ...) whose text holds the needle. */
    public static long rowsContaining(DataSource dataSource, String needle) throws SQLException {
        long count = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (String table : tables(connection)) {
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM \"" + table + "\" t WHERE strpos(t::text, ?) > 0")) {
                    query.setString(1, needle);
                    try (ResultSet result = query.executeQuery()) {
                        result.next();
                        count += result.getLong(1);
                    }
                }
            }
        }
        return count;
    }

    public static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()");
                ResultSet result = query.executeQuery()) {
            while (result.next()) {
                tables.add(result.getString(1));
            }
        }
        return tables;
    }
}
