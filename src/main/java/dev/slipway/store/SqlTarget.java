package dev.slipway.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Where a write runs: in the current Hibernate Reactive session (an API request's transaction,
 * which also holds its audit record and idempotency key) or on a Vert.x client (a background
 * worker's pool or transaction). A store writes each statement once and lets the caller say where.
 */
@FunctionalInterface
public interface SqlTarget {

    /** Runs the statement; the number of rows it changed. */
    Uni<Integer> update(Sql statement);

    static SqlTarget currentSession() {
        return Sql::updateInSession;
    }

    static SqlTarget client(SqlClient client) {
        return statement -> statement.execute(client).map(rows -> rows.rowCount());
    }
}
