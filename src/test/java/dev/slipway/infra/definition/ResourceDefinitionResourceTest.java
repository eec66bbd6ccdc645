package dev.slipway.infra.definition;

import java.util.List;
import java.util.Map;

import dev.slipway.infra.driver.DriverInputs;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.infra.definition.InfraApi.ADMIN;
import static dev.slipway.infra.definition.InfraApi.DEFINITION;
import static dev.slipway.infra.definition.InfraApi.DEFINITIONS;
import static dev.slipway.infra.definition.InfraApi.MERGE_PATCH;
import static dev.slipway.infra.definition.InfraApi.create;
import static dev.slipway.infra.definition.InfraApi.createDefinition;
import static dev.slipway.infra.definition.InfraApi.definition;
import static dev.slipway.infra.definition.InfraApi.match;
import static dev.slipway.infra.definition.InfraApi.newType;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ResourceDefinitionResourceTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");

    @Inject
    ResourceDefinitions definitions;

    @Test
    void createsReadsAndListsWithoutEverShowingASecretInput() {
        String type = newType();
        String name = Names.unique("pg");
        String secret = "s3cr3t-" + Names.unique("pw");
        Response created = as(ADMIN).header("Idempotency-Key", name)
                .body(definition(name, type, secret, List.of(Map.of("environmentType", "production"))))
                .post(DEFINITIONS);
        created.then().statusCode(201).header("Location", containsString("/api/v1/resource-definitions/" + name))
                .header("ETag", "\"0\"").body("version", equalTo(0))
                .body("driver", equalTo(OutputsTestDriver.NAME))
                .body("driverInputs.values.host", equalTo("db.example.com")).body("driverInputs.values.port", equalTo(5432))
                .body("driverInputs.secrets.password.set", equalTo(true)).body("driverInputs.secrets.password.version", equalTo(1))
                .body("driverInputs.secrets.password.fingerprint", startsWith("hmac-sha256:"))
                .body("criteria[0].environmentType", equalTo("production")).body("criteria[0].class", equalTo("default"))
                .body("retain", equalTo(false)).body("createdBy", notNullValue());
        assertFalse(created.asString().contains(secret));
        // A retry replays; everyone reads, never the value.
        as(ADMIN).header("Idempotency-Key", name).body(definition(name, type, secret, List.of(Map.of("environmentType", "production"))))
                .post(DEFINITIONS).then().statusCode(201).header("Idempotent-Replayed", "true");
        String read = as(BOB).get(DEFINITION, name).then().statusCode(200).header("ETag", "\"0\"")
                .body("driverInputs.secrets.password.set", equalTo(true)).extract().asString();
        assertFalse(read.contains(secret));
        String listed = as(BOB).queryParam("type", type).get(DEFINITIONS).then().statusCode(200)
                .body("items.name", equalTo(List.of(name))).extract().asString();
        assertFalse(listed.contains(secret));
        as(BOB).get(DEFINITION, "no-such-definition").then().statusCode(404);
    }

    @Test
    void everyChangeBumpsTheVersionAndSecretsMergeByName() {
        String type = newType();
        String name = Names.unique("pg");
        createDefinition(name, type, List.of(Map.of("application", Names.unique("app"))));
        String fingerprint = as(ADMIN).get(DEFINITION, name).then().extract().path("driverInputs.secrets.password.fingerprint");

        // A plain change: version 1.
        as(ADMIN).contentType(MERGE_PATCH).header("If-Match", "\"0\"").body(Map.of("retain", true)).patch(DEFINITION, name).then()
                .statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1)).body("retain", equalTo(true))
                .body("driverInputs.secrets.password.version", equalTo(1)).body("driverInputs.values.host", equalTo("db.example.com"));
        // A stale ETag.
        as(ADMIN).contentType(MERGE_PATCH).header("If-Match", "\"0\"").body(Map.of("retain", false)).patch(DEFINITION, name).then()
                .statusCode(412);
        // A new secret value: version 2 of the definition and of the secret, another fingerprint; values merge.
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("driverInputs", Map.of("secrets", Map.of("password", "rotated"),
                "values", Map.of("port", 6432)))).patch(DEFINITION, name).then().statusCode(200)
                .body("version", equalTo(2)).body("driverInputs.secrets.password.version", equalTo(2))
                .body("driverInputs.secrets.password.fingerprint", not(equalTo(fingerprint)))
                .body("driverInputs.values.host", equalTo("db.example.com")).body("driverInputs.values.port", equalTo(6432));
        // The same secret value again keeps the stored one, though the definition still counts a change.
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("driverInputs", Map.of("secrets", Map.of("password", "rotated"))))
                .patch(DEFINITION, name).then().statusCode(200).body("version", equalTo(3))
                .body("driverInputs.secrets.password.version", equalTo(2));
        // null removes a secret.
        as(ADMIN).contentType(MERGE_PATCH).body("{\"driverInputs\": {\"secrets\": {\"password\": null}}}").patch(DEFINITION, name).then()
                .statusCode(200).body("version", equalTo(4)).body("driverInputs.secrets.password", nullValue());
        // Name and type are immutable.
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("name", "other", "type", "redis")).patch(DEFINITION, name).then().statusCode(400)
                .body("errors.field", hasItems("name", "type"));
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("driverInputs", Map.of("secrets", Map.of("password", 42)))).patch(DEFINITION, name)
                .then().statusCode(400).body("errors.field", hasItem("driverInputs.secrets.password"));

        as(ADMIN).header("If-Match", "\"3\"").delete(DEFINITION, name).then().statusCode(412);
        as(ADMIN).header("If-Match", "\"4\"").delete(DEFINITION, name).then().statusCode(204);
        as(ADMIN).get(DEFINITION, name).then().statusCode(404);
    }

    @Test
    void writesAreValidatedWithTheDriver() {
        String type = newType();
        Map<String, Object> body = definition(Names.unique("bad"), type, "pw", List.of(Map.of()));
        body.put("driver", "no-such-driver");
        create(ADMIN, body).statusCode(400).body("errors.field", hasItem("driver"))
                .body("errors.find { it.field == 'driver' }.message", containsString(OutputsTestDriver.NAME));
        body.put("driver", OutputsTestDriver.NAME);
        body.put("type", "no-such-type");
        create(ADMIN, body).statusCode(400).body("errors.field", hasItem("type"));
        // The driver sees the type's outputs: "database" is not one, and the password is secret.
        Map<String, Object> wrongInputs = definition(Names.unique("bad"), type, "pw", List.of(Map.of()));
        wrongInputs.put("driverInputs", Map.of("values", Map.of("database", "x", "password", "clear")));
        create(ADMIN, wrongInputs).statusCode(400)
                .body("errors.field", hasItems("driverInputs.values.database", "driverInputs.values.password"));
        // Criteria: at least one, slugs, no repeats.
        create(ADMIN, definition(Names.unique("bad"), type, "pw", List.of())).statusCode(400).body("errors.field", hasItem("criteria"));
        create(ADMIN, definition(Names.unique("bad"), type, "pw", List.of(Map.of("application", "Not A Slug"), Map.of("class", "large"),
                Map.of("class", "large")))).statusCode(400).body("errors.field", hasItems("criteria[0].application", "criteria[2]"));
        create(ADMIN, definition("Bad Name", type, "pw", List.of(Map.of()))).statusCode(400).body("errors.field", hasItem("name"));
        as(ADMIN).body(Map.of("name", Names.unique("bad"), "type", type, "driver", OutputsTestDriver.NAME,
                "criteria", List.of(Map.of("cluster", "x")))).post(DEFINITIONS).then().statusCode(400);
        String taken = Names.unique("taken");
        createDefinition(taken, type, List.of(Map.of("application", Names.unique("a"))));
        create(ADMIN, definition(taken, type, "pw", List.of(Map.of("application", Names.unique("a"))))).statusCode(409);
    }

    @Test
    void twoDefinitionsThatWouldTieAreRefusedNamingBoth() {
        String type = newType();
        String first = Names.unique("first");
        String second = Names.unique("second");
        createDefinition(first, type, List.of(Map.of("environmentType", "production"), Map.of("application", "shop")));
        // Same keys, same values, same class (spelled out or not): 409 naming both.
        create(ADMIN, definition(second, type, "pw", List.of(Map.of("application", "shop", "class", "default")))).statusCode(409)
                .body("detail", allOf(containsString(first), containsString(second), containsString("application=shop")));
        // Another class, or more keys, do not tie.
        createDefinition(second, type, List.of(Map.of("application", "shop", "class", "large")));
        // An update that would tie is refused the same way.
        as(ADMIN).contentType(MERGE_PATCH).body(Map.of("criteria", List.of(Map.of("environmentType", "production"))))
                .patch(DEFINITION, second).then().statusCode(409).body("detail", allOf(containsString(first), containsString(second)));
        // Other types never tie with these.
        createDefinition(Names.unique("third"), newType(), List.of(Map.of("application", "shop")));
    }

    @Test
    void onlyAdminsWriteDefinitions() {
        String type = newType();
        String name = Names.unique("pg");
        create(BOB, definition(name, type, "pw", List.of(Map.of()))).statusCode(403);
        createDefinition(name, type, List.of(Map.of()));
        as(BOB).contentType(MERGE_PATCH).body(Map.of("retain", true)).patch(DEFINITION, name).then().statusCode(403);
        as(BOB).delete(DEFINITION, name).then().statusCode(403);
        as(BOB).get(DEFINITION, name).then().statusCode(200).body("version", equalTo(0));
        io.restassured.RestAssured.given().get(DEFINITION, name).then().statusCode(401);
    }

    @Test
    void theDryRunSaysWhichDefinitionWouldServeAndWhy() {
        String type = newType();
        String app = Names.unique("shop");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        String byType = Names.unique("by-type");
        String byApp = Names.unique("by-app");
        String large = Names.unique("large");
        createDefinition(byType, type, List.of(Map.of("environmentType", "production")));
        createDefinition(byApp, type, List.of(Map.of("application", app, "environment", "prod")));
        createDefinition(large, type, List.of(Map.of("class", "large")));

        match(ALICE, app, "prod", type, null).statusCode(200).body("matched", equalTo(true))
                .body("environmentType", equalTo("production")).body("class", equalTo("default"))
                .body("definition.definition", equalTo(byApp)).body("definition.version", equalTo(0))
                .body("definition.driver", equalTo(OutputsTestDriver.NAME))
                .body("definition.specificity", equalTo("application+environment")).body("definition.rank", equalTo(6))
                .body("definition.criterion.application", equalTo(app))
                .body("reason", allOf(containsString(byApp), containsString(byType), containsString(large)))
                .body("candidates.definition", equalTo(List.of(byApp, byType, large)));
        match(ALICE, app, "prod", type, "large").statusCode(200).body("definition.definition", equalTo(large))
                .body("definition.specificity", equalTo("any"));
        // No definition serves dev: a 200 answer that says so and why.
        match(ALICE, app, "dev", type, null).statusCode(200).body("matched", equalTo(false)).body("definition", nullValue())
                .body("reason", allOf(containsString("none of the 3"), containsString("environmentType is development, not production")));
        match(ALICE, app, "dev", newType(), null).statusCode(200).body("matched", equalTo(false))
                .body("reason", containsString("no resource definition of type"));
        // Percent-encoded custom method.
        as(ALICE).urlEncodingEnabled(false).body(Map.of("application", app, "environment", "prod", "type", type))
                .post("/api/v1/resource-definitions%3Amatch").then().statusCode(200).body("matched", equalTo(true));
    }

    @Test
    void theDryRunNeedsTheApplicationAndAnExistingEnvironmentAndType() {
        String type = newType();
        String app = Names.unique("shop");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String hidden = match(BOB, app, "dev", type, null).statusCode(404).extract().path("detail");
        String missing = match(BOB, Names.unique("nothing"), "dev", type, null).statusCode(404).extract().path("detail");
        assertEquals(missing.replaceAll("'[^']*'", "'x'"), hidden.replaceAll("'[^']*'", "'x'"));
        match(ALICE, app, "nowhere", type, null).statusCode(404);
        match(ALICE, app, "dev", "no-such-type", null).statusCode(400).body("errors.field", hasItem("type"));
        match(ALICE, app, "dev", type, "Not Slug").statusCode(400).body("errors.field", hasItem("class"));
        // An admin, or any caller who can read the application, may ask.
        match(ADMIN, app, "dev", type, null).statusCode(200);
    }

    /** The provisioner's calls, made from a thread that is not Vert.x's as a reconciler worker would. */
    @Test
    void theProvisionerMatchesAndReadsInputsWithSecretsOpened() throws Throwable {
        String type = newType();
        String name = Names.unique("prov");
        String app = Names.unique("app");
        as(ADMIN).body(definition(name, type, "opened-secret", List.of(Map.of("application", app)))).post(DEFINITIONS).then()
                .statusCode(201);

        DefinitionMatch match = VertxContextSupport.subscribeAndAwait(
                () -> definitions.match(new MatchQuery(app, "prod", "production", type, null)));
        assertTrue(match.matched());
        assertEquals(name, match.definition().definition());
        assertEquals("application", match.definition().specificity());

        ResolvedDefinition resolved = VertxContextSupport.subscribeAndAwait(() -> definitions.resolve(name));
        assertEquals(OutputsTestDriver.NAME, resolved.driver());
        assertEquals(0, resolved.version());
        assertEquals(new DriverInputs(Map.of("host", "db.example.com", "port", 5432), Map.of("password", "opened-secret")),
                resolved.inputs());
        assertTrue(resolved.outputs().isSecret("password"));
        assertFalse(resolved.toString().contains("opened-secret"), resolved.toString());
        assertNotEquals(null, resolved.outputs());
    }
}
