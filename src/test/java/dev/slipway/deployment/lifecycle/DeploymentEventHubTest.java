package dev.slipway.deployment.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub's LISTEN connection: notifications reach it (told apart from the 1 s poll by counting
 * them), and a lost connection is replaced without a restart.
 */
@QuarkusTest
class DeploymentEventHubTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    DeploymentEventHub hub;
    @Inject
    DataSource dataSource;

    @Test
    void aNotificationReachesTheHub() throws SQLException {
        awaitTrue(() -> hub.listenerProcessId() != 0, "the hub listens");
        long heard = hub.notificationsHeard();
        notifyHub();
        awaitTrue(() -> hub.notificationsHeard() > heard, "the notification is heard");
    }

    @Test
    void theHubListensAgainAfterItsConnectionIsLost() throws SQLException {
        awaitTrue(() -> hub.listenerProcessId() != 0, "the hub listens");
        int lost = hub.listenerProcessId();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + lost + ")");
        }
        awaitTrue(() -> hub.listenerProcessId() != 0 && hub.listenerProcessId() != lost, "the hub listens on a new connection");
        assertNotEquals(lost, hub.listenerProcessId());
        long heard = hub.notificationsHeard();
        notifyHub();
        awaitTrue(() -> hub.notificationsHeard() > heard, "a notification is heard on the new connection");
    }

    private void notifyHub() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("NOTIFY " + DeploymentEventHub.EVENTS_CHANNEL);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), what + " within " + PATIENCE);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
