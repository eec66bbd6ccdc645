package dev.slipway.cluster;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replica in a pod registers the cluster it runs in as the default on a fresh install, and only
 * then. The registration runs against temporary tables shaped like the real ones (they shadow them
 * for this connection only), because the shared test database already holds clusters.
 */
@QuarkusTest
class InClusterRegistrarTest {

    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path serviceAccount;

    @Test
    void registersTheClusterItRunsInAsTheDefaultWhenNoClusterExistsAndAuditsIt() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            shadowTables(sql);
            try {
                assertTrue(InClusterRegistrar.register(connection));
                assertEquals(List.of("in-cluster IN_CLUSTER true slipway"),
                        rows(sql, "SELECT name || ' ' || kind || ' ' || is_default || ' ' || created_by FROM clusters"));
                assertEquals(List.of("slipway PLATFORM cluster.register-in-cluster in-cluster ALLOWED"), rows(sql,
                        "SELECT concat_ws(' ', actor, subject_type, action, resource, outcome) FROM audit_events"));

                assertFalse(InClusterRegistrar.register(connection), "a second replica (or a restart) registers nothing");
                assertEquals(1, rows(sql, "SELECT name FROM clusters").size());
                assertEquals(1, rows(sql, "SELECT action FROM audit_events").size());
            } finally {
                dropShadows(sql);
            }
        }
    }

    @Test
    void leavesAPlatformThatRegisteredAnyClusterAlone() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            shadowTables(sql);
            try {
                sql.execute("""
                        INSERT INTO clusters (id, name, kind, api_url, is_default, created_at, created_by, updated_at, version)
                        VALUES (gen_random_uuid(), 'prod-eu', 'EXTERNAL', 'https://k8s.example.com', false, now(), 'admin', now(), 0)""");
                assertFalse(InClusterRegistrar.register(connection));
                assertEquals(List.of("prod-eu"), rows(sql, "SELECT name FROM clusters"));
                assertEquals(List.of(), rows(sql, "SELECT action FROM audit_events"));
            } finally {
                dropShadows(sql);
            }
        }
    }

    @Test
    void recognisesAPodByItsServiceHostAndMountedToken() throws IOException {
        Path token = serviceAccount.resolve("token");
        assertFalse(InClusterRegistrar.runsInAPod(inCluster(true, Optional.of("10.96.0.1"), token)), "token not mounted");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        assertTrue(InClusterRegistrar.runsInAPod(inCluster(true, Optional.of("10.96.0.1"), token)));
        assertFalse(InClusterRegistrar.runsInAPod(inCluster(true, Optional.empty(), token)), "outside a pod");
        assertFalse(InClusterRegistrar.runsInAPod(inCluster(true, Optional.of(" "), token)), "outside a pod");
    }

    @Test
    void touchesNoDatabaseOutsideAPodOrWhenSwitchedOff() throws IOException {
        Path token = Files.writeString(serviceAccount.resolve("token"), "t");
        AtomicInteger databaseCalls = new AtomicInteger();
        AgroalDataSource database = (AgroalDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ AgroalDataSource.class }, (proxy, method, args) -> {
                    databaseCalls.incrementAndGet();
                    throw new UnsupportedOperationException(method.getName());
                });
        new InClusterRegistrar(config(inCluster(true, Optional.empty(), token)), database).registerAtStart(new StartupEvent());
        new InClusterRegistrar(config(inCluster(false, Optional.of("10.96.0.1"), token)), database).registerAtStart(new StartupEvent());
        assertEquals(0, databaseCalls.get());
    }

    /** Temporary tables come first in PostgreSQL's search path, so this connection sees only these. */
    private static void shadowTables(Statement sql) throws SQLException {
        sql.execute("CREATE TEMPORARY TABLE clusters (LIKE public.clusters INCLUDING ALL)");
        sql.execute("CREATE TEMPORARY TABLE audit_events (LIKE public.audit_events INCLUDING ALL)");
    }

    private static void dropShadows(Statement sql) throws SQLException {
        sql.execute("DROP TABLE IF EXISTS pg_temp.clusters, pg_temp.audit_events");
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static ClustersConfig.InCluster inCluster(boolean register, Optional<String> host, Path token) {
        return new ClustersConfig.InCluster() {
            @Override
            public boolean register() {
                return register;
            }

            @Override
            public Optional<String> serviceHost() {
                return host;
            }

            @Override
            public Path tokenFile() {
                return token;
            }
        };
    }

    private static ClustersConfig config(ClustersConfig.InCluster inCluster) {
        return (ClustersConfig) Proxy.newProxyInstance(ClustersConfig.class.getClassLoader(), new Class<?>[]{ ClustersConfig.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("inCluster")) {
                        return inCluster;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
