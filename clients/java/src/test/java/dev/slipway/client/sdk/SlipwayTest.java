package dev.slipway.client.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.client.ApiException;
import dev.slipway.client.model.AccessCheckRequest;
import dev.slipway.client.model.Application;
import dev.slipway.client.model.CreateApplicationRequest;
import dev.slipway.client.model.DeploymentEvent;
import dev.slipway.client.model.DeploymentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SlipwayTest {
    private static final String APP = "{\"name\":\"shop\",\"ownerGroup\":\"team-shop\",\"etag\":\"\\\"3\\\"\"}";

    @Test
    void everyRequestCarriesTheTokenAndCreatesCarryAFreshIdempotencyKey() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(r.method().equals("POST") ? 201 : 200, "application/json",
                r.path().endsWith("/access/check") ? "{\"allowed\":true}" : APP))) {
            AtomicInteger issued = new AtomicInteger();
            Slipway slipway = Slipway.builder(server.url()).tokenSource(() -> "token-" + issued.incrementAndGet()).build();
            CreateApplicationRequest create = new CreateApplicationRequest().name("shop").ownerGroup("team-shop");
            slipway.applications().createApplication(create, null);
            slipway.applications().createApplication(create, null);
            slipway.applications().createApplication(create, "mine");
            slipway.access().checkAccess(new AccessCheckRequest().action("application.read"));
            slipway.applications().getApplication("shop");

            List<TestServer.Recorded> seen = server.requests;
            assertEquals("Bearer token-1", seen.get(0).headers().getFirst("Authorization"));
            assertEquals("Bearer token-5", seen.get(4).headers().getFirst("Authorization"));
            String first = seen.get(0).headers().getFirst("Idempotency-Key");
            assertNotNull(first);
            assertNotEquals(first, seen.get(1).headers().getFirst("Idempotency-Key"));
            assertEquals("mine", seen.get(2).headers().getFirst("Idempotency-Key"));
            assertNull(seen.get(3).headers().getFirst("Idempotency-Key"), "an access check is a query, not a create");
            assertNull(seen.get(4).headers().getFirst("Idempotency-Key"));
        }
    }

    @Test
    void requestsLeaveOutTheEmptyCollectionsTheGeneratedModelsStartWith() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(202, "application/json", "{\"status\":\"PENDING\"}"))) {
            Slipway slipway = Slipway.builder(server.url()).build();
            var spec = new dev.slipway.client.model.WorkloadSpec()
                    .containers(java.util.List.of(new dev.slipway.client.model.ContainerSpec().name("web").image("nginx:1.27")));
            slipway.deployments().createDeployment("shop", "staging", new dev.slipway.client.model.CreateDeploymentRequest().spec(spec), null);
            String body = server.requests.get(0).body();
            assertTrue(body.contains("\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]"), body);
            assertFalse(body.contains("workloads") || body.contains("servicePorts") || body.contains("\"env\""), body);
        }
    }

    @Test
    void ifMatchIsTheEtagOfTheFetchedObject() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(200, "application/json", APP))) {
            Slipway slipway = Slipway.builder(server.url()).build();
            Application app = slipway.applications().getApplication("shop");
            assertEquals("\"3\"", Slipway.ifMatch(app));
            assertThrows(IllegalArgumentException.class, () -> Slipway.ifMatch(new Application()));
            assertThrows(IllegalArgumentException.class, () -> Slipway.ifMatch("no etag here"));
            slipway.applications().deleteApplication("shop", Slipway.ifMatch(app));
            var delete = server.requests.get(1);
            assertEquals("\"3\"", delete.headers().getFirst("If-Match"));
            assertEquals("application/json, application/problem+json", delete.headers().getFirst("Accept"),
                    "a delete accepts JSON too (the server refuses problem+json alone with 406)");
        }
    }

    @Test
    void problemsBecomeOneReadableLine() throws Exception {
        String problem = "{\"type\":\"https://slipway.dev/problems/invalid\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"2 fields are invalid\",\"errors\":[{\"field\":\"name\",\"message\":\"must be a DNS label\"}]}";
        try (TestServer server = new TestServer(r -> new TestServer.Answer(400, "application/problem+json", problem))) {
            Slipway slipway = Slipway.builder(server.url()).build();
            ApiException e = assertThrows(ApiException.class, () -> slipway.applications().getApplication("Bad Name"));
            assertEquals("Invalid request: 2 fields are invalid [name must be a DNS label] (HTTP 400)",
                    Problems.describe(e, slipway.objectMapper()));
            assertEquals(400, slipway.problem(e).orElseThrow().getStatus());
        }
    }

    @Test
    void awaitReportsProgressFromTheEventStreamAndReturnsTheEndedDeployment() throws Exception {
        String events = "id: 1\nevent: deployment\ndata: {\"id\":1,\"status\":\"PENDING\"}\n\n"
                + "id: 2\nevent: deployment\ndata: {\"id\":2,\"status\":\"APPLYING\"}\n\n"
                + "id: 3\nevent: deployment\ndata: {\"id\":3,\"status\":\"SUCCEEDED\"}\n\n";
        try (TestServer server = new TestServer(r -> r.path().endsWith("/events")
                ? new TestServer.Answer(200, "text/event-stream", events)
                : new TestServer.Answer(200, "application/json", "{\"id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\",\"status\":\"SUCCEEDED\"}"))) {
            Slipway slipway = Slipway.builder(server.url()).build();
            List<DeploymentStatus> progress = new ArrayList<>();
            var done = slipway.awaitDeployment("shop", "staging", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", Duration.ofSeconds(30),
                    (DeploymentEvent e) -> progress.add(e.getStatus()));
            assertEquals(DeploymentStatus.SUCCEEDED, done.getStatus());
            assertEquals(List.of(DeploymentStatus.PENDING, DeploymentStatus.APPLYING, DeploymentStatus.SUCCEEDED), progress);
            var poll = server.requests.stream().filter(r -> !r.path().endsWith("/events")).findFirst().orElseThrow();
            assertTrue(poll.query().contains("waitFor=terminal"), poll.query());
            var stream = server.requests.stream().filter(r -> r.path().endsWith("/events")).findFirst().orElseThrow();
            assertEquals("0", stream.headers().getFirst("Last-Event-ID"));
        }
    }

    @Test
    void awaitGivesUpAtTheDeadline() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(200, "application/json",
                "{\"id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\",\"status\":\"PROGRESSING\"}"))) {
            Slipway slipway = Slipway.builder(server.url()).build();
            var e = assertThrows(DeploymentTimeoutException.class,
                    () -> slipway.awaitDeployment("shop", "staging", "1b4e28ba-2fa1-11d2-883f-0016d3cca427", Duration.ofSeconds(1), null));
            assertEquals(DeploymentStatus.PROGRESSING, e.lastSeen().getStatus());
        }
    }
}
