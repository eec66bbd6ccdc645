package dev.slipway.api.rest;

import java.util.List;
import java.util.UUID;

import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Server-owned fields (ids, authorship, timestamps, versions, status, observed state) are never
 * taken from a caller: sent on a create or a merge patch they are refused with a 400 naming them,
 * and the object a patch targets is left exactly as it was (same ETag).
 */
@QuarkusTest
class MassAssignmentTest {

    private static final String ADMIN = TestTokens.admin();
    private static final String ALICE = TestTokens.user("alice", "team-a");

    /** What Slipway alone writes, on any resource. */
    private static final List<String> SERVER_OWNED = List.of("id", "createdBy", "createdAt", "updatedAt", "etag", "status",
            "version", "currentDeploymentId", "requestedBy", "observedReplicas", "statusReason");

    /** A create and an otherwise acceptable body (the server-owned field is added to it). */
    private record Create(String token, String path, String body) {
    }

    @Test
    void createsRefuseEveryServerOwnedField() {
        String app = Names.unique("mass");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String env = "/api/v1/applications/" + app + "/environments/dev";
        List<Create> creates = List.of(
                new Create(ALICE, "/api/v1/applications", "{\"name\":\"" + Names.unique("mass") + "\",\"ownerGroup\":\"team-a\""),
                new Create(ALICE, "/api/v1/applications/" + app + "/environments", "{\"name\":\"qa\",\"type\":\"development\""),
                new Create(ALICE, env + "/deployments", "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}"),
                new Create(ALICE, "/api/v1/role-bindings",
                        "{\"subject\":\"user:someone\",\"role\":\"viewer\",\"scope\":\"application:" + app + "\""),
                new Create(ALICE, "/api/v1/webhooks",
                        "{\"application\":\"" + app + "\",\"url\":\"https://hooks.example.com/x\",\"eventTypes\":[]"),
                new Create(ALICE, "/api/v1/freezes", "{\"name\":\"f\",\"reason\":\"r\""),
                new Create(ADMIN, "/api/v1/clusters", "{\"name\":\"" + Names.unique("c") + "\",\"kind\":\"IN_CLUSTER\""),
                new Create(ADMIN, "/api/v1/environment-types", "{\"name\":\"" + Names.unique("t") + "\",\"order\":500"),
                new Create(ADMIN, "/api/v1/resource-types", "{\"name\":\"" + Names.unique("r") + "\""),
                new Create(ADMIN, "/api/v1/resource-definitions",
                        "{\"name\":\"" + Names.unique("d") + "\",\"type\":\"redis\",\"driver\":\"static\""));
        for (Create create : creates) {
            for (String field : SERVER_OWNED) {
                String body = create.body() + ",\"" + field + "\":\"" + UUID.randomUUID() + "\"}";
                try {
                    as(create.token()).contentType("application/json").body(body).post(create.path()).then()
                            .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
                } catch (AssertionError e) {
                    throw new AssertionError("POST " + create.path() + " " + body + ": " + e.getMessage(), e);
                }
            }
        }
        // None of the refused creates left anything behind.
        as(ALICE).get("/api/v1/applications/{app}/environments/qa", app).then().statusCode(404);
        as(ALICE).get(env + "/deployments").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void mergePatchesRefuseEveryServerOwnedFieldAndChangeNothing() {
        String app = Names.unique("mass");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        for (String path : List.of("/api/v1/applications/" + app, "/api/v1/applications/" + app + "/environments/dev")) {
            String before = as(ALICE).get(path).then().statusCode(200).extract().header("ETag");
            for (String field : SERVER_OWNED) {
                as(ALICE).contentType("application/merge-patch+json").body("{\"labels\":{\"changed\":\"yes\"},\"" + field + "\":\"x\"}")
                        .patch(path).then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
            }
            assertEquals(before, as(ALICE).get(path).then().statusCode(200).extract().header("ETag"), path + " unchanged");
        }
    }
}
