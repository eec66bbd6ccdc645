package dev.slipway.api.rest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.slipway.grpc.v1.ApplicationProto;
import dev.slipway.grpc.v1.ApplicationService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input an attacker sends on purpose: NUL in a body string, a path segment or a query value, and
 * a JSON member given twice. Each is a 400 problem naming the field (INVALID_ARGUMENT over gRPC),
 * never a 500 from the store and never a silent last-one-wins.
 */
@QuarkusTest
class HostileInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ADMIN = TestTokens.admin();
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");
    /** A JSON string escape for NUL, as it appears in a body. */
    private static final String NUL = "\\u0000";
    private static final String JSON = "application/json";
    private static final String MERGE = "application/merge-patch+json";
    private static final String ENV = "/api/v1/applications/app/environments/dev";
    private static final String DEPLOYMENT = ENV + "/deployments/" + UUID.randomUUID();

    /** An operation taking a body, a body with NUL in one string, and the field the problem must name. */
    private record BodyCase(String method, String path, String contentType, String body, String field) {
    }

    /** Every operation of the contract that reads a JSON body, NUL in one of its string fields. */
    private static final List<BodyCase> BODIES = List.of(
            new BodyCase("POST", "/api/v1/access/check", JSON, "{\"action\":\"read" + NUL + "\"}", "action"),
            new BodyCase("POST", "/api/v1/applications", JSON, "{\"name\":\"a" + NUL + "\",\"ownerGroup\":\"team-a\"}", "name"),
            new BodyCase("POST", "/api/v1/applications", JSON,
                    "{\"name\":\"abc\",\"ownerGroup\":\"team-a\",\"labels\":{\"k\":\"v" + NUL + "\"}}", "labels.k"),
            new BodyCase("POST", "/api/v1/applications", JSON,
                    "{\"name\":\"abc\",\"ownerGroup\":\"team-a\",\"labels\":{\"k" + NUL + "\":\"v\"}}", "labels.k" + NUL),
            new BodyCase("PATCH", "/api/v1/applications/app/config", JSON, "{\"changes\":[],\"message\":\"m" + NUL + "\"}", "message"),
            new BodyCase("POST", "/api/v1/applications/app/config:restore", JSON, "{\"revision\":1,\"message\":\"" + NUL + "\"}",
                    "message"),
            new BodyCase("POST", "/api/v1/applications/app/environments", JSON, "{\"name\":\"dev\",\"type\":\"t" + NUL + "\"}", "type"),
            new BodyCase("PATCH", ENV, MERGE, "{\"labels\":{\"a\":\"" + NUL + "\"}}", "labels.a"),
            new BodyCase("PATCH", ENV + "/config", JSON, "{\"changes\":[],\"message\":\"" + NUL + "\"}", "message"),
            new BodyCase("POST", ENV + "/config:restore", JSON, "{\"revision\":1,\"message\":\"" + NUL + "\"}", "message"),
            new BodyCase("POST", ENV + "/deployments", JSON, "{\"reason\":\"" + NUL + "\"}", "reason"),
            new BodyCase("POST", ENV + "/deployments", JSON,
                    "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"img" + NUL + "\"}]}}", "spec.containers[0].image"),
            new BodyCase("POST", DEPLOYMENT + ":approve", JSON, "{\"comment\":\"" + NUL + "\"}", "comment"),
            new BodyCase("POST", DEPLOYMENT + ":reject", JSON, "{\"comment\":\"" + NUL + "\"}", "comment"),
            new BodyCase("POST", DEPLOYMENT + ":rollback", JSON, "{\"reason\":\"" + NUL + "\"}", "reason"),
            new BodyCase("POST", ENV + ":extend", JSON, "{\"ttl\":\"1h" + NUL + "\"}", "ttl"),
            new BodyCase("POST", ENV + ":restart", JSON, "{\"workload\":\"" + NUL + "\"}", "workload"),
            new BodyCase("POST", ENV + ":scale", JSON, "{\"workload\":\"" + NUL + "\",\"replicas\":1}", "workload"),
            new BodyCase("PATCH", "/api/v1/applications/app", MERGE, "{\"description\":\"" + NUL + "\"}", "description"),
            new BodyCase("POST", "/api/v1/clusters", JSON, "{\"name\":\"c" + NUL + "\"}", "name"),
            new BodyCase("PATCH", "/api/v1/clusters/c", MERGE, "{\"description\":\"" + NUL + "\"}", "description"),
            new BodyCase("POST", "/api/v1/environment-types", JSON, "{\"name\":\"t" + NUL + "\"}", "name"),
            new BodyCase("PATCH", "/api/v1/environment-types/t", MERGE, "{\"description\":\"" + NUL + "\"}", "description"),
            new BodyCase("POST", "/api/v1/freezes", JSON, "{\"name\":\"f\",\"reason\":\"" + NUL + "\"}", "reason"),
            new BodyCase("POST", "/api/v1/resource-definitions", JSON, "{\"name\":\"d" + NUL + "\"}", "name"),
            new BodyCase("PATCH", "/api/v1/resource-definitions/d", MERGE, "{\"driver\":\"" + NUL + "\"}", "driver"),
            new BodyCase("POST", "/api/v1/resource-definitions:match", JSON,
                    "{\"application\":\"a\",\"environment\":\"e\",\"type\":\"" + NUL + "\"}", "type"),
            new BodyCase("POST", "/api/v1/resource-types", JSON, "{\"name\":\"r" + NUL + "\"}", "name"),
            new BodyCase("PATCH", "/api/v1/resource-types/r", MERGE, "{\"description\":\"" + NUL + "\"}", "description"),
            new BodyCase("POST", "/api/v1/role-bindings", JSON,
                    "{\"subject\":\"user:x" + NUL + "\",\"role\":\"viewer\",\"scope\":\"application:app\"}", "subject"),
            new BodyCase("POST", "/api/v1/webhooks", JSON, "{\"url\":\"https://example.com/" + NUL + "\",\"eventTypes\":[]}", "url"),
            new BodyCase("PATCH", "/api/v1/webhooks/" + UUID.randomUUID(), MERGE, "{\"description\":\"" + NUL + "\"}", "description"));

    private static ValidatableResponse send(String token, String method, String path, String contentType, String body) {
        return as(token).urlEncodingEnabled(false).contentType(contentType).body(body).request(method, path).then();
    }

    private static void assertInvalid(ValidatableResponse response, String field, String what) {
        response.statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("errors[0].message", containsString(what));
    }

    @Test
    void nulInAnyBodyStringIsA400NamingTheField() {
        for (BodyCase operation : BODIES) {
            ValidatableResponse response = send(ADMIN, operation.method(), operation.path(), operation.contentType(), operation.body());
            try {
                assertInvalid(response, operation.field(), "NUL");
            } catch (AssertionError e) {
                throw new AssertionError(operation.method() + " " + operation.path() + " " + operation.body() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void nulInAPathSegmentOrAQueryValueIsA400NamingTheParameter() {
        String app = Names.unique("nul");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        record ParameterCase(String method, String path, String parameter) {
        }
        List<ParameterCase> cases = List.of(
                new ParameterCase("GET", "/api/v1/applications/a%00b", "name"),
                new ParameterCase("DELETE", "/api/v1/applications/a%00b", "name"),
                new ParameterCase("GET", "/api/v1/applications/" + app + "/environments/d%00", "environment"),
                new ParameterCase("GET", "/api/v1/applications/" + app + "/environments/dev/deployments?status=%00", "status"),
                new ParameterCase("GET", "/api/v1/applications?labelSelector=team%3Da%00", "labelSelector"),
                new ParameterCase("GET", "/api/v1/applications?pageToken=%00", "pageToken"),
                new ParameterCase("GET", "/api/v1/audit-events?action=read%00", "action"),
                new ParameterCase("GET", "/api/v1/clusters/c%00", "name"),
                new ParameterCase("GET", "/api/v1/role-bindings?subject=user%3Ax%00", "subject"));
        for (ParameterCase operation : cases) {
            ValidatableResponse response = as(ADMIN).urlEncodingEnabled(false).request(operation.method(), operation.path()).then();
            try {
                assertInvalid(response, operation.parameter(), "NUL");
            } catch (AssertionError e) {
                throw new AssertionError(operation.method() + " " + operation.path() + ": " + e.getMessage(), e);
            }
        }
        // YAML's own escape for NUL, in a Score workload sent as the body.
        as(ALICE).contentType("application/vnd.score+yaml")
                .body("apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: \"nginx\\0\"\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/applications/{a}/environments/dev/deployments", app)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("containers.web.image"));
        // A body with NUL on an operation whose path is fine still names the body's field.
        send(ALICE, "POST", "/api/v1/applications/" + app + "/environments/dev:restart", JSON, "{\"workload\":\"w" + NUL + "\"}")
                .statusCode(400).body("errors[0].field", equalTo("workload"));
    }

    /**
     * The body is read before the operation runs, and so before the permission check: a caller who
     * may not grant gets the 400 for the unreadable body, no binding and no half-written denial.
     */
    @Test
    void aRoleBindingWithNulIsRefusedBeforeThePermissionCheck() {
        String app = Names.unique("nulrb");
        createApplication(ALICE, app, "team-a").statusCode(201);
        assertInvalid(send(BOB, "POST", "/api/v1/role-bindings", JSON,
                "{\"subject\":\"user:bob" + NUL + "\",\"role\":\"owner\",\"scope\":\"application:" + app + "\"}"), "subject", "NUL");
        assertInvalid(send(BOB, "POST", "/api/v1/role-bindings", JSON,
                "{\"subject\":\"user:bob\",\"role\":\"owner\",\"scope\":\"application:" + app + NUL + "\"}"), "scope", "NUL");
        // Without the NUL the same caller reaches the permission check and is denied, not 500.
        as(BOB).body("{\"subject\":\"user:bob\",\"role\":\"owner\",\"scope\":\"application:" + app + "\"}").post("/api/v1/role-bindings")
                .then().statusCode(org.hamcrest.Matchers.oneOf(403, 404)).contentType("application/problem+json");
    }

    @Test
    void aMemberGivenTwiceIsA400NamingIt() {
        String app = Names.unique("dup");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String env = "/api/v1/applications/" + app + "/environments/dev";
        assertInvalid(send(ALICE, "POST", env + "/deployments/" + UUID.randomUUID() + ":rollback", JSON,
                "{\"reason\":\"a\",\"reason\":\"a\"}"), "reason", "more than once");
        assertInvalid(send(ALICE, "POST", "/api/v1/role-bindings", JSON,
                "{\"subject\":\"user:x\",\"subject\":\"user:x\",\"role\":\"viewer\",\"scope\":\"application:" + app + "\"}"), "subject",
                "more than once");
        assertInvalid(send(ALICE, "POST", "/api/v1/role-bindings", JSON,
                "{\"subject\":\"user:x\",\"role\":\"viewer\",\"scope\":\"application:" + app + "\",\"scope\":\"application:" + app + "\"}"),
                "scope", "more than once");
        String fresh = Names.unique("dup");
        assertInvalid(send(ALICE, "POST", "/api/v1/applications", JSON,
                "{\"name\":\"" + fresh + "\",\"name\":\"" + fresh + "x\",\"ownerGroup\":\"team-a\"}"), "name", "more than once");
        assertInvalid(send(ALICE, "POST", "/api/v1/applications", JSON,
                "{\"name\":\"" + fresh + "\",\"ownerGroup\":\"team-a\",\"labels\":{\"k\":\"1\",\"k\":\"2\"}}"), "labels.k",
                "more than once");
        as(ALICE).get("/api/v1/applications/{name}", fresh).then().statusCode(404);
        assertInvalid(send(ALICE, "PATCH", "/api/v1/applications/" + app, MERGE, "{\"description\":\"a\",\"description\":\"b\"}"),
                "description", "more than once");
        assertInvalid(send(ALICE, "PATCH", env, MERGE, "{\"labels\":{\"a\":\"1\",\"a\":null}}"), "labels.a", "more than once");
        as(ALICE).get("/api/v1/applications/{name}", app).then().statusCode(200).body("description", org.hamcrest.Matchers.nullValue());
        as(ALICE).contentType("application/vnd.score+yaml")
                .body("apiVersion: score.dev/v1b1\nmetadata:\n  name: web\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post(env + "/deployments").then().statusCode(400).contentType("application/problem+json");
    }

    @GrpcClient("slipway")
    ApplicationService applications;

    @Test
    void grpcRefusesNulInAnyStringWithInvalidArgument() throws Exception {
        String name = Names.unique("nulgrpc");
        Throwable create = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(applications, ALICE)
                .createApplication(ApplicationProto.CreateApplicationRequest.newBuilder()
                        .setApplication(ApplicationProto.Application.newBuilder().setName(name).setOwnerGroup("team-a")
                                .setDisplayName("App\0"))
                        .build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(create));
        assertEquals(List.of("application.displayName"), violatedFields(create));

        Throwable label = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(applications, ALICE)
                .createApplication(ApplicationProto.CreateApplicationRequest.newBuilder()
                        .setApplication(ApplicationProto.Application.newBuilder().setName(name).setOwnerGroup("team-a")
                                .putLabels("tier", "w\0"))
                        .build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(label));
        assertEquals(List.of("application.labels.tier"), violatedFields(label));

        Throwable get = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(applications, ALICE)
                .getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName("a\0b").build()).await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(get));
        assertEquals(List.of("name"), violatedFields(get));

        // Nothing was created, and the channel still serves calls after the refusals.
        Throwable missing = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(applications, ALICE)
                .getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName(name).build()).await().atMost(WAIT));
        assertTrue(code(missing) == Status.Code.NOT_FOUND, code(missing).toString());
    }
}
