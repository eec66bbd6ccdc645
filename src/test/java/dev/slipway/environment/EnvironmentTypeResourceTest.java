package dev.slipway.environment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class EnvironmentTypeResourceTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ADMIN = TestTokens.admin();
    private static final String TYPES = "/api/v1/environment-types";
    private static final String TYPE = "/api/v1/environment-types/{name}";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Test
    void seedsDevelopmentStagingAndProduction() {
        as(ALICE).get(TYPE, "development").then().statusCode(200)
                .header("ETag", notNullValue())
                .body("order", equalTo(10)).body("protected", equalTo(false)).body("defaultCluster", equalTo("sandbox"));
        as(ALICE).get(TYPE, "staging").then().statusCode(200)
                .body("order", equalTo(20)).body("protected", equalTo(false)).body("defaultCluster", equalTo("sandbox"));
        as(ALICE).get(TYPE, "production").then().statusCode(200)
                // The sandbox is never production's default: an admin names a real cluster.
                .body("order", equalTo(30)).body("protected", equalTo(true)).body("defaultCluster", nullValue())
                .body("createdBy", equalTo("system"));
    }

    @Test
    void listsInPromotionOrderPageByPage() {
        // Three types of the same order: ties are broken by name, whatever the creation order.
        int order = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        String prefix = Names.unique("ord");
        List<String> mine = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        try {
            for (String name : List.of(mine.get(2), mine.get(0), mine.get(1))) {
                createType(name, order).statusCode(201);
            }

            List<Map<String, Object>> all = listAll(2);

            List<String> names = all.stream().map(type -> (String) type.get("name")).toList();
            assertEquals(names.size(), new HashSet<>(names).size(), "no type may appear twice: " + names);
            for (int i = 1; i < all.size(); i++) {
                int previous = (Integer) all.get(i - 1).get("order");
                int current = (Integer) all.get(i).get("order");
                assertTrue(previous < current || previous == current && names.get(i - 1).compareTo(names.get(i)) < 0,
                        "not in promotion order at " + names.get(i - 1) + ", " + names.get(i));
            }
            assertTrue(names.indexOf("development") >= 0 && names.indexOf("development") < names.indexOf("staging")
                    && names.indexOf("staging") < names.indexOf("production"), names.toString());
            int first = names.indexOf(mine.get(0));
            assertEquals(mine, names.subList(first, first + 3));
            assertEquals(names, listAll(500).stream().map(type -> (String) type.get("name")).toList());
        } finally {
            mine.forEach(name -> as(ADMIN).delete(TYPE, name));
        }
    }

    @Test
    void adminCreatesUpdatesAndDeletesAType() {
        String name = Names.unique("qa");
        ExtractableResponse<Response> created = as(ADMIN)
                .body(Map.of("name", name, "description", "Manual testing", "protected", true, "order", 15, "defaultCluster", "sandbox"))
                .post(TYPES)
                .then().statusCode(201)
                .header("Location", endsWith(TYPES + "/" + name))
                .header("ETag", notNullValue())
                .body("id", notNullValue())
                .body("name", equalTo(name))
                .body("description", equalTo("Manual testing"))
                .body("protected", equalTo(true))
                .body("order", equalTo(15))
                .body("defaultCluster", equalTo("sandbox"))
                .body("createdBy", equalTo("platform-admin"))
                .extract();
        as(ALICE).get(TYPE, name).then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("createdAt", equalTo(created.path("createdAt")));

        ExtractableResponse<Response> patched = as(ADMIN).contentType(MERGE_PATCH)
                .body("{\"description\": null, \"protected\": false, \"order\": 25, \"defaultCluster\": null}")
                .patch(TYPE, name)
                .then().statusCode(200)
                .body("description", nullValue())
                .body("protected", equalTo(false))
                .body("order", equalTo(25))
                .body("defaultCluster", nullValue())
                .body("name", equalTo(name))
                .extract();
        assertNotEquals(created.header("ETag"), patched.header("ETag"));
        as(ALICE).get(TYPE, name).then().statusCode(200)
                .header("ETag", equalTo(patched.header("ETag"))).body("order", equalTo(25));

        assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("name", "renamed")).patch(TYPE, name).then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("name"));

        as(ADMIN).delete(TYPE, name).then().statusCode(204);
        assertProblem(as(ADMIN).get(TYPE, name).then(), 404, "not-found");
        assertProblem(as(ADMIN).delete(TYPE, name).then(), 404, "not-found");
        assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("order", 1)).patch(TYPE, name).then(), 404, "not-found");
    }

    @Test
    void optionalFieldsTakeTheirDefaults() {
        String name = Names.unique("bare");
        try {
            createType(name, 0).statusCode(201)
                    .body("protected", equalTo(false))
                    .body("description", nullValue())
                    .body("defaultCluster", nullValue())
                    .body("order", equalTo(0));
        } finally {
            as(ADMIN).delete(TYPE, name);
        }
    }

    @Test
    void onlyAdminsChangeTypesButEveryoneReadsThem() {
        String name = Names.unique("guarded");
        assertProblem(as(ALICE).body(Map.of("name", name, "order", 5)).post(TYPES).then(), 403, "forbidden");
        assertProblem(as(ALICE).get(TYPE, name).then(), 404, "not-found");

        createType(name, 5).statusCode(201);
        try {
            assertProblem(as(ALICE).contentType(MERGE_PATCH).body(Map.of("order", 6)).patch(TYPE, name).then(), 403, "forbidden");
            assertProblem(as(ALICE).delete(TYPE, name).then(), 403, "forbidden");
            as(ALICE).get(TYPE, name).then().statusCode(200).body("order", equalTo(5));
            as(ALICE).get(TYPES).then().statusCode(200).body("items.name", hasItems("development", "staging", "production"));

            // The admin role (rather than the admin group) is enough.
            String roleAdmin = TestTokens.token("role-admin", java.util.Set.of(), java.util.Set.of("slipway-admin"));
            as(roleAdmin).contentType(MERGE_PATCH).body(Map.of("order", 7)).patch(TYPE, name).then().statusCode(200).body("order",
                    equalTo(7));
        } finally {
            as(ADMIN).delete(TYPE, name).then().statusCode(204);
        }
    }

    @Test
    void requiresABearerToken() {
        assertProblem(given().get(TYPES).then(), 401, "unauthenticated");
        assertProblem(given().get(TYPE, "development").then(), 401, "unauthenticated");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", Names.unique("anon"), "order", 1)).post(TYPES).then(),
                401, "unauthenticated");
        assertProblem(given().contentType(MERGE_PATCH).body(Map.of("order", 1)).patch(TYPE, "development").then(), 401, "unauthenticated");
        assertProblem(given().delete(TYPE, "development").then(), 401, "unauthenticated");
    }

    @Test
    void rejectsInvalidTypes() {
        assertProblem(as(ADMIN).body(Map.of("name", "Bad_Name", "order", 1)).post(TYPES).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("name")));
        assertProblem(as(ADMIN).body(Map.of("name", Names.unique("noorder"))).post(TYPES).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("order")));
        assertProblem(createType(Names.unique("neg"), -1), 400, "invalid-request").body("errors.field", equalTo(List.of("order")));
        assertProblem(createType(Names.unique("big"), 1_000_001), 400, "invalid-request").body("errors.field", equalTo(List.of("order")));
        assertProblem(as(ADMIN).body(Map.of("name", Names.unique("str"), "order", "5")).post(TYPES).then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("order"));
        String unknownCluster = Names.unique("no-such-cluster");
        String name = Names.unique("nocl");
        assertProblem(as(ADMIN).body(Map.of("name", name, "order", 1, "defaultCluster", unknownCluster)).post(TYPES).then(),
                400, "invalid-request")
                .body("errors.field", equalTo(List.of("defaultCluster")))
                .body("detail", containsString(unknownCluster));
        assertProblem(as(ADMIN).body(Map.of("name", Names.unique("desc"), "order", 1, "description", "d".repeat(1001))).post(TYPES).then(),
                400, "invalid-request")
                .body("errors.field", equalTo(List.of("description")));
        assertProblem(as(ADMIN).body(Map.of("name", "x", "order", -5, "defaultCluster", "Nope")).post(TYPES).then(), 400, "invalid-request")
                .body("errors.field", hasItems("name", "order", "defaultCluster"));
        assertProblem(as(ADMIN).get(TYPE, name).then(), 404, "not-found");
    }

    @Test
    void acceptsTheBoundsOfTheOrderRange() {
        String low = Names.unique("low");
        String high = Names.unique("high");
        try {
            createType(low, 0).statusCode(201).body("order", equalTo(0));
            createType(high, 1_000_000).statusCode(201).body("order", equalTo(1_000_000));
        } finally {
            as(ADMIN).delete(TYPE, low);
            as(ADMIN).delete(TYPE, high);
        }
    }

    @Test
    void patchValidatesLikeCreate() {
        String name = Names.unique("patched");
        createType(name, 40).statusCode(201);
        try {
            assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("order", 1_000_001)).patch(TYPE, name).then(), 400,
                    "invalid-request")
                    .body("errors.field", equalTo(List.of("order")));
            assertProblem(as(ADMIN).contentType(MERGE_PATCH).body("{\"order\": null}").patch(TYPE, name).then(), 400, "invalid-request")
                    .body("errors.field", equalTo(List.of("order")));
            assertProblem(
                    as(ADMIN).contentType(MERGE_PATCH).body(Map.of("defaultCluster", Names.unique("no-such-cluster"))).patch(TYPE, name)
                            .then(),
                    400, "invalid-request")
                    .body("errors.field", equalTo(List.of("defaultCluster")));
            as(ADMIN).get(TYPE, name).then().statusCode(200).body("order", equalTo(40)).body("defaultCluster", nullValue());
        } finally {
            as(ADMIN).delete(TYPE, name);
        }
    }

    @Test
    void refusesADuplicateName() {
        String name = Names.unique("twice");
        createType(name, 50).statusCode(201);
        try {
            assertProblem(createType(name, 60), 409, "already-exists").body("detail", containsString("already exists"));
            assertProblem(createType("production", 60), 409, "already-exists");
            as(ADMIN).get(TYPE, name).then().statusCode(200).body("order", equalTo(50));
        } finally {
            as(ADMIN).delete(TYPE, name);
        }
    }

    @Test
    void refusesToDeleteATypeInUse() {
        String type = Names.unique("inuse");
        createType(type, 70).statusCode(201);
        String app = Names.unique("typeapp");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", type).statusCode(201).body("type", equalTo(type));

        assertProblem(as(ADMIN).delete(TYPE, type).then(), 409, "conflict").body("detail", containsString("1 environment"));
        as(ALICE).get(TYPE, type).then().statusCode(200);

        as(ALICE).delete("/api/v1/applications/{app}/environments/dev", app).then().statusCode(204);
        as(ADMIN).delete(TYPE, type).then().statusCode(204);
    }

    @Test
    void staleIfMatchIsRefusedWith412() {
        String name = Names.unique("etag");
        String etag = createType(name, 80).statusCode(201).extract().header("ETag");
        try {
            String newer = as(ADMIN).contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("order", 81))
                    .patch(TYPE, name).then().statusCode(200).extract().header("ETag");
            assertNotEquals(etag, newer);

            assertProblem(as(ADMIN).contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("order", 82)).patch(TYPE, name).then(),
                    412, "precondition-failed");
            assertProblem(as(ADMIN).header("If-Match", etag).delete(TYPE, name).then(), 412, "precondition-failed");
            as(ADMIN).get(TYPE, name).then().statusCode(200).header("ETag", equalTo(newer)).body("order", equalTo(81));

            as(ADMIN).header("If-Match", newer).delete(TYPE, name).then().statusCode(204);
        } finally {
            as(ADMIN).delete(TYPE, name);
        }
    }

    @Test
    void idempotencyKeyReplaysTheCreate() {
        String name = Names.unique("idem");
        String key = Names.unique("type-key");
        Map<String, Object> body = Map.of("name", name, "order", 90);
        try {
            ExtractableResponse<Response> first = as(ADMIN).header("Idempotency-Key", key).body(body).post(TYPES)
                    .then().statusCode(201).header("Idempotent-Replayed", "false").extract();
            ExtractableResponse<Response> replay = as(ADMIN).header("Idempotency-Key", key).body(body).post(TYPES)
                    .then().statusCode(201).header("Idempotent-Replayed", "true").extract();
            assertEquals(first.body().asString(), replay.body().asString());
            assertProblem(as(ADMIN).header("Idempotency-Key", key).body(Map.of("name", name, "order", 91)).post(TYPES).then(),
                    422, "idempotency-key-reused");
        } finally {
            as(ADMIN).delete(TYPE, name);
        }
    }

    private static ValidatableResponse createType(String name, int order) {
        return as(ADMIN).body(Map.of("name", name, "order", order)).post(TYPES).then();
    }

    /** Every type, following nextPageToken until the last page. */
    private static List<Map<String, Object>> listAll(int pageSize) {
        List<Map<String, Object>> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = as(ALICE).queryParam("pageSize", pageSize);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            ExtractableResponse<Response> page = request.get(TYPES).then().statusCode(200).extract();
            List<Map<String, Object>> items = page.path("items");
            items.forEach(item -> all.add(new HashMap<>(item)));
            token = page.path("nextPageToken");
            pages++;
        } while (token != null && pages < 1000);
        return all;
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("https://slipway.dev/problems/" + type))
                .body("detail", not(emptyOrNullString()));
    }
}
