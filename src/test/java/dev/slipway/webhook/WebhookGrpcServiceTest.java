package dev.slipway.webhook;

import java.time.Duration;
import java.util.List;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.WebhookProto;
import dev.slipway.grpc.v1.WebhookService;
import dev.slipway.testing.Polling;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebhookService over gRPC, through the same service layer as REST, with a real receiver. */
@QuarkusTest
class WebhookGrpcServiceTest {
    private static final Duration CALL = Duration.ofSeconds(10);
    private static final String ALICE = WebhookResourceTest.ALICE;
    private static final String BOB = WebhookResourceTest.BOB;
    private static final String CAROL = WebhookResourceTest.CAROL;

    @GrpcClient("slipway")
    WebhookService webhooks;

    private WebhookService as(String token) {
        return dev.slipway.testing.GrpcAuth.as(webhooks, token);
    }

    private WebhookProto.Webhook create(String token, WebhookProto.Webhook.Builder webhook) {
        return as(token).createWebhook(WebhookProto.CreateWebhookRequest.newBuilder().setWebhook(webhook).build()).await().atMost(CALL)
                .getWebhook();
    }

    private WebhookProto.WebhookDelivery delivery(String id, String deliveryId) {
        return as(ALICE).listWebhookDeliveries(WebhookProto.ListWebhookDeliveriesRequest.newBuilder().setWebhookId(id).build())
                .await().atMost(CALL).getDeliveriesList().stream().filter(d -> d.getId().equals(deliveryId)).findFirst().orElseThrow();
    }

    @Test
    void anOwnerSubscribesPingsRedeliversUpdatesAndDeletes() throws Exception {
        String app = WebhookResourceTest.newApp();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            WebhookProto.Webhook created = create(ALICE, WebhookProto.Webhook.newBuilder().setApplication(app).setUrl(receiver.url())
                    .addEventTypes(WebhookResourceTest.STATUS_CHANGED));
            String secret = created.getGeneratedSecret();
            assertTrue(secret.startsWith("whsec_"));
            assertTrue(created.getEnabled());
            WebhookProto.Webhook read = as(ALICE).getWebhook(WebhookProto.GetWebhookRequest.newBuilder().setId(created.getId()).build())
                    .await().atMost(CALL).getWebhook();
            assertEquals("", read.getGeneratedSecret());
            assertEquals("", read.getSecret());
            assertEquals(created.getSecretFingerprint(), read.getSecretFingerprint());

            receiver.answer(503);
            WebhookProto.WebhookDelivery ping = as(ALICE).pingWebhook(WebhookProto.PingWebhookRequest.newBuilder().setId(created.getId())
                    .build()).await().atMost(CALL).getDelivery();
            assertEquals(WebhookProto.WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_PENDING, ping.getState());
            Polling.await("the ping delivered", Duration.ofSeconds(20), () -> delivery(created.getId(), ping.getId())
                    .getState() == WebhookProto.WebhookDeliveryState.WEBHOOK_DELIVERY_STATE_DELIVERED);
            WebhookProto.WebhookDelivery delivered = delivery(created.getId(), ping.getId());
            assertEquals(2, delivered.getAttempts());
            assertEquals(204, delivered.getLastStatusCode());
            assertTrue(delivered.hasDeliverTime());
            assertTrue(receiver.await("the ping", r -> ping.getId().equals(r.header("webhook-id"))).signedWith(secret));

            as(ALICE).redeliverWebhookDelivery(WebhookProto.RedeliverWebhookDeliveryRequest.newBuilder().setWebhookId(created.getId())
                    .setDeliveryId(ping.getId()).build()).await().atMost(CALL);
            Polling.await("the redelivery", Duration.ofSeconds(20), () -> delivery(created.getId(), ping.getId()).getAttempts() == 3);

            WebhookProto.Webhook updated = as(ALICE).updateWebhook(WebhookProto.UpdateWebhookRequest.newBuilder()
                    .setWebhook(WebhookProto.Webhook.newBuilder().setId(created.getId()).setDescription("chat").setEnabled(false)
                            .addEventTypes("dev.slipway.resource.failed"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("description").addPaths("enabled").addPaths("event_types"))
                    .setEtag(created.getEtag()).build()).await().atMost(CALL).getWebhook();
            assertEquals("chat", updated.getDescription());
            assertFalse(updated.getEnabled());
            assertEquals(List.of("dev.slipway.resource.failed"), updated.getEventTypesList());
            Throwable stale = assertThrows(Exception.class, () -> as(ALICE).updateWebhook(WebhookProto.UpdateWebhookRequest.newBuilder()
                    .setWebhook(WebhookProto.Webhook.newBuilder().setId(created.getId()).setDescription("x"))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("description")).setEtag(created.getEtag()).build())
                    .await().atMost(CALL));
            assertEquals(Status.Code.ABORTED, code(stale));

            assertEquals(List.of(created.getId()), as(ALICE).listWebhooks(WebhookProto.ListWebhooksRequest.newBuilder()
                    .setApplication(app).build()).await().atMost(CALL).getWebhooksList().stream().map(WebhookProto.Webhook::getId)
                    .toList());
            as(ALICE).deleteWebhook(WebhookProto.DeleteWebhookRequest.newBuilder().setId(created.getId()).build()).await().atMost(CALL);
            Throwable gone = assertThrows(Exception.class, () -> as(ALICE).getWebhook(WebhookProto.GetWebhookRequest.newBuilder()
                    .setId(created.getId()).build()).await().atMost(CALL));
            assertEquals(Status.Code.NOT_FOUND, code(gone));
        }
    }

    @Test
    void refusalsMatchRest() throws Exception {
        String app = WebhookResourceTest.newApp();
        Throwable internal = assertThrows(Exception.class, () -> create(ALICE, WebhookProto.Webhook.newBuilder().setApplication(app)
                .setUrl("http://169.254.169.254/").addEventTypes(WebhookResourceTest.STATUS_CHANGED)));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(internal));
        assertEquals(List.of("url"), violatedFields(internal));
        Throwable noTypes = assertThrows(Exception.class, () -> create(ALICE, WebhookProto.Webhook.newBuilder().setApplication(app)
                .setUrl("http://127.0.0.1:9/")));
        assertEquals(List.of("eventTypes"), violatedFields(noTypes));
        WebhookProto.Webhook.Builder ok = WebhookProto.Webhook.newBuilder().setApplication(app).setUrl("http://127.0.0.1:9/")
                .addEventTypes(WebhookResourceTest.STATUS_CHANGED);
        assertEquals(Status.Code.PERMISSION_DENIED, code(assertThrows(Exception.class, () -> create(BOB, ok))));
        assertEquals(Status.Code.NOT_FOUND, code(assertThrows(Exception.class, () -> create(CAROL, ok))));
        Throwable platform = assertThrows(Exception.class, () -> create(ALICE, WebhookProto.Webhook.newBuilder()
                .setUrl("http://127.0.0.1:9/").addEventTypes(WebhookResourceTest.STATUS_CHANGED)));
        assertEquals(Status.Code.PERMISSION_DENIED, code(platform));
        Throwable mask = assertThrows(Exception.class, () -> as(ALICE).updateWebhook(WebhookProto.UpdateWebhookRequest.newBuilder()
                .setWebhook(WebhookProto.Webhook.newBuilder().setId(java.util.UUID.randomUUID().toString()))
                .setUpdateMask(FieldMask.newBuilder().addPaths("application")).build()).await().atMost(CALL));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(mask));
    }
}
