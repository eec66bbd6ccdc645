package dev.slipway.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class EnvironmentResourceTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");
    private static final String ADMIN = TestTokens.admin();
    private static final String ENVIRONMENTS = "/api/v1/applications/{app}/environments";
    private static final String ENVIRONMENT = "/api/v1/applications/{app}/environments/{env}";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEMS = "https://slipway.dev/problems/";

    @Test
    void createsWithTheDefaultNamespaceAndTheTypesClusterAndReadsIt() {
        String app = newApplication();
        ExtractableResponse<Response> created = as(ALICE).body(Map.of("name", "dev", "type", "development"))
                .post(ENVIRONMENTS, app)
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/applications/" + app + "/environments/dev"))
                .header("ETag", notNullValue())
                .header("Idempotent-Replayed", "false")
                .body("id", notNullValue())
                .body("name", equalTo("dev"))
                .body("application", equalTo(app))
                .body("type", equalTo("development"))
                .body("cluster", equalTo("sandbox"))
                .body("namespace", equalTo(app + "-dev"))
                .body("labels", anEmptyMap())
                .body("status", equalTo("ACTIVE"))
                .body("createdBy", equalTo("alice"))
                .body("etag", notNullValue())
                .extract();
        assertEquals(created.header("ETag"), created.path("etag"));

        // Reads are open to every authenticated caller, not only the owner group.
        as(BOB).get(ENVIRONMENT, app, "dev")
                .then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("id", equalTo(created.path("id")))
                .body("namespace", equalTo(app + "-dev"))
                .body("createdAt", equalTo(created.path("createdAt")));
        as(BOB).get(ENVIRONMENTS, app).then().statusCode(200).body("items.name", equalTo(List.of("dev")));
    }

    @Test
    void takesTheClusterFromTheEnvironmentTypeWhenNoneIsNamed() {
        String cluster = createCluster();
        String type = Names.unique("etype");
        try {
            as(ADMIN).body(Map.of("name", type, "order", 500, "defaultCluster", cluster))
                    .post("/api/v1/environment-types").then().statusCode(201);
            String app = newApplication();
            createEnvironment(ALICE, app, "preview", type).statusCode(201)
                    .body("cluster", equalTo(cluster))
                    .body("namespace", equalTo(app + "-preview"));
            as(ALICE).delete(ENVIRONMENT, app, "preview").then().statusCode(204);
        } finally {
            as(ADMIN).delete("/api/v1/environment-types/{name}", type);
            as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
        }
    }

    @Test
    void usesAnExplicitClusterAndNamespace() {
        String cluster = createCluster();
        String app = newApplication();
        String namespace = Names.unique("custom-ns");
        try {
            as(ALICE).body(Map.of("name", "prod", "type", "production", "cluster", cluster, "namespace", namespace,
                    "labels", Map.of("tier", "web")))
                    .post(ENVIRONMENTS, app)
                    .then().statusCode(201)
                    .body("cluster", equalTo(cluster))
                    .body("namespace", equalTo(namespace))
                    .body("type", equalTo("production"))
                    .body("labels.tier", equalTo("web"));
            as(ALICE).get(ENVIRONMENT, app, "prod").then().statusCode(200)
                    .body("cluster", equalTo(cluster)).body("namespace", equalTo(namespace));
            // The same namespace name is free on another cluster.
            as(ALICE).body(Map.of("name", "dev", "type", "development", "namespace", namespace))
                    .post(ENVIRONMENTS, app)
                    .then().statusCode(201).body("cluster", equalTo("sandbox")).body("namespace", equalTo(namespace));
        } finally {
            as(ALICE).delete(ENVIRONMENT, app, "prod");
            as(ALICE).delete(ENVIRONMENT, app, "dev");
            as(ADMIN).delete("/api/v1/clusters/{name}", cluster);
        }
    }

    @Test
    void listsPageByPageWithoutGapsOrDuplicates() {
        String app = newApplication();
        List<String> expected = new ArrayList<>();
        // Created out of order: the list is ordered by name, not by creation.
        for (int i : new int[]{ 4, 0, 6, 2, 5, 1, 3 }) {
            createEnvironment(ALICE, app, "env-" + i, "development").statusCode(201);
        }
        for (int i = 0; i < 7; i++) {
            expected.add("env-" + i);
        }

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            var request = as(BOB).queryParam("pageSize", 3);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            ExtractableResponse<Response> page = request.get(ENVIRONMENTS, app).then().statusCode(200).extract();
            List<String> names = page.path("items.name");
            seen.addAll(names);
            sizes.add(names.size());
            token = page.path("nextPageToken");
        } while (token != null && sizes.size() < 10);

        assertEquals(expected, seen);
        assertEquals(List.of(3, 3, 1), sizes);
        as(BOB).get(ENVIRONMENTS, app).then().statusCode(200)
                .body("items.name", equalTo(expected))
                .body("nextPageToken", nullValue());
    }

    @Test
    void filtersByLabelSelector() {
        String app = newApplication();
        as(ALICE).body(Map.of("name", "web-a", "type", "development", "labels", Map.of("tier", "web", "zone", "a")))
                .post(ENVIRONMENTS, app).then().statusCode(201);
        as(ALICE).body(Map.of("name", "web-b", "type", "development", "labels", Map.of("tier", "web", "zone", "b")))
                .post(ENVIRONMENTS, app).then().statusCode(201);
        as(ALICE).body(Map.of("name", "db-a", "type", "development", "labels", Map.of("tier", "db", "zone", "a")))
                .post(ENVIRONMENTS, app).then().statusCode(201);

        as(BOB).queryParam("labelSelector", "tier=web").get(ENVIRONMENTS, app)
                .then().statusCode(200).body("items.name", equalTo(List.of("web-a", "web-b")));
        as(BOB).queryParam("labelSelector", "zone=a,tier==web").get(ENVIRONMENTS, app)
                .then().statusCode(200).body("items.name", equalTo(List.of("web-a")))
                .body("nextPageToken", emptyOrNullString());
        as(BOB).queryParam("labelSelector", "tier=cache").get(ENVIRONMENTS, app)
                .then().statusCode(200).body("items", hasSize(0));

        // A token belongs to its filters.
        String token = as(BOB).queryParam("labelSelector", "tier=web").queryParam("pageSize", 1).get(ENVIRONMENTS, app)
                .then().statusCode(200).body("items.name", equalTo(List.of("web-a"))).extract().path("nextPageToken");
        as(BOB).queryParam("labelSelector", "tier=web").queryParam("pageSize", 1).queryParam("pageToken", token).get(ENVIRONMENTS, app)
                .then().statusCode(200).body("items.name", equalTo(List.of("web-b")));
        assertProblem(as(BOB).queryParam("labelSelector", "tier=db").queryParam("pageToken", token).get(ENVIRONMENTS, app).then(),
                400, "invalid-request").body("errors.field", hasItem("pageToken"));

        assertProblem(as(BOB).queryParam("labelSelector", "tier").get(ENVIRONMENTS, app).then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("labelSelector"));
        assertProblem(as(BOB).queryParam("pageSize", 0).get(ENVIRONMENTS, app).then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("pageSize"));
    }

    @Test
    void mergePatchChangesTypeAndLabels() {
        String app = newApplication();
        String etag = as(ALICE).body(Map.of("name", "stage", "type", "development", "labels", Map.of("keep", "yes", "drop", "me")))
                .post(ENVIRONMENTS, app).then().statusCode(201).extract().header("ETag");

        ExtractableResponse<Response> patched = as(ALICE).contentType("application/merge-patch+json")
                .body("{\"type\": \"staging\", \"labels\": {\"drop\": null, \"add\": \"x\"}}")
                .patch(ENVIRONMENT, app, "stage")
                .then().statusCode(200)
                .body("type", equalTo("staging"))
                .body("labels.keep", equalTo("yes"))
                .body("labels.add", equalTo("x"))
                .body("labels.drop", nullValue())
                .body("cluster", equalTo("sandbox"))
                .body("namespace", equalTo(app + "-stage"))
                .extract();
        assertNotEquals(etag, patched.header("ETag"));
        assertEquals(patched.header("ETag"), patched.path("etag"));

        as(BOB).get(ENVIRONMENT, app, "stage").then().statusCode(200)
                .header("ETag", equalTo(patched.header("ETag")))
                .body("type", equalTo("staging"))
                .body("labels", equalTo(Map.of("keep", "yes", "add", "x")));

        // application/json is accepted as a merge patch too; removing all labels empties them.
        as(ALICE).body("{\"labels\": null}").patch(ENVIRONMENT, app, "stage")
                .then().statusCode(200).body("labels", anEmptyMap()).body("type", equalTo("staging"));
    }

    @Test
    void nameClusterAndNamespaceAreImmutable() {
        String app = newApplication();
        createEnvironment(ALICE, app, "fixed", "development").statusCode(201);

        assertProblem(as(ALICE).contentType("application/merge-patch+json")
                .body(Map.of("name", "moved", "cluster", "elsewhere", "namespace", "other-ns"))
                .patch(ENVIRONMENT, app, "fixed").then(), 400, "invalid-request")
                .body("errors.field", hasItems("name", "cluster", "namespace"))
                .body("errors", hasSize(3));
        assertProblem(as(ALICE).contentType("application/merge-patch+json").body("{\"namespace\": null}")
                .patch(ENVIRONMENT, app, "fixed").then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("namespace")));

        // Sending the current values is not a change.
        as(ALICE).contentType("application/merge-patch+json")
                .body(Map.of("name", "fixed", "cluster", "sandbox", "namespace", app + "-fixed"))
                .patch(ENVIRONMENT, app, "fixed").then().statusCode(200);
        as(ALICE).get(ENVIRONMENT, app, "fixed").then().statusCode(200)
                .body("name", equalTo("fixed")).body("namespace", equalTo(app + "-fixed"));
    }

    @Test
    void patchRefusesUnknownOrInvalidTypesAndLabels() {
        String app = newApplication();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);

        assertProblem(as(ALICE).contentType("application/merge-patch+json").body(Map.of("type", Names.unique("no-such-type")))
                .patch(ENVIRONMENT, app, "dev").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("type"))
                .body("detail", containsString("does not exist"));
        assertProblem(
                as(ALICE).contentType("application/merge-patch+json").body("{\"type\": \"Not A Slug\", \"labels\": {\"bad key!\": \"v\"}}")
                        .patch(ENVIRONMENT, app, "dev").then(),
                400, "invalid-request")
                .body("errors.field", hasItems("type", "labels.bad key!"));
        assertProblem(as(ALICE).contentType("application/merge-patch+json").body("{\"type\": 3}")
                .patch(ENVIRONMENT, app, "dev").then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("type"));
        assertProblem(as(ALICE).contentType("application/merge-patch+json").body("[]")
                .patch(ENVIRONMENT, app, "dev").then(), 400, "invalid-request");

        as(ALICE).get(ENVIRONMENT, app, "dev").then().statusCode(200).body("type", equalTo("development")).body("labels", anEmptyMap());
    }

    @Test
    void deletesAnEnvironment() {
        String app = newApplication();
        createEnvironment(ALICE, app, "gone", "development").statusCode(201);
        createEnvironment(ALICE, app, "kept", "development").statusCode(201);

        as(ALICE).delete(ENVIRONMENT, app, "gone").then().statusCode(204).body(emptyOrNullString());

        assertProblem(as(ALICE).get(ENVIRONMENT, app, "gone").then(), 404, "not-found");
        assertProblem(as(ALICE).delete(ENVIRONMENT, app, "gone").then(), 404, "not-found");
        as(ALICE).get(ENVIRONMENTS, app).then().statusCode(200).body("items.name", equalTo(List.of("kept")));
        // The name and the namespace are free again.
        createEnvironment(ALICE, app, "gone", "staging").statusCode(201).body("namespace", equalTo(app + "-gone"));
    }

    @Test
    void rejectsInvalidInputWithFieldErrorsAndWritesNothing() {
        String app = newApplication();
        assertProblem(as(ALICE).body(Map.of("name", "Bad_Name", "type", "Bad Type", "cluster", "-x", "namespace", "Not.A.Label",
                "labels", Map.of("bad key!", "v")))
                .post(ENVIRONMENTS, app).then(), 400, "invalid-request")
                .body("instance", equalTo("/api/v1/applications/" + app + "/environments"))
                .body("errors.field", hasItems("name", "type", "cluster", "namespace", "labels.bad key!"));
        assertProblem(as(ALICE).body(Map.of()).post(ENVIRONMENTS, app).then(), 400, "invalid-request")
                .body("errors.field", hasItems("name", "type"));
        for (String name : List.of("ab", "a".repeat(41), "ends-with-", "Upper", "1digit")) {
            assertProblem(createEnvironment(ALICE, app, name, "development"), 400, "invalid-request")
                    .body("errors.field", equalTo(List.of("name")));
        }
        for (String namespace : List.of("-lead", "trail-", "UPPER", "dots.in.it", "n".repeat(64))) {
            assertProblem(
                    as(ALICE).body(Map.of("name", "dev", "type", "development", "namespace", namespace)).post(ENVIRONMENTS, app).then(),
                    400, "invalid-request")
                    .body("errors.field", equalTo(List.of("namespace")));
        }
        assertProblem(as(ALICE).body("{\"name\": \"dev\", \"type\": \"development\", \"colour\": \"red\"}").post(ENVIRONMENTS, app).then(),
                400, "invalid-request")
                .body("errors[0].field", equalTo("colour"));

        as(ALICE).get(ENVIRONMENTS, app).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refusesAnUnknownTypeOrClusterAndWritesNothing() {
        String app = newApplication();
        assertProblem(createEnvironment(ALICE, app, "dev", Names.unique("no-such-type")), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("type")))
                .body("detail", containsString("does not exist"));
        assertProblem(as(ALICE).body(Map.of("name", "dev", "type", "development", "cluster", Names.unique("no-such-cluster")))
                .post(ENVIRONMENTS, app).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("cluster")))
                .body("detail", containsString("does not exist"));

        assertProblem(as(ALICE).get(ENVIRONMENT, app, "dev").then(), 404, "not-found");
    }

    @Test
    void refusesADuplicateName() {
        String app = newApplication();
        createEnvironment(ALICE, app, "dup", "development").statusCode(201);
        assertProblem(createEnvironment(ALICE, app, "dup", "staging"), 409, "already-exists")
                .body("detail", containsString("already exists"));
        as(ALICE).get(ENVIRONMENT, app, "dup").then().statusCode(200).body("type", equalTo("development"));

        // The same name in another application is a different environment.
        createEnvironment(ALICE, newApplication(), "dup", "development").statusCode(201);
    }

    @Test
    void refusesANamespaceAnotherApplicationUsesOnTheSameCluster() {
        String first = newApplication();
        String second = newApplication();
        createEnvironment(ALICE, first, "dev", "development").statusCode(201).body("namespace", equalTo(first + "-dev"));

        assertProblem(as(ALICE).body(Map.of("name", "dev", "type", "development", "namespace", first + "-dev"))
                .post(ENVIRONMENTS, second).then(), 409, "conflict")
                .body("detail", containsString(first + "-dev"));
        assertProblem(as(ALICE).body(Map.of("name", "dev", "type", "development", "cluster", "sandbox", "namespace", first + "-dev"))
                .post(ENVIRONMENTS, second).then(), 409, "conflict");
        as(ALICE).get(ENVIRONMENTS, second).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refusesADefaultNamespaceLongerThanSixtyThreeCharacters() {
        String app = Names.unique("a-rather-long-application-name-for-ns");
        createApplication(ALICE, app, "team-a").statusCode(201);
        String env = "a-rather-long-environment-name";
        assertEquals(true, (app + "-" + env).length() > 63);

        assertProblem(createEnvironment(ALICE, app, env, "development"), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("namespace")))
                .body("detail", containsString("choose a namespace"));

        String namespace = Names.unique("short-ns");
        as(ALICE).body(Map.of("name", env, "type", "development", "namespace", namespace)).post(ENVIRONMENTS, app)
                .then().statusCode(201).body("namespace", equalTo(namespace));
    }

    @Test
    void answers404ForAMissingApplicationOrEnvironment() {
        String missingApp = Names.unique("no-such-app");
        assertProblem(as(ALICE).get(ENVIRONMENTS, missingApp).then(), 404, "not-found")
                .body("detail", containsString(missingApp));
        assertProblem(as(ALICE).get(ENVIRONMENT, missingApp, "dev").then(), 404, "not-found");
        assertProblem(createEnvironment(ALICE, missingApp, "dev", "development"), 404, "not-found")
                .body("detail", containsString(missingApp));
        assertProblem(as(ALICE).contentType("application/merge-patch+json").body(Map.of("type", "staging"))
                .patch(ENVIRONMENT, missingApp, "dev").then(), 404, "not-found");
        assertProblem(as(ALICE).delete(ENVIRONMENT, missingApp, "dev").then(), 404, "not-found");

        String app = newApplication();
        assertProblem(as(ALICE).get(ENVIRONMENT, app, "nope").then(), 404, "not-found")
                .body("detail", containsString("nope"))
                .body("instance", equalTo("/api/v1/applications/" + app + "/environments/nope"));
        assertProblem(as(ALICE).contentType("application/merge-patch+json").body(Map.of("type", "staging"))
                .patch(ENVIRONMENT, app, "nope").then(), 404, "not-found");
        assertProblem(as(ALICE).delete(ENVIRONMENT, app, "nope").then(), 404, "not-found");
    }

    @Test
    void onlyOwnerGroupMembersOrAdminsCreateChangeAndDelete() {
        String app = newApplication();
        assertProblem(createEnvironment(BOB, app, "dev", "development"), 403, "forbidden")
                .body("detail", containsString("team-a"));
        as(ALICE).get(ENVIRONMENTS, app).then().statusCode(200).body("items", hasSize(0));

        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        assertProblem(as(BOB).contentType("application/merge-patch+json").body(Map.of("type", "staging"))
                .patch(ENVIRONMENT, app, "dev").then(), 403, "forbidden");
        assertProblem(as(BOB).delete(ENVIRONMENT, app, "dev").then(), 403, "forbidden");
        // A viewer may list the environments, so a missing one is simply not found.
        assertProblem(as(BOB).delete(ENVIRONMENT, app, "missing").then(), 404, "not-found");
        as(BOB).get(ENVIRONMENT, app, "dev").then().statusCode(200).body("type", equalTo("development"));

        // A member of several groups, one of them the owner, may; so may an admin.
        String carol = TestTokens.user("carol", "team-b", "team-a");
        as(carol).contentType("application/merge-patch+json").body(Map.of("type", "staging"))
                .patch(ENVIRONMENT, app, "dev").then().statusCode(200).body("type", equalTo("staging"));
        createEnvironment(ADMIN, app, "by-admin", "development").statusCode(201).body("createdBy", equalTo("platform-admin"));
        as(ADMIN).delete(ENVIRONMENT, app, "by-admin").then().statusCode(204);
        as(ALICE).delete(ENVIRONMENT, app, "dev").then().statusCode(204);
    }

    @Test
    void requiresABearerToken() {
        String app = newApplication();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);

        assertProblem(given().get(ENVIRONMENTS, app).then(), 401, "unauthenticated")
                .header("WWW-Authenticate", containsString("Bearer"));
        assertProblem(given().get(ENVIRONMENT, app, "dev").then(), 401, "unauthenticated");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", "anon", "type", "development"))
                .post(ENVIRONMENTS, app).then(), 401, "unauthenticated");
        assertProblem(given().contentType("application/merge-patch+json").body(Map.of("type", "staging"))
                .patch(ENVIRONMENT, app, "dev").then(), 401, "unauthenticated");
        assertProblem(given().delete(ENVIRONMENT, app, "dev").then(), 401, "unauthenticated");
        assertProblem(given().header("Authorization", "Bearer not-a-token").get(ENVIRONMENTS, app).then(), 401, "unauthenticated");

        as(ALICE).get(ENVIRONMENT, app, "dev").then().statusCode(200).body("type", equalTo("development"));
        assertProblem(as(ALICE).get(ENVIRONMENT, app, "anon").then(), 404, "not-found");
    }

    @Test
    void staleIfMatchIsRefusedWith412() {
        String app = newApplication();
        String etag = createEnvironment(ALICE, app, "dev", "development").statusCode(201).extract().header("ETag");
        String newer = as(ALICE).contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("labels", Map.of("round", "one"))).patch(ENVIRONMENT, app, "dev")
                .then().statusCode(200).extract().header("ETag");
        assertNotEquals(etag, newer);

        assertProblem(as(ALICE).contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("labels", Map.of("round", "two"))).patch(ENVIRONMENT, app, "dev").then(), 412, "precondition-failed");
        assertProblem(as(ALICE).header("If-Match", etag).delete(ENVIRONMENT, app, "dev").then(), 412, "precondition-failed");
        as(ALICE).get(ENVIRONMENT, app, "dev").then().statusCode(200)
                .header("ETag", equalTo(newer)).body("labels.round", equalTo("one"));

        as(ALICE).header("If-Match", "\"-1\", " + newer).delete(ENVIRONMENT, app, "dev").then().statusCode(204);
        assertProblem(as(ALICE).get(ENVIRONMENT, app, "dev").then(), 404, "not-found");
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponseAndCreatesNothingNew() {
        String app = newApplication();
        String key = Names.unique("env-key");
        Map<String, Object> body = Map.of("name", "dev", "type", "development", "labels", Map.of("a", "1"));
        ExtractableResponse<Response> first = as(ALICE).header("Idempotency-Key", key).body(body).post(ENVIRONMENTS, app)
                .then().statusCode(201).header("Idempotent-Replayed", "false").extract();

        // The environment changes afterwards; the replay still answers with the first response.
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("type", "staging"))
                .patch(ENVIRONMENT, app, "dev").then().statusCode(200);
        ExtractableResponse<Response> replay = as(ALICE).header("Idempotency-Key", key).body(body).post(ENVIRONMENTS, app)
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertEquals(first.body().asString(), replay.body().asString());
        assertEquals(first.header("Location"), replay.header("Location"));
        assertEquals(first.header("ETag"), replay.header("ETag"));
        as(ALICE).get(ENVIRONMENTS, app).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(first.path("id"))).body("items[0].type", equalTo("staging"));

        assertProblem(as(ALICE).header("Idempotency-Key", key).body(Map.of("name", "other", "type", "development"))
                .post(ENVIRONMENTS, app).then(), 422, "idempotency-key-reused");
        assertProblem(as(ALICE).get(ENVIRONMENT, app, "other").then(), 404, "not-found");

        // A key used for one application's environments cannot be replayed under another application.
        String otherApp = newApplication();
        assertProblem(as(ALICE).header("Idempotency-Key", key).body(body).post(ENVIRONMENTS, otherApp).then(),
                422, "idempotency-key-reused");
        as(ALICE).get(ENVIRONMENTS, otherApp).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void aFailedCreateReleasesItsIdempotencyKey() {
        String app = newApplication();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String key = Names.unique("retry-key");
        Map<String, Object> body = Map.of("name", "qas", "type", "staging", "namespace", app + "-dev");
        assertProblem(as(ALICE).header("Idempotency-Key", key).body(body).post(ENVIRONMENTS, app).then(), 409, "conflict");

        as(ALICE).delete(ENVIRONMENT, app, "dev").then().statusCode(204);
        as(ALICE).header("Idempotency-Key", key).body(body).post(ENVIRONMENTS, app)
                .then().statusCode(201).header("Idempotent-Replayed", "false").body("namespace", equalTo(app + "-dev"));
    }

    private static String newApplication() {
        String name = Names.unique("envapp");
        createApplication(ALICE, name, "team-a").statusCode(201);
        // bob (team-b) may read it: the tests use him for reads and refused writes.
        Api.bind(ALICE, "user:bob", "viewer", "application:" + name);
        return name;
    }

    /** An EXTERNAL cluster of the test's own, so environments on it touch no other test's data. */
    private static String createCluster() {
        String name = Names.unique("envcl");
        as(ADMIN).body(Map.of("name", name, "kind", "EXTERNAL", "apiUrl", "https://" + name + ".example.com:6443"))
                .post("/api/v1/clusters").then().statusCode(201);
        return name;
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("type", equalTo(PROBLEMS + type))
                .body("detail", not(emptyOrNullString()));
    }
}
