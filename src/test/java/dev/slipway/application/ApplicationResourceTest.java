package dev.slipway.application;

import java.util.Map;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ApplicationResourceTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");

    @Test
    void createsAndReadsAnApplication() {
        String name = Names.unique("app");
        ExtractableResponse<Response> created = as(ALICE)
                .body(Map.of("name", name, "ownerGroup", "team-a", "displayName", "Checkout", "description", "Takes money",
                        "repositoryUrl", "https://git.example.com/a/checkout", "labels", Map.of("tier", "backend")))
                .post("/api/v1/applications")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/applications/" + name))
                .header("ETag", notNullValue())
                .body("name", equalTo(name))
                .body("id", notNullValue())
                .body("ownerGroup", equalTo("team-a"))
                .body("labels.tier", equalTo("backend"))
                .body("createdBy", equalTo("alice"))
                .extract();

        as(ALICE).get("/api/v1/applications/{name}", name)
                .then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("displayName", equalTo("Checkout"))
                .body("repositoryUrl", equalTo("https://git.example.com/a/checkout"))
                .body("createdAt", equalTo(created.path("createdAt")));
    }

    @Test
    void refusesADuplicateName() {
        String name = Names.unique("dup");
        createApplication(ALICE, name, "team-a").statusCode(201);
        createApplication(ALICE, name, "team-a").statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already exists"));
    }

    @Test
    void rejectsInvalidInputWithFieldErrorsAndWritesNothing() {
        as(ALICE).body(Map.of("name", "Bad_Name", "repositoryUrl", "not a url", "labels", Map.of("bad key!", "v")))
                .post("/api/v1/applications")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://slipway.dev/problems/invalid-request"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/applications"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("ownerGroup"))
                .body("errors.field", hasItem("repositoryUrl"))
                .body("errors.field", hasItem("labels.bad key!"));
        as(ALICE).get("/api/v1/applications/Bad_Name").then().statusCode(404);
    }

    @Test
    void rejectsMalformedJsonWrongTypesAndUnknownFields() {
        as(ALICE).body("{\"name\": \"x\",").post("/api/v1/applications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not valid JSON"))
                .body("detail", not(containsString("com.fasterxml")));
        as(ALICE).body("{\"name\": 42, \"ownerGroup\": \"team-a\"}").post("/api/v1/applications")
                .then().statusCode(400).body("errors[0].field", equalTo("name")).body("errors[0].message", equalTo("must be a string"));
        as(ALICE).body("{\"name\": \"abc\", \"ownerGroup\": \"team-a\", \"colour\": \"red\"}").post("/api/v1/applications")
                .then().statusCode(400).body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("is not a known field"));
        as(ALICE).body("{\"name\": \"abc\", \"ownerGroup\": \"team-a\", \"labels\": [\"a\"]}").post("/api/v1/applications")
                .then().statusCode(400).body("errors[0].field", equalTo("labels"));
        as(ALICE).body("").post("/api/v1/applications")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void refusesBodiesOverOneMebibyte() {
        String huge = "x".repeat(1024 * 1024 + 10);
        as(ALICE).body(Map.of("name", Names.unique("big"), "ownerGroup", "team-a", "description", huge))
                .post("/api/v1/applications")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void requiresABearerToken() {
        given().get("/api/v1/applications").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/applications").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("name", "anon-app", "ownerGroup", "x"))
                .post("/api/v1/applications").then().statusCode(401);
    }

    @Test
    void onlyOwnerGroupMembersOrAdminsCreateAndChange() {
        createApplication(BOB, Names.unique("notmine"), "team-a").statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("team-a"));
        String name = Names.unique("owned");
        createApplication(ALICE, name, "team-a").statusCode(201);
        // Another team cannot even see it: the same 404 as for a missing application.
        as(BOB).contentType("application/merge-patch+json").body(Map.of("displayName", "hijacked"))
                .patch("/api/v1/applications/{name}", name).then().statusCode(404);
        as(BOB).delete("/api/v1/applications/{name}", name).then().statusCode(404);
        as(TestTokens.admin()).contentType("application/merge-patch+json").body(Map.of("displayName", "by admin"))
                .patch("/api/v1/applications/{name}", name).then().statusCode(200).body("displayName", equalTo("by admin"));
        as(TestTokens.token("role-admin", java.util.Set.of(), java.util.Set.of("slipway-admin")))
                .contentType("application/merge-patch+json").body(Map.of("description", "by role admin"))
                .patch("/api/v1/applications/{name}", name).then().statusCode(200);
    }

    @Test
    void mergePatchSetsRemovesAndKeepsFields() {
        String name = Names.unique("patch");
        as(ALICE).body(Map.of("name", name, "ownerGroup", "team-a", "description", "first",
                "labels", Map.of("keep", "yes", "drop", "me")))
                .post("/api/v1/applications").then().statusCode(201);
        as(ALICE).contentType("application/merge-patch+json")
                .body("{\"description\": null, \"displayName\": \"New\", \"labels\": {\"drop\": null, \"add\": \"x\"}}")
                .patch("/api/v1/applications/{name}", name)
                .then().statusCode(200)
                .body("description", nullValue())
                .body("displayName", equalTo("New"))
                .body("labels.keep", equalTo("yes"))
                .body("labels.add", equalTo("x"))
                .body("labels.drop", nullValue())
                .body("ownerGroup", equalTo("team-a"));
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("name", "renamed"))
                .patch("/api/v1/applications/{name}", name)
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("ownerGroup", "team-b"))
                .patch("/api/v1/applications/{name}", name)
                .then().statusCode(403);
        as(ALICE).contentType("application/merge-patch+json").body("{\"displayName\": 7}")
                .patch("/api/v1/applications/{name}", name)
                .then().statusCode(400).body("errors[0].field", equalTo("displayName"));
    }

    @Test
    void staleIfMatchIsRefusedWith412() {
        String name = Names.unique("etag");
        String etag = createApplication(ALICE, name, "team-a").statusCode(201).extract().header("ETag");
        String newer = as(ALICE).contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("displayName", "one")).patch("/api/v1/applications/{name}", name)
                .then().statusCode(200).extract().header("ETag");
        assertEquals(false, etag.equals(newer));
        as(ALICE).contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("displayName", "two")).patch("/api/v1/applications/{name}", name)
                .then().statusCode(412).contentType("application/problem+json");
        as(ALICE).header("If-Match", etag).delete("/api/v1/applications/{name}", name).then().statusCode(412);
        as(ALICE).get("/api/v1/applications/{name}", name).then().body("displayName", equalTo("one"));
        as(ALICE).header("If-Match", newer).delete("/api/v1/applications/{name}", name).then().statusCode(204);
        as(ALICE).get("/api/v1/applications/{name}", name).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://slipway.dev/problems/not-found"));
    }

    @Test
    void deleteIsRefusedWhileEnvironmentsRemain() {
        String name = Names.unique("withenv");
        createApplication(ALICE, name, "team-a").statusCode(201);
        Api.createEnvironment(ALICE, name, "dev", "development").statusCode(201);
        Api.createEnvironment(ALICE, name, "qas", "staging").statusCode(201);
        as(ALICE).delete("/api/v1/applications/{name}", name).then().statusCode(409)
                .body("detail", containsString("[dev, qas]"));
        as(ALICE).delete("/api/v1/applications/{app}/environments/dev", name).then().statusCode(204);
        as(ALICE).delete("/api/v1/applications/{app}/environments/qas", name).then().statusCode(204);
        as(ALICE).delete("/api/v1/applications/{name}", name).then().statusCode(204);
    }

    @Test
    void idempotencyKeyReplaysTheFirstResponse() {
        String key = Names.unique("key");
        String name = Names.unique("idem");
        Map<String, Object> body = Map.of("name", name, "ownerGroup", "team-a");
        ExtractableResponse<Response> first = as(ALICE).header("Idempotency-Key", key).body(body)
                .post("/api/v1/applications").then().statusCode(201).header("Idempotent-Replayed", "false").extract();
        // The resource changes afterwards; the replay still answers with the first response.
        as(ALICE).contentType("application/merge-patch+json").body(Map.of("displayName", "changed"))
                .patch("/api/v1/applications/{name}", name).then().statusCode(200);
        ExtractableResponse<Response> replay = as(ALICE).header("Idempotency-Key", key).body(body)
                .post("/api/v1/applications").then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertEquals(first.body().asString(), replay.body().asString());
        assertEquals(first.header("Location"), replay.header("Location"));

        as(ALICE).header("Idempotency-Key", key).body(Map.of("name", Names.unique("other"), "ownerGroup", "team-a"))
                .post("/api/v1/applications").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://slipway.dev/problems/idempotency-key-reused"));
        // Keys belong to the caller: Bob's identical key is a different key.
        as(BOB).header("Idempotency-Key", key).body(Map.of("name", Names.unique("bobs"), "ownerGroup", "team-b"))
                .post("/api/v1/applications").then().statusCode(201);
    }

    @Test
    void listsPageByPageWithoutGapsOrDuplicates() {
        String group = Names.unique("pager");
        java.util.List<String> expected = new java.util.ArrayList<>();
        String admin = TestTokens.admin();
        for (int i = 0; i < 7; i++) {
            String name = group + "-" + i;
            expected.add(name);
            createApplication(admin, name, group).statusCode(201);
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = as(TestTokens.admin()).queryParam("ownerGroup", group).queryParam("pageSize", 3);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/applications").then().statusCode(200).extract();
            seen.addAll(page.path("items.name"));
            token = page.path("nextPageToken");
            pages++;
        } while (token != null && pages < 10);
        assertEquals(expected, seen);
        assertEquals(3, pages);
    }

    @Test
    void filtersByLabelSelector() {
        String team = Names.unique("lbl");
        as(ALICE).body(Map.of("name", team + "-a", "ownerGroup", "team-a", "labels", Map.of("team", team, "tier", "web")))
                .post("/api/v1/applications").then().statusCode(201);
        as(ALICE).body(Map.of("name", team + "-b", "ownerGroup", "team-a", "labels", Map.of("team", team, "tier", "db")))
                .post("/api/v1/applications").then().statusCode(201);
        as(ALICE).queryParam("labelSelector", "team=" + team + ",tier=db").get("/api/v1/applications")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].name", equalTo(team + "-b"))
                .body("nextPageToken", emptyOrNullString());
        as(ALICE).queryParam("labelSelector", "team").get("/api/v1/applications")
                .then().statusCode(400).body("errors[0].field", equalTo("labelSelector"));
    }

    @Test
    void rejectsPageSizesOutsideTheRangeAndForeignTokens() {
        as(ALICE).queryParam("pageSize", 0).get("/api/v1/applications").then().statusCode(400).body("errors[0].field", equalTo("pageSize"));
        as(ALICE).queryParam("pageSize", 501).get("/api/v1/applications").then().statusCode(400);
        as(ALICE).queryParam("pageSize", "many").get("/api/v1/applications").then().statusCode(400);
        as(ALICE).queryParam("pageSize", 500).get("/api/v1/applications").then().statusCode(200);
        as(ALICE).queryParam("pageToken", "garbage!").get("/api/v1/applications").then().statusCode(400)
                .body("errors[0].field", equalTo("pageToken"));
    }
}
