package dev.slipway.webhook;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks over REST, delivered for real: a receiver on a loopback port (the test profile allows
 * 127.0.0.0/8 and http) gets signed CloudEvents of a deployment, retries after 503s, redeliveries;
 * SSRF refusals, validation, the write-only secret and who may do what.
 */
@QuarkusTest
class WebhookResourceTest {
    @jakarta.inject.Inject
    dev.slipway.deployment.lifecycle.EnvironmentReaper reaper;
    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    static final String ALICE = TestTokens.user("alice", "team-a");
    static final String BOB = TestTokens.user("bob", "team-b");
    static final String CAROL = TestTokens.user("carol", "team-c");
    static final String ADMIN = TestTokens.admin();
    static final String WEBHOOKS = "/api/v1/webhooks";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String STATUS_CHANGED = "dev.slipway.deployment.status_changed";

    /** A new application of team-a with a "dev" environment; bob views it. */
    static String newApp() {
        String app = Names.unique("whk");
        createApplication(ALICE, app, "team-a").statusCode(201);
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        return app;
    }

    static Map<String, Object> subscription(String app, String url, List<String> types, String secret) {
        Map<String, Object> body = new HashMap<>();
        if (app != null) {
            body.put("application", app);
        }
        body.put("url", url);
        body.put("eventTypes", types);
        if (secret != null) {
            body.put("secret", secret);
        }
        return body;
    }

    static ValidatableResponse create(String token, Map<String, Object> body) {
        return as(token).body(body).post(WEBHOOKS).then();
    }

    static String createdId(String token, Map<String, Object> body) {
        return create(token, body).statusCode(201).extract().path("id");
    }

