package dev.slipway.store;

import org.eclipse.microprofile.config.Config;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A small pool of its own for statements a request runs beside its transaction: reading the
 * caller's role bindings and recording denials (which must commit even when the request rolls
 * back). Taking those from the main pool while the request holds one of its connections would
 * deadlock once every main connection belongs to a request waiting for another.
 */
@ApplicationScoped
public class SideConnections {
    private final Pool pool;

    public SideConnections(Vertx vertx, Config config) {
        String url = config.getValue("quarkus.datasource.reactive.url", String.class).replaceFirst("^vertx-reactive:", "");
        PgConnectOptions connect = PgConnectOptions.fromUri(url)
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null))
                .setCachePreparedStatements(true);
        int size = config.getOptionalValue("slipway.store.side-pool-size", Integer.class).orElse(4);
        this.pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connect).using(vertx).build());
    }

    public Pool pool() {
        return pool;
    }

    @PreDestroy
    void close() {
        pool.closeAndAwait();
    }
}
