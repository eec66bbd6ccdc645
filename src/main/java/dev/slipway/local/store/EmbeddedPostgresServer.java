package dev.slipway.local.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server run from this JVM with its data kept in a directory between runs: started
 * on first use, re-attached after a dev-mode reload, stopped by zonky's shutdown hook at JVM exit.
 */
final class EmbeddedPostgresServer {

    static final String SUPERUSER = "postgres";
    static final String APPLICATION_ROLE = "slipway";
    static final String APPLICATION_DATABASE = "slipway";
    private static final String HOST = "127.0.0.1";
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Only the superuser is trusted, and only from this machine (zonky needs it to see the server
     * come up); the application role must present its password.
     */
    private static final String PG_HBA = """
            # Written by Slipway: only the superuser is trusted, everyone else needs a password.
            # TYPE  DATABASE  USER      ADDRESS        METHOD
            local   all       postgres                 trust
            host    all       postgres  127.0.0.1/32   trust
            host    all       postgres  ::1/128        trust
            local   all       all                      scram-sha-256
            host    all       all       127.0.0.1/32   scram-sha-256
            host    all       all       ::1/128        scram-sha-256
            """;

    /** What a start or re-attach produced; closing stops the server only if this call started it. */
    record Running(StoreConnection connection, boolean reattached, Closeable stopper) implements Closeable {
        @Override
        public void close() throws IOException {
            stopper.close();
        }
    }

    private final Path dataDirectory;
    private final int requestedPort;

    /**
     * @param requestedPort 0 to take a free port when the server starts
     */
    EmbeddedPostgresServer(Path dataDirectory, int requestedPort) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.requestedPort = requestedPort;
    }

    Running startOrAttach() {
        String password = PasswordFile.readOrCreate(passwordFile());
        DataDirectoryOwner owner = new DataDirectoryOwner(dataDirectory);
        DataDirectoryOwner.Verdict verdict = owner.inspect();
        if (verdict instanceof DataDirectoryOwner.Verdict.Reattach reattach) {
            return new Running(connection(reattach.port(), password), true, () -> {
            });
        }
        EmbeddedPostgres postgres = start(owner);
        try {
            createApplicationRole(postgres.getPort(), password);
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new IllegalStateException("Could not create the application role in the embedded PostgreSQL at "
                    + dataDirectory, e);
        }
        return new Running(connection(postgres.getPort(), password), false, postgres);
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Kept beside the data directory, not in it, so that wiping the data keeps the password. */
    Path passwordFile() {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + "-password");
    }

    private EmbeddedPostgres start(DataDirectoryOwner owner) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(requestedPort)
                    // zonky trades durability for speed (its -F flag and synchronous_commit=off); here
                    // the data must survive a crash. A later -c wins over -F, the test checks SHOW fsync.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Runs after initdb and before the postmaster starts, on every start: the
                    // access rules are in force before anyone can connect.
                    .setDataDirectoryCustomizer(directory -> {
                        owner.claim();
                        writeAccessRules(directory.toPath());
                    })
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private static void writeAccessRules(Path directory) {
        try {
            Files.writeString(directory.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write pg_hba.conf in " + directory, e);
        }
    }

    private static void createApplicationRole(int port, String password) throws SQLException {
        try (Connection superuser = PgConnections.open(HOST, port, "postgres", SUPERUSER, null, BOOTSTRAP_TIMEOUT)) {
            ApplicationRole.ensure(superuser, APPLICATION_ROLE, password, APPLICATION_DATABASE, true);
        }
    }

    private static StoreConnection connection(int port, String password) {
        return new StoreConnection(StoreConnection.MODE_EMBEDDED, HOST, port, APPLICATION_DATABASE,
                APPLICATION_ROLE, password);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException suppressed) {
            // The original failure is the one worth reporting.
        }
    }
}