    static JsonPath delivery(String token, String webhook, String deliveryId) {
        List<Map<String, Object>> items = as(token).get(WEBHOOKS + "/{id}/deliveries", webhook).then().statusCode(200).extract()
                .jsonPath().getList("items");
        Map<String, Object> item = items.stream().filter(d -> deliveryId.equals(d.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no delivery " + deliveryId + " in " + items));
        return new JsonPath(new JsonObject(item).encode());
    }

    static void awaitState(String token, String webhook, String deliveryId, String state) {
        Polling.await("delivery " + deliveryId + " " + state, Duration.ofSeconds(20),
                () -> state.equals(delivery(token, webhook, deliveryId).getString("state")));
    }

    @Test
    void anOwnerReceivesSignedCloudEventsOfHerDeployments() throws Exception {
        String app = newApp();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = create(ALICE, subscription(app, receiver.url(), List.of(STATUS_CHANGED), SECRET)).statusCode(201)
                    .header("Location", startsWith("http")).header("ETag", notNullValue())
                    .body("application", equalTo(app)).body("url", equalTo(receiver.url()))
                    .body("eventTypes", equalTo(List.of(STATUS_CHANGED))).body("enabled", equalTo(true))
                    .body("secretFingerprint", startsWith("hmac-sha256:")).body("$", not(hasKey("secret")))
                    .body("$", not(hasKey("description"))).body("createdBy", equalTo("alice")).extract().path("id");

            String deployment = as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web",
                    "image", "ghcr.io/acme/web:1.0.0")), "replicas", 1))).post("/api/v1/applications/{a}/environments/{e}/deployments",
                            app, "dev")
                    .then().statusCode(202).extract().path("id");

            WebhookReceiver.Received succeeded = receiver.await("a SUCCEEDED event of " + deployment,
                    r -> r.event().getJsonObject("data").getString("status").equals("SUCCEEDED"));
            assertTrue(succeeded.header("content-type").startsWith("application/cloudevents+json"));
            assertTrue(succeeded.signedWith(SECRET), "signature checks out with the receiver's own HMAC");
            assertFalse(succeeded.signedWith("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
            long timestamp = Long.parseLong(succeeded.header("webhook-timestamp"));
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - timestamp) < 60);
            JsonObject event = succeeded.event();
            assertEquals("1.0", event.getString("specversion"));
            assertEquals(STATUS_CHANGED, event.getString("type"));
            assertEquals("deployments/" + deployment, event.getString("subject"));
            assertEquals("/api/v1/applications/" + app + "/environments/dev", event.getString("source"));
            assertEquals("application/json", event.getString("datacontenttype"));
            assertTrue(event.getString("id").startsWith("deployment-event-"));
            assertTrue(event.getString("time") != null);
            assertEquals(app, event.getJsonObject("data").getString("application"));
            assertEquals(deployment, event.getJsonObject("data").getString("deploymentId"));
            // Every status of the deployment came, each its own event.
            List<String> statuses = receiver.received().stream().map(r -> r.event().getJsonObject("data").getString("status")).toList();
            assertTrue(statuses.containsAll(List.of("PENDING", "SUCCEEDED")), statuses.toString());

            String deliveryId = succeeded.header("webhook-id");
            awaitState(ALICE, id, deliveryId, "delivered");
            JsonPath logged = delivery(ALICE, id, deliveryId);
            assertEquals(204, logged.getInt("lastStatusCode"));
            assertEquals(1, logged.getInt("attempts"));
            assertEquals(event.getString("id"), logged.getString("eventId"));
            assertTrue(logged.getInt("lastLatencyMs") >= 0);
            assertFalse(logged.getMap("$").containsKey("lastError"));
            assertFalse(logged.getMap("$").containsKey("nextAttemptAt"));
        }
    }

    @Test
    void freezesOfTheApplicationAreAnnouncedWhenCreatedAndLifted() throws Exception {
        String app = newApp();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            createdId(ALICE, subscription(app, receiver.url(), List.of("dev.slipway.freeze.created", "dev.slipway.freeze.ended"), SECRET));
            String freeze = Names.unique("whf");
            as(ALICE).body(Map.of("name", freeze, "reason", "hook test", "start", "2100-01-01T00:00:00Z", "scope",
                    Map.of("kind", "ENVIRONMENT", "application", app, "environment", "dev"))).post("/api/v1/freezes").then()
                    .statusCode(201);
            WebhookReceiver.Received created = receiver.await("freeze.created", WebhookReceiver.ofType("dev.slipway.freeze.created"));
            assertTrue(created.signedWith(SECRET));
            assertEquals("freezes/" + freeze, created.event().getString("subject"));
            assertEquals(freeze, created.event().getJsonObject("data").getString("name"));
            assertEquals("hook test", created.event().getJsonObject("data").getString("reason"));
            as(ALICE).delete("/api/v1/freezes/{n}", freeze).then().statusCode(204);
            receiver.await("freeze.ended", WebhookReceiver.ofType("dev.slipway.freeze.ended"));
            // Only what was asked for: the environment's creation and the like send nothing.
            assertTrue(receiver.received().stream().allMatch(r -> r.event().getString("type").startsWith("dev.slipway.freeze.")));
        }
    }

    @Test
    void approvalsAskedForAreAnnounced() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            createdId(ALICE, subscription(app, receiver.url(), List.of("dev.slipway.deployment.approval_requested"), SECRET));
            String deployment = as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web",
                    "image", "ghcr.io/acme/web:1.0.0")), "replicas", 1))).post("/api/v1/applications/{a}/environments/{e}/deployments",
                            app, "prod")
                    .then().statusCode(202).extract().path("id");
            JsonObject event = receiver.await("approval_requested", WebhookReceiver.ofType("dev.slipway.deployment.approval_requested"))
                    .event();
            assertEquals("AWAITING_APPROVAL", event.getJsonObject("data").getString("status"));
            assertEquals("deployments/" + deployment, event.getString("subject"));
            assertEquals(1, receiver.received().size(), "only the approval request, no other status change");
        }
    }

    @Test
    void anExpiredEnvironmentIsAnnounced() throws Exception {
        String app = newApp();
        // Five minutes: the reaper on the real clock leaves it to this test, which sweeps six minutes ahead.
        as(ALICE).body(Map.of("name", "pr-7", "type", "preview", "ttl", "5m")).post("/api/v1/applications/{a}/environments", app).then()
                .statusCode(201);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            createdId(ALICE, subscription(app, receiver.url(), List.of("dev.slipway.environment.expired"), SECRET));
            reaper.sweep(java.time.Instant.now().plus(Duration.ofMinutes(6)));
            JsonObject event = receiver.await("environment.expired", WebhookReceiver.ofType("dev.slipway.environment.expired")).event();
            assertEquals("environments/pr-7", event.getString("subject"));
            assertEquals(app, event.getJsonObject("data").getString("application"));
            assertEquals("preview", event.getJsonObject("data").getString("type"));
            // The newApp's dev environment never expires: one event only.
            assertEquals(1, receiver.received().size());
        }
    }

    @Test
    void aUrlThatTurnsInternalIsRefusedAtDeliveryAndSecretsAreNeverStoredInClear() throws Exception {
        String app = newApp();
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(("never-in-clear-" + app).repeat(2).getBytes());
        String id = as(ALICE).header("Idempotency-Key", "k-" + app).body(subscription(app, "http://127.0.0.1:9/x", List.of(STATUS_CHANGED),
                secret)).post(WEBHOOKS).then().statusCode(201).extract().path("id");
        assertEquals(0, dev.slipway.testing.DatabaseScan.rowsContaining(dataSource, secret.substring(6)));
        // As if its name resolved elsewhere since it was checked (DNS rebinding): the attempt is refused, never sent.
        try (var connection = dataSource.getConnection();
                var update = connection.prepareStatement(
                        "UPDATE webhook_subscriptions SET url = 'http://169.254.169.254/latest/meta-data' WHERE id = ?")) {
            update.setObject(1, java.util.UUID.fromString(id));
            assertEquals(1, update.executeUpdate());
        }
        String ping = as(ALICE).post(WEBHOOKS + "/{id}:ping", id).then().statusCode(200).extract().path("id");
        Polling.await("a refused attempt", Duration.ofSeconds(20), () -> delivery(ALICE, id, ping).getInt("attempts") >= 1);
        JsonPath logged = delivery(ALICE, id, ping);
        assertTrue(logged.getString("lastError").startsWith("URL refused: host '169.254.169.254' resolves to 169.254.169.254"),
                logged.getString("lastError"));
        assertFalse(logged.getMap("$").containsKey("lastStatusCode"));
        assertEquals("pending", logged.getString("state"));
        as(ALICE).delete(WEBHOOKS + "/{id}", id).then().statusCode(204);
    }

    @Test
    void aGeneratedSecretIsShownOnceAndSignsThePing() throws Exception {
        String app = newApp();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            var created = create(ALICE, subscription(app, receiver.url(), List.of(STATUS_CHANGED), null)).statusCode(201)
                    .body("secret", startsWith("whsec_")).extract();
            String id = created.path("id");
            String secret = created.path("secret");
            assertEquals(32, java.util.Base64.getDecoder().decode(secret.substring(6)).length);
            as(ALICE).get(WEBHOOKS + "/{id}", id).then().statusCode(200).body("$", not(hasKey("secret")))
                    .body("secretFingerprint", equalTo(created.path("secretFingerprint")));
            as(ALICE).queryParam("application", app).get(WEBHOOKS).then().statusCode(200).body("items.id", equalTo(List.of(id)))
                    .body("items[0]", not(hasKey("secret")));

            String ping = as(ALICE).post(WEBHOOKS + "/{id}:ping", id).then().statusCode(200)
                    .body("eventType", equalTo("dev.slipway.webhook.ping")).body("state", equalTo("pending")).extract().path("id");
            WebhookReceiver.Received received = receiver.await("the ping", WebhookReceiver.ofType("dev.slipway.webhook.ping"));
            assertEquals(ping, received.header("webhook-id"));
            assertTrue(received.signedWith(secret));
            assertEquals("alice", received.event().getJsonObject("data").getString("requestedBy"));

            // A new secret by patch: later deliveries are signed with it, the fingerprint changes.
            String rotated = "a-plain-secret-of-some-length";
            as(ALICE).contentType("application/merge-patch+json").body(Map.of("secret", rotated)).patch(WEBHOOKS + "/{id}", id).then()
                    .statusCode(200).body("$", not(hasKey("secret")))
                    .body("secretFingerprint", not(equalTo(created.path("secretFingerprint"))));
            String second = as(ALICE).post(WEBHOOKS + "/{id}:ping", id).then().statusCode(200).extract().path("id");
            assertTrue(receiver.await("the second ping", r -> second.equals(r.header("webhook-id"))).signedWith(rotated));
        }
    }

    @Test
    void aReceiverThatWasDownGetsTheEventLaterAndRedeliverySendsItAgain() throws Exception {
        String app = newApp();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = createdId(ALICE, subscription(app, receiver.url(), List.of(STATUS_CHANGED), SECRET));
            receiver.answer(503, 503);
            String ping = as(ALICE).post(WEBHOOKS + "/{id}:ping", id).then().statusCode(200).extract().path("id");
            awaitState(ALICE, id, ping, "delivered");
            JsonPath logged = delivery(ALICE, id, ping);
            assertEquals(3, logged.getInt("attempts"));
            assertEquals(204, logged.getInt("lastStatusCode"));
            List<WebhookReceiver.Received> attempts = receiver.received().stream().filter(r -> ping.equals(r.header("webhook-id")))
                    .toList();
            assertEquals(3, attempts.size(), "two 503s, then delivered");
            assertEquals(1, attempts.stream().map(WebhookReceiver.Received::body).distinct().count(), "the same event each time");

            // A failed attempt is logged with its status and error while the delivery waits.
            receiver.answer(500);
            as(ALICE).post(WEBHOOKS + "/{id}/deliveries/{d}:redeliver", id, ping).then().statusCode(200)
                    .body("id", equalTo(ping)).body("state", equalTo("pending"));
            Polling.await("a redelivery", Duration.ofSeconds(20),
                    () -> receiver.received().stream().filter(r -> ping.equals(r.header("webhook-id"))).count() >= 5);
            awaitState(ALICE, id, ping, "delivered");
            assertEquals(5, delivery(ALICE, id, ping).getInt("attempts"));
            as(ALICE).queryParam("state", "delivered").get(WEBHOOKS + "/{id}/deliveries", id).then().statusCode(200)
                    .body("items.id", hasItem(ping));
            as(ALICE).queryParam("state", "failed").get(WEBHOOKS + "/{id}/deliveries", id).then().statusCode(200)
                    .body("items.id", not(hasItem(ping)));
            as(ALICE).queryParam("state", "lost").get(WEBHOOKS + "/{id}/deliveries", id).then().statusCode(400);
            as(ALICE).post(WEBHOOKS + "/{id}/deliveries/{d}:redeliver", id, java.util.UUID.randomUUID()).then().statusCode(404);
        }
    }

    @Test
    void urlsInsideTheNetworkAreRefused() {
        String app = newApp();
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://192.168.0.10/",
                "http://172.16.5.4/", "http://100.64.0.1/", "http://[::1]:8080/", "http://[fe80::1]/", "http://[fd00::1]/",
                "http://0.0.0.0/", "http://224.0.0.1/", "http://metadata.google.internal/computeMetadata/v1/")) {
            create(ALICE, subscription(app, url, List.of(STATUS_CHANGED), null)).statusCode(400)
                    .body("errors.field", hasItem("url"));
        }
        create(ALICE, subscription(app, "ftp://example.com/x", List.of(STATUS_CHANGED), null)).statusCode(400)
                .body("errors.field", hasItem("url"));
        create(ALICE, subscription(app, "http://user:pw@127.0.0.1/x", List.of(STATUS_CHANGED), null)).statusCode(400)
                .body("errors.field", hasItem("url"));
        // Allowed by the test profile's range: loopback IPv4.
        String id = createdId(ALICE, subscription(app, "http://127.0.0.1:9/hook", List.of(STATUS_CHANGED), null));
        // A patch to an internal address is refused as well, and changes nothing.
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("url", "http://10.0.0.1/")).patch(WEBHOOKS + "/{id}", id)
                .then().statusCode(400).body("errors.field", hasItem("url"));
        as(ALICE).get(WEBHOOKS + "/{id}", id).then().body("url", equalTo("http://127.0.0.1:9/hook"));
    }

    @Test
    void invalidSubscriptionsAreRefusedNamingEveryField() {
        String app = newApp();
        Map<String, Object> body = subscription(app, "http://127.0.0.1/" + "x".repeat(2048), List.of("dev.slipway.nothing"), "short");
        body.put("description", "d".repeat(1001));
        create(ALICE, body).statusCode(400)
                .body("errors.field", hasItems("url", "eventTypes[0]", "secret", "description"));
        create(ALICE, subscription(app, null, List.of(), null)).statusCode(400).body("errors.field", hasItems("url", "eventTypes"));
        List<String> many = IntStream.range(0, 21).mapToObj(i -> STATUS_CHANGED).toList();
        create(ALICE, subscription(app, "http://127.0.0.1/", many, null)).statusCode(400).body("errors.field", hasItem("eventTypes"));
        create(ALICE, subscription(app, "http://127.0.0.1/", List.of(STATUS_CHANGED), "whsec_not*base64*at*all!!")).statusCode(400)
                .body("errors.field", hasItem("secret"));
        as(ALICE).get(WEBHOOKS + "/{id}", "not-a-uuid").then().statusCode(404);
    }

    @Test
    void updatesNeedTheCurrentETagAndDeletesRemoveTheLog() {
        String app = newApp();
        var created = create(ALICE, subscription(app, "http://127.0.0.1:9/a", List.of(STATUS_CHANGED), null)).statusCode(201).extract();
        String id = created.path("id");
        String etag = created.header("ETag");
        as(ALICE).contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("eventTypes", List.of("dev.slipway.deployment.approval_requested", "dev.slipway.freeze.created"),
                        "description", "team chat", "enabled", false))
                .patch(WEBHOOKS + "/{id}", id).then().statusCode(200)
                .body("eventTypes", equalTo(List.of("dev.slipway.deployment.approval_requested", "dev.slipway.freeze.created")))
                .body("description", equalTo("team chat")).body("enabled", equalTo(false)).header("ETag", not(equalTo(etag)));
        as(ALICE).contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("description", "stale"))
                .patch(WEBHOOKS + "/{id}", id).then().statusCode(412);
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("application", "other"))
                .patch(WEBHOOKS + "/{id}", id).then().statusCode(400);
        as(ALICE).delete(WEBHOOKS + "/{id}", id).then().statusCode(204);
        as(ALICE).get(WEBHOOKS + "/{id}", id).then().statusCode(404);
        as(ALICE).get(WEBHOOKS + "/{id}/deliveries", id).then().statusCode(404);
    }

    @Test
    void ownersManageTheirApplicationsSubscriptionsAndAdminsThePlatformsOnes() {
        String app = newApp();
        Map<String, Object> body = subscription(app, "http://127.0.0.1:9/p", List.of(STATUS_CHANGED), null);
        create(BOB, body).statusCode(403); // a viewer of the application
        create(CAROL, body).statusCode(404); // another team: the application is hidden
        String id = createdId(ALICE, body);
        as(BOB).get(WEBHOOKS + "/{id}", id).then().statusCode(403);
        as(CAROL).get(WEBHOOKS + "/{id}", id).then().statusCode(404);
        as(CAROL).get(WEBHOOKS + "/{id}/deliveries", id).then().statusCode(404);
        as(BOB).post(WEBHOOKS + "/{id}:ping", id).then().statusCode(403);
        as(CAROL).delete(WEBHOOKS + "/{id}", id).then().statusCode(404);
        as(BOB).queryParam("application", app).get(WEBHOOKS).then().statusCode(403);
        as(CAROL).get(WEBHOOKS).then().statusCode(200).body("items.id", not(hasItem(id)));
        as(ALICE).get(WEBHOOKS).then().statusCode(200).body("items.id", hasItem(id));
        as(ADMIN).get(WEBHOOKS + "/{id}", id).then().statusCode(200);

        Map<String, Object> platform = subscription(null, "http://127.0.0.1:9/platform", List.of("dev.slipway.freeze.created"), null);
        create(ALICE, platform).statusCode(403);
        String platformId = createdId(ADMIN, platform);
        as(ALICE).get(WEBHOOKS + "/{id}", platformId).then().statusCode(403);
        as(ALICE).get(WEBHOOKS).then().statusCode(200).body("items.id", not(hasItem(platformId)));
        as(ADMIN).get(WEBHOOKS + "/{id}", platformId).then().statusCode(200).body("$", not(hasKey("application")));

        // Writes are audited, with what was done.
        List<String> reasons = as(ADMIN).queryParam("action", "webhook.manage").queryParam("application", app).queryParam("pageSize", 200)
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath().getList("items.reason");
        assertTrue(reasons.stream().anyMatch(reason -> reason.endsWith("; create")), reasons.toString());
        as(ADMIN).delete(WEBHOOKS + "/{id}", platformId).then().statusCode(204);
    }
}
