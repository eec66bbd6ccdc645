package dev.slipway.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.webhook.WebhookResourceTest.ALICE;
import static dev.slipway.webhook.WebhookResourceTest.SECRET;
import static dev.slipway.webhook.WebhookResourceTest.WEBHOOKS;
import static dev.slipway.webhook.WebhookResourceTest.awaitState;
import static dev.slipway.webhook.WebhookResourceTest.createdId;
import static dev.slipway.webhook.WebhookResourceTest.newApp;
import static dev.slipway.webhook.WebhookResourceTest.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A replica shutting down gives back the deliveries it held: another sends them at once, not after the lease. */
@QuarkusTest
class WebhookShutdownTest {
    @Inject
    DataSource dataSource;
    @Inject
    DeliveryStore deliveries;

    @Test
    void aDeliveryGivenBackAtShutdownIsSentAtOnceByAnotherReplica() throws Exception {
        String app = newApp();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String webhook = createdId(ALICE, subscription(app, receiver.url(), List.of(WebhookResourceTest.STATUS_CHANGED), SECRET));
            String ping = as(ALICE).post(WEBHOOKS + "/{id}:ping", webhook).then().statusCode(200).extract().path("id");
            awaitState(ALICE, webhook, ping, "delivered");
            // A replica took it again and was stopped mid-send: pending, its lease good for an hour.
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement held = connection.prepareStatement("""
                            UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = now(), delivered_at = NULL,
                                   lease_owner = 'replica-stopping', lease_expires_at = now() + interval '1 hour'
                             WHERE id = ?::uuid""")) {
                held.setString(1, ping);
                assertEquals(1, held.executeUpdate());
            }
            assertEquals(1, deliveries.releaseAll("replica-stopping").await().atMost(Duration.ofSeconds(10)));
            // Well within the hour the lease had left: the dispatcher here (the "other replica") sends it again.
            awaitState(ALICE, webhook, ping, "delivered");
            assertEquals(0, deliveries.releaseAll("replica-stopping").await().atMost(Duration.ofSeconds(10)), "nothing left to give back");
            receiver.await("the ping sent twice", received -> receiver.received().stream()
                    .filter(r -> ping.equals(r.headers().get("webhook-id"))).count() == 2);
        }
    }
}
