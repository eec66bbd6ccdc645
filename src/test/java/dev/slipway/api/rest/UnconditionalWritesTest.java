package dev.slipway.api.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A write without If-Match is unconditional: concurrent writers to one row all succeed (the
 * service retries the one that lost the version race), 412 stays the answer to a stale If-Match,
 * and a merge patch that changes nothing leaves the version and ETag alone.
 */
@QuarkusTest
class UnconditionalWritesTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");

    @Test
    void concurrentMergePatchesWithoutIfMatchAllSucceed() throws Exception {
        String name = Names.unique("race");
        createApplication(ALICE, name, "team-a").statusCode(201);
        List<Callable<Integer>> patches = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String label = "k" + i;
            patches.add(() -> as(ALICE).contentType("application/merge-patch+json").body(Map.of("labels", Map.of(label, "v")))
                    .patch("/api/v1/applications/{name}", name).then().extract().statusCode());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Integer> status : pool.invokeAll(patches)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // Every patch landed: none was lost to another.
        Map<String, String> labels = as(ALICE).get("/api/v1/applications/{name}", name).then().statusCode(200)
                .extract().jsonPath().getMap("labels", String.class, String.class);
        assertEquals(24, labels.size());
    }

    @Test
    void aMergePatchThatChangesNothingKeepsTheETag() {
        String name = Names.unique("noop");
        String etag = as(ALICE).body(Map.of("name", name, "ownerGroup", "team-a", "description", "same"))
                .post("/api/v1/applications").then().statusCode(201).extract().header("ETag");
        String after = as(ALICE).contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("description", "same", "labels", Map.of()))
                .patch("/api/v1/applications/{name}", name).then().statusCode(200).extract().header("ETag");
        assertEquals(etag, after);
        String changed = as(ALICE).contentType("application/merge-patch+json").body(Map.of("description", "other"))
                .patch("/api/v1/applications/{name}", name).then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, changed);

        createEnvironment(ALICE, name, "dev", "development").statusCode(201);
        String envTag = as(ALICE).get("/api/v1/applications/{a}/environments/dev", name).then().extract().header("ETag");
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("type", "development"))
                .patch("/api/v1/applications/{a}/environments/dev", name).then().statusCode(200).header("ETag", equalTo(envTag));
    }

    @Test
    void aCancelRightAfterTheCreateIsNeverAPreconditionFailure() {
        String app = Names.unique("cancel");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        for (int i = 0; i < 20; i++) {
            String id = as(ALICE)
                    .body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:" + i)))))
                    .post("/api/v1/applications/{a}/environments/dev/deployments", app)
                    .then().statusCode(202).extract().path("id");
            // Cancelled while still pending, or 409 once a worker started it: never 412 without If-Match.
            as(ALICE).post("/api/v1/applications/{a}/environments/dev/deployments/{id}:cancel", app, id)
                    .then().statusCode(anyOf(equalTo(200), equalTo(409)));
        }
    }
}
