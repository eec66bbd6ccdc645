package dev.slipway.deployment.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.Polling;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reaper, driven with its clock as a parameter: expired environments are marked once even by
 * two sweeps racing, audited as done by the platform, and torn down by the same path as a delete
 * (they disappear, their workload with them); the unexpired stay.
 */
@QuarkusTest
class EnvironmentReaperTest {
    private static final String ADMIN = TestTokens.admin();
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ENVIRONMENT = "/api/v1/applications/{a}/environments/{e}";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    EnvironmentReaper reaper;
    @Inject
    SandboxCluster sandbox;

    @Test
    void twoReapersRacingExpireEachEnvironmentOnceAndTheTearDownRemovesThem() throws Exception {
        String app = Names.unique("reap");
        Api.createApplication(ALICE, app, "team-a").statusCode(201);
        // Five minutes: far enough that the reaper running on the real clock leaves them to this test.
        create(app, "pr-1", "5m");
        create(app, "pr-2", "5m");
        create(app, "pr-3", "30m");
        Api.createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String id = as(ALICE).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0")))))
                .post(ENVIRONMENT + "/deployments", app, "pr-1").then().statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s")
                .get(ENVIRONMENT + "/deployments/{id}", app, "pr-1", id).then().statusCode(200).extract().path("status"));
        assertNotNull(sandbox.client().apps().deployments().inNamespace(app + "-pr-1").withName(app).get());

        Instant later = Instant.now().plus(Duration.ofMinutes(6));
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<EnvironmentReaper.Expired>>> sweeps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sweeps.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return reaper.sweep(later);
            }));
        }
        start.countDown();
        List<String> marked = new ArrayList<>();
        for (CompletableFuture<List<EnvironmentReaper.Expired>> sweep : sweeps) {
            sweep.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).stream().filter(expired -> expired.application().equals(app))
                    .forEach(expired -> marked.add(expired.name() + (expired.deleted() ? ":deleted" : ":deleting")));
        }
        // Once each, by one of the two: the deployed one goes through the tear-down, the other had nothing in its cluster.
        assertEquals(List.of("pr-1:deleting", "pr-2:deleted"), marked.stream().sorted().toList());
        assertTrue(reaper.sweep(later).stream().noneMatch(expired -> expired.application().equals(app)),
                "a later sweep finds nothing more");

        as(ALICE).get(ENVIRONMENT, app, "pr-2").then().statusCode(404);
        await("the expired, deployed environment is torn down", () -> as(ALICE).get(ENVIRONMENT, app, "pr-1").statusCode() == 404);
        assertNull(sandbox.client().apps().deployments().inNamespace(app + "-pr-1").withName(app).get(), "its workload is removed");
        assertEquals("ACTIVE", as(ALICE).get(ENVIRONMENT, app, "pr-3").then().statusCode(200).extract().path("status"));
        assertEquals("ACTIVE", as(ALICE).get(ENVIRONMENT, app, "dev").then().statusCode(200).extract().path("status"));

        // One audit record per expiry, by the platform.
        JsonPath audit = as(ADMIN).queryParam("application", app).queryParam("action", "environment.expire").get("/api/v1/audit-events")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(app + "/pr-1", app + "/pr-2"), audit.getList("items.resource", String.class).stream().sorted().toList(),
                audit.prettify());
        assertEquals(List.of("PLATFORM", "PLATFORM"), audit.getList("items.subjectType"));
        assertEquals(List.of("slipway", "slipway"), audit.getList("items.actor"));
    }

    @Test
    void anExtendedEnvironmentIsNotReapedAtItsOldExpiry() {
        String app = Names.unique("reap");
        Api.createApplication(ALICE, app, "team-a").statusCode(201);
        create(app, "pr-1", "5m");
        as(ALICE).body(Map.of("ttl", "1h")).post(ENVIRONMENT + ":extend", app, "pr-1").then().statusCode(200);
        assertTrue(
                reaper.sweep(Instant.now().plus(Duration.ofMinutes(6))).stream().noneMatch(expired -> expired.application().equals(app)));
        assertEquals("ACTIVE", as(ALICE).get(ENVIRONMENT, app, "pr-1").then().statusCode(200).extract().path("status"));
        // Past the new expiry it goes (at once: nothing was ever in its cluster).
        assertEquals(1, reaper.sweep(Instant.now().plus(Duration.ofMinutes(61))).stream()
                .filter(expired -> expired.application().equals(app)).count());
        as(ALICE).get(ENVIRONMENT, app, "pr-1").then().statusCode(404);
    }

    private static void create(String app, String name, String ttl) {
        as(ALICE).body(Map.of("name", name, "type", "preview", "ttl", ttl)).post("/api/v1/applications/{a}/environments", app).then()
                .statusCode(201);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Polling.await(what, DEADLINE, condition);
    }
}
