package dev.slipway.infra.definition;

import java.util.List;
import java.util.Map;

import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.infra.definition.InfraApi.ADMIN;
import static dev.slipway.infra.definition.InfraApi.MERGE_PATCH;
import static dev.slipway.infra.definition.InfraApi.TYPE;
import static dev.slipway.infra.definition.InfraApi.TYPES;
import static dev.slipway.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ResourceTypeResourceTest {
    private static final String BOB = TestTokens.user("bob", "team-b");

    @Test
    void theFourBuiltInTypesAreSeededWithTheirOutputs() {
        as(BOB).get(TYPE, "postgres").then().statusCode(200).header("ETag", notNullValue())
                .body("builtIn", equalTo(true)).body("createdBy", equalTo("system"))
                .body("outputs.name", equalTo(List.of("host", "port", "name", "username", "password", "url")))
                .body("outputs.secret", equalTo(List.of(false, false, false, false, true, true)));
        as(BOB).get(TYPE, "redis").then().statusCode(200).body("outputs.findAll { it.secret }.name", equalTo(List.of("password", "url")));
        as(BOB).get(TYPE, "s3").then().statusCode(200)
                .body("outputs.name", equalTo(List.of("bucket", "region", "endpoint", "accessKeyId", "secretAccessKey")))
                .body("outputs.findAll { it.secret }.name", equalTo(List.of("secretAccessKey")));
        as(BOB).get(TYPE, "dns").then().statusCode(200).body("outputs.name", equalTo(List.of("host")));
        as(BOB).queryParam("pageSize", 500).get(TYPES).then().statusCode(200).body("items.name",
                hasItems("dns", "postgres", "redis", "s3"));
    }

    @Test
    void builtInTypesAreReadOnly() {
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("description", "mine now")).patch(TYPE, "postgres").then().statusCode(409)
                .body("detail", containsString("built in"));
        as(ADMIN).delete(TYPE, "redis").then().statusCode(409);
        as(ADMIN).get(TYPE, "redis").then().statusCode(200);
    }

    @Test
    void adminsRegisterChangeAndDeleteTypes() {
        String name = Names.unique("mongo");
        String etag = as(ADMIN).header("Idempotency-Key", name)
                .body(Map.of("name", name, "outputs", List.of(Map.of("name", "uri", "secret", true))))
                .post(TYPES).then().statusCode(201).header("Location", containsString("/api/v1/resource-types/" + name))
                .body("builtIn", equalTo(false)).body("outputs[0].secret", equalTo(true)).extract().header("ETag");
        // A retry with the same key replays the first answer.
        as(ADMIN).header("Idempotency-Key", name).body(Map.of("name", name, "outputs", List.of(Map.of("name", "uri", "secret", true))))
                .post(TYPES).then().statusCode(201).header("Idempotent-Replayed", "true");
        as(BOB).get(TYPE, name).then().statusCode(200).body("outputs[0].name", equalTo("uri"));

        as(ADMIN).contentType(MERGE_PATCH).header("If-Match", "\"99\"").body(Map.of("description", "x")).patch(TYPE, name).then()
                .statusCode(412);
        as(ADMIN).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("description", "Document store", "outputs",
                        List.of(Map.of("name", "uri", "secret", true), Map.of("name", "database"))))
                .patch(TYPE, name).then().statusCode(200).body("description", equalTo("Document store"))
                .body("outputs[1].secret", equalTo(false));
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("name", "renamed")).patch(TYPE, name).then().statusCode(400);
        as(ADMIN).delete(TYPE, name).then().statusCode(204);
        as(ADMIN).get(TYPE, name).then().statusCode(404);
    }

    @Test
    void onlyAdminsWriteTypesAndEveryoneReadsThem() {
        String name = Names.unique("denied");
        as(BOB).body(Map.of("name", name, "outputs", List.of(Map.of("name", "uri")))).post(TYPES).then().statusCode(403);
        String existing = InfraApi.newType();
        as(BOB).contentType(MERGE_PATCH).body(Map.of("description", "x")).patch(TYPE, existing).then().statusCode(403);
        as(BOB).delete(TYPE, existing).then().statusCode(403);
        as(BOB).get(TYPE, existing).then().statusCode(200);
        io.restassured.RestAssured.given().get(TYPE, existing).then().statusCode(401);
    }

    @Test
    void outputsAreValidated() {
        as(ADMIN).body(Map.of("name", Names.unique("bad"), "outputs", List.of())).post(TYPES).then().statusCode(400)
                .body("errors.field", hasItem("outputs"));
        as(ADMIN).body(Map.of("name", Names.unique("bad"), "outputs", List.of(Map.of("name", "Bad-Name"), Map.of("name", "ok"),
                Map.of("name", "ok")))).post(TYPES).then().statusCode(400)
                .body("errors.field", hasItems("outputs[0].name", "outputs[2].name"));
        as(ADMIN).body(Map.of("name", "postgres", "outputs", List.of(Map.of("name", "ok")))).post(TYPES).then().statusCode(409);
    }

    @Test
    void aTypeInUseKeepsItsOutputsAndCannotBeDeleted() {
        String type = InfraApi.newType();
        String definition = Names.unique("uses");
        InfraApi.createDefinition(definition, type, List.of(Map.of()));
        as(ADMIN).delete(TYPE, type).then().statusCode(409).body("detail", containsString(definition));
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("outputs", List.of(Map.of("name", "host")))).patch(TYPE, type).then()
                .statusCode(409);
        // The description may change any time.
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("description", "still used")).patch(TYPE, type).then().statusCode(200);
        as(ADMIN).delete(InfraApi.DEFINITION, definition).then().statusCode(204);
        as(ADMIN).delete(TYPE, type).then().statusCode(204);
    }
}
