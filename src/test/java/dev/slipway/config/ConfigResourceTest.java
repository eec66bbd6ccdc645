package dev.slipway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static dev.slipway.config.ConfigApi.BASE;
import static dev.slipway.config.ConfigApi.ENVIRONMENT;
import static dev.slipway.config.ConfigApi.changes;
import static dev.slipway.config.ConfigApi.patchBase;
import static dev.slipway.config.ConfigApi.patchEnvironment;
import static dev.slipway.config.ConfigApi.remove;
import static dev.slipway.config.ConfigApi.secret;
import static dev.slipway.config.ConfigApi.secretRef;
import static dev.slipway.config.ConfigApi.unset;
import static dev.slipway.config.ConfigApi.value;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Configuration over REST: precedence, removals, revisions, restore, diffs, concurrency, permissions, validation. */
@QuarkusTest
class ConfigResourceTest {
    static final String ALICE = TestTokens.user("alice", "team-a");
    static final String BOB = TestTokens.user("bob", "team-b");

    /** A new application of team-a with environments dev (development) and stage (staging); bob (team-b) may read it. */
    static String newApp() {
        String app = Names.unique("cfg");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        createEnvironment(ALICE, app, "stage", "staging").statusCode(201);
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        return app;
    }

    static JsonPath environmentConfig(String app, String env) {
        return as(ALICE).get(ENVIRONMENT, app, env).then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> entry(JsonPath config, String name) {
        return config.getMap("entries.find { it.name == '" + name + "' }");
    }

    @Test
    void theBaseStartsEmptyAndEveryChangeIsARevision() {
        String app = newApp();
        as(BOB).get(BASE, app).then().statusCode(200).header("ETag", "\"0\"")
                .body("application", equalTo(app)).body("revision", equalTo(0)).body("entries.size()", equalTo(0));
        as(ALICE).body(changes("first", value("LOG_LEVEL", "info"), value("POOL_SIZE", "10")))
                .patch(BASE, app).then().statusCode(200).header("ETag", "\"1\"")
                .body("revision", equalTo(1))
                .body("entries.name", equalTo(List.of("LOG_LEVEL", "POOL_SIZE")))
                .body("entries[0].type", equalTo("VARIABLE")).body("entries[0].value", equalTo("info"))
                .body("entries[0].revision", equalTo(1)).body("entries[0].source", nullValue());
        // The same values again change nothing and make no revision.
        patchBase(ALICE, app, value("LOG_LEVEL", "info")).statusCode(200).body("revision", equalTo(1));
        patchBase(ALICE, app, value("LOG_LEVEL", "warn"), unset("POOL_SIZE")).statusCode(200).body("revision", equalTo(2))
                .body("entries.name", equalTo(List.of("LOG_LEVEL")));
        as(ALICE).get(BASE + "/revisions", app).then().statusCode(200)
                .body("items.revision", equalTo(List.of(2, 1)))
                .body("items[0].changes", equalTo(List.of(Map.of("name", "LOG_LEVEL", "action", "SET", "type", "VARIABLE"),
                        Map.of("name", "POOL_SIZE", "action", "UNSET"))))
                .body("items[1].message", equalTo("first")).body("items[1].createdBy", equalTo("alice"))
                .body("items[0].entries", nullValue());
    }

    @Test
    void environmentOverridesWinAndRemovalsHideBaseEntries() {
        String app = newApp();
        patchBase(ALICE, app, value("LOG_LEVEL", "info"), value("DEBUG_TOOLS", "on"), value("POOL_SIZE", "10")).statusCode(200);
        patchEnvironment(ALICE, app, "dev", value("LOG_LEVEL", "debug"), remove("DEBUG_TOOLS"), value("ONLY_DEV", "x"),
                secretRef("API_KEY", "vault-synced", "api-key")).statusCode(200)
                .header("ETag", "\"2\"").body("revision", equalTo(2)).body("baseRevision", equalTo(1))
                .body("environmentRevision", equalTo(2));

        JsonPath dev = environmentConfig(app, "dev");
        assertEquals(List.of("API_KEY", "LOG_LEVEL", "ONLY_DEV", "POOL_SIZE"), dev.getList("entries.name"));
        assertEquals(Map.of("name", "LOG_LEVEL", "type", "VARIABLE", "value", "debug", "revision", 2, "source", "ENVIRONMENT",
                "overridesBase", true), entry(dev, "LOG_LEVEL"));
        assertEquals(Map.of("name", "POOL_SIZE", "type", "VARIABLE", "value", "10", "revision", 1, "source", "BASE",
                "overridesBase", false), entry(dev, "POOL_SIZE"));
        assertEquals(Map.of("name", "vault-synced", "key", "api-key"), entry(dev, "API_KEY").get("secretRef"));
        assertEquals(false, entry(dev, "ONLY_DEV").get("overridesBase"));
        assertEquals(List.of("DEBUG_TOOLS"), dev.getList("removed"));

        // Another environment gets the base alone.
        JsonPath stage = environmentConfig(app, "stage");
        assertEquals(List.of("DEBUG_TOOLS", "LOG_LEVEL", "POOL_SIZE"), stage.getList("entries.name"));
        assertEquals("info", entry(stage, "LOG_LEVEL").get("value"));
        assertEquals(1, stage.getInt("revision"));

        // Unsetting the override brings the base value back; dropping the removal the base entry.
        patchEnvironment(ALICE, app, "dev", unset("LOG_LEVEL"), unset("DEBUG_TOOLS")).statusCode(200);
        dev = environmentConfig(app, "dev");
        assertEquals("info", entry(dev, "LOG_LEVEL").get("value"));
        assertEquals("BASE", entry(dev, "LOG_LEVEL").get("source"));
        assertEquals("on", entry(dev, "DEBUG_TOOLS").get("value"));
        assertEquals(List.of(), dev.getList("removed"));
        // A base change reaches the environment.
        patchBase(ALICE, app, value("POOL_SIZE", "20")).statusCode(200);
        assertEquals("20", entry(environmentConfig(app, "dev"), "POOL_SIZE").get("value"));
    }

    @Test
    void revisionsAreNumberedPerApplicationListedNewestFirstAndReadableAsOfAnyNumber() {
        String app = newApp();
        patchBase(ALICE, app, value("A", "1")).statusCode(200); // 1
        patchEnvironment(ALICE, app, "dev", value("A", "dev-1")).statusCode(200); // 2
        patchEnvironment(ALICE, app, "stage", value("A", "stage-1")).statusCode(200); // 3
        patchBase(ALICE, app, value("B", "2")).statusCode(200); // 4
        patchEnvironment(ALICE, app, "dev", value("A", "dev-2")).statusCode(200); // 5

        as(ALICE).get(BASE + "/revisions", app).then().statusCode(200).body("items.revision", equalTo(List.of(5, 4, 3, 2, 1)))
                .body("items.environment", equalTo(java.util.Arrays.asList("dev", null, "stage", "dev", null)));
        as(ALICE).queryParam("environment", "dev").get(BASE + "/revisions", app).then().statusCode(200)
                .body("items.revision", equalTo(List.of(5, 4, 2, 1)));

        JsonPath firstPage = as(ALICE).queryParam("pageSize", 2).get(BASE + "/revisions", app).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(5, 4), firstPage.getList("items.revision"));
        JsonPath secondPage = as(ALICE).queryParam("pageSize", 2).queryParam("pageToken", firstPage.getString("nextPageToken"))
                .get(BASE + "/revisions", app).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(3, 2), secondPage.getList("items.revision"));
        as(ALICE).queryParam("environment", "dev").queryParam("pageToken", firstPage.getString("nextPageToken"))
                .get(BASE + "/revisions", app).then().statusCode(400).body("errors.field", hasItem("pageToken"));

        as(BOB).get(BASE + "/revisions/{n}", app, 2).then().statusCode(200)
                .body("revision", equalTo(2)).body("environment", equalTo("dev"))
                .body("changes", equalTo(List.of(Map.of("name", "A", "action", "SET", "type", "VARIABLE"))))
                .body("entries.value", equalTo(List.of("dev-1")));
        as(ALICE).get(BASE + "/revisions/{n}", app, 99).then().statusCode(404).contentType("application/problem+json");
        as(ALICE).get(BASE + "/revisions/{n}", app, "latest").then().statusCode(404);

        // Any environment as of any revision: dev as of 4 has its revision-2 override and the revision-4 base.
        as(ALICE).queryParam("revision", 4).get(ENVIRONMENT, app, "dev").then().statusCode(200)
                .body("revision", equalTo(4)).body("baseRevision", equalTo(4)).body("environmentRevision", equalTo(2))
                .body("entries.value", equalTo(List.of("dev-1", "2")));
        as(ALICE).queryParam("revision", 0).get(ENVIRONMENT, app, "dev").then().statusCode(200).body("entries.size()", equalTo(0));
        as(ALICE).queryParam("revision", 6).get(ENVIRONMENT, app, "dev").then().statusCode(404);
        as(ALICE).queryParam("revision", "x").get(ENVIRONMENT, app, "dev").then().statusCode(400).body("errors.field", hasItem("revision"));
    }

    @Test
    void restoreMakesANewRevisionEqualToAnOldOne() {
        String app = newApp();
        patchBase(ALICE, app, value("A", "1"), value("B", "1")).statusCode(200); // 1
        patchBase(ALICE, app, value("A", "2"), unset("B"), value("C", "3")).statusCode(200); // 2
        patchEnvironment(ALICE, app, "dev", value("A", "dev")).statusCode(200); // 3
        patchEnvironment(ALICE, app, "dev", remove("C")).statusCode(200); // 4

        as(ALICE).body(Map.of("revision", 1)).post(BASE + ":restore", app).then().statusCode(200).header("ETag", "\"5\"")
                .body("revision", equalTo(5)).body("entries.name", equalTo(List.of("A", "B")))
                .body("entries.value", equalTo(List.of("1", "1")));
        as(ALICE).get(BASE + "/revisions/5", app).then().statusCode(200)
                .body("restoredFrom", equalTo(1)).body("message", equalTo("restore revision 1"))
                .body("changes.name", equalTo(List.of("A", "B", "C"))).body("changes.action", equalTo(List.of("SET", "SET", "UNSET")));

        // An environment's overrides restored to revision 3: the removal of C is gone, the base stays.
        as(ALICE).body(Map.of("revision", 3, "message", "undo")).post(ENVIRONMENT + ":restore", app, "dev").then().statusCode(200)
                .body("revision", equalTo(6)).body("environmentRevision", equalTo(6)).body("removed", equalTo(List.of()))
                .body("entries.name", equalTo(List.of("A", "B"))).body("entries.value", equalTo(List.of("dev", "1")));
        // Restoring what is already there changes nothing.
        as(ALICE).body(Map.of("revision", 3)).post(ENVIRONMENT + ":restore", app, "dev").then().statusCode(200).body("revision",
                equalTo(6));
        // Restoring to before the environment had overrides empties them.
        as(ALICE).body(Map.of("revision", 2)).post(ENVIRONMENT + ":restore", app, "dev").then().statusCode(200)
                .body("environmentRevision", equalTo(7)).body("entries.source", equalTo(List.of("BASE", "BASE")));

        as(ALICE).body(Map.of("revision", 42)).post(BASE + ":restore", app).then().statusCode(400).body("errors.field",
                hasItem("revision"));
        as(ALICE).body(Map.of()).post(BASE + ":restore", app).then().statusCode(400).body("errors.field", hasItem("revision"));
        // A client that percent-encodes the colon reaches the same operation.
        as(ALICE).body(Map.of("revision", 2)).urlEncodingEnabled(false).post("/api/v1/applications/" + app + "/config%3Arestore")
                .then().statusCode(200).body("entries.name", equalTo(List.of("A", "C")));
        as(ALICE).body(Map.of("revision", 2)).urlEncodingEnabled(false)
                .post("/api/v1/applications/" + app + "/environments/dev/config%3Arestore").then().statusCode(200);
        as(ALICE).body(Map.of("revision", 2)).urlEncodingEnabled(false).post("/api/v1/applications/" + app + "/config%3Aundo")
                .then().statusCode(404).contentType("application/problem+json");
        as(ALICE).get(BASE + "/nothing-here", app).then().statusCode(404);
    }

    @Test
    void diffsBetweenRevisionsAndBetweenEnvironments() {
        String app = newApp();
        patchBase(ALICE, app, value("LOG_LEVEL", "info"), value("POOL", "10"), secret("DB_PASSWORD", "pw-1")).statusCode(200); // 1
        patchBase(ALICE, app, value("POOL", "20"), value("NEW", "x")).statusCode(200); // 2
        patchEnvironment(ALICE, app, "stage", value("LOG_LEVEL", "debug"), secret("DB_PASSWORD", "pw-stage")).statusCode(200); // 3
        patchEnvironment(ALICE, app, "dev", secret("DB_PASSWORD", "pw-1"), remove("NEW")).statusCode(200); // 4

        as(ALICE).queryParam("from", "1").queryParam("to", "2").get(BASE + "/diff", app).then().statusCode(200)
                .body("fromRevision", equalTo(1)).body("toRevision", equalTo(2)).body("unchanged", equalTo(2))
                .body("differences.name", equalTo(List.of("NEW", "POOL")))
                .body("differences.change", equalTo(List.of("ADDED", "CHANGED")))
                .body("differences[1].from.value", equalTo("10")).body("differences[1].to.value", equalTo("20"))
                .body("differences[0].from", nullValue());

        // What moving from stage's configuration to dev's changes. dev's DB_PASSWORD is another stored value
        // with the same content as the base's: not a difference against the base, but one against stage's.
        JsonPath stageToDev = as(BOB).queryParam("from", "stage").queryParam("to", "dev").get(BASE + "/diff", app)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("DB_PASSWORD", "LOG_LEVEL", "NEW"), stageToDev.getList("differences.name"));
        assertEquals(List.of("CHANGED", "CHANGED", "REMOVED"), stageToDev.getList("differences.change"));
        assertEquals(true, stageToDev.getBoolean("differences[0].to.secret.set"));
        assertNull(stageToDev.get("differences[0].to.value"));
        assertEquals(1, stageToDev.getInt("unchanged"));
        as(ALICE).queryParam("from", "2").queryParam("to", "dev").get(BASE + "/diff", app).then().statusCode(200)
                .body("differences.name", equalTo(List.of("NEW"))).body("differences.change", equalTo(List.of("REMOVED")));

        // One environment over time.
        as(ALICE).queryParam("from", "stage@2").queryParam("to", "stage").get(BASE + "/diff", app).then().statusCode(200)
                .body("fromRevision", equalTo(2)).body("toRevision", equalTo(3))
                .body("differences.name", equalTo(List.of("DB_PASSWORD", "LOG_LEVEL")));
        as(ALICE).queryParam("from", "stage").queryParam("to", "stage").get(BASE + "/diff", app).then().statusCode(200)
                .body("differences.size()", equalTo(0));

        as(ALICE).queryParam("from", "Stage!").queryParam("to", "dev").get(BASE + "/diff", app).then().statusCode(400)
                .body("errors.field", hasItem("from"));
        as(ALICE).queryParam("from", "1").get(BASE + "/diff", app).then().statusCode(400).body("errors.field", hasItem("to"));
        as(ALICE).queryParam("from", "1").queryParam("to", "9").get(BASE + "/diff", app).then().statusCode(400).body("errors.field",
                hasItem("to"));
        as(ALICE).queryParam("from", "1").queryParam("to", "prod").get(BASE + "/diff", app).then().statusCode(404);
    }

    @Test
    void aStaleIfMatchIs412AndOnlyOneOfManyConcurrentEditsWins() throws Exception {
        String app = newApp();
        String etag = patchBase(ALICE, app, value("A", "1")).statusCode(200).extract().header("ETag");
        as(ALICE).header("If-Match", etag).body(changes(null, value("A", "2"))).patch(BASE, app).then().statusCode(200).header("ETag",
                "\"2\"");
        as(ALICE).header("If-Match", etag).body(changes(null, value("A", "3"))).patch(BASE, app).then().statusCode(412)
                .contentType("application/problem+json").body("type", containsString("precondition-failed"));
        as(ALICE).header("If-Match", etag).body(Map.of("revision", 1)).post(BASE + ":restore", app).then().statusCode(412);

        // An environment's ETag changes with the base too: what the editor saw is no longer what it gets.
        String devTag = as(ALICE).get(ENVIRONMENT, app, "dev").then().statusCode(200).header("ETag", "\"2\"").extract().header("ETag");
        patchBase(ALICE, app, value("B", "1")).statusCode(200);
        as(ALICE).header("If-Match", devTag).body(changes(null, value("A", "dev"))).patch(ENVIRONMENT, app, "dev").then().statusCode(412);
        // ...but not with another environment's overrides.
        String stageTag = as(ALICE).get(ENVIRONMENT, app, "stage").then().extract().header("ETag");
        patchEnvironment(ALICE, app, "dev", value("A", "dev")).statusCode(200);
        as(ALICE).header("If-Match", stageTag).body(changes(null, value("A", "stage"))).patch(ENVIRONMENT, app, "stage").then()
                .statusCode(200);

        String current = as(ALICE).get(BASE, app).then().extract().header("ETag");
        ExecutorService editors = Executors.newFixedThreadPool(8);
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String valueOfEditor = "editor-" + i;
            outcomes.add(editors.submit(() -> as(ALICE).header("If-Match", current).body(changes(null, value("RACE", valueOfEditor)))
                    .patch(BASE, app).then().extract().statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> outcome : outcomes) {
            statuses.add(outcome.get());
        }
        editors.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
    }

    @Test
    void viewersReadDevelopersChangeNonProtectedEnvironmentsDeployersProtectedOnes() {
        String app = newApp();
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        String carol = TestTokens.user("carol", "team-c");
        String dave = TestTokens.user("dave", "team-d");
        String erin = TestTokens.user("erin", "team-e");
        Api.bind(ALICE, "user:dave", "developer", "application:" + app);
        Api.bind(ALICE, "user:erin", "deployer", "application:" + app);

        // A viewer reads everything and changes nothing.
        patchBase(ALICE, app, value("A", "1")).statusCode(200);
        as(BOB).get(BASE, app).then().statusCode(200).body("entries.value", equalTo(List.of("1")));
        as(BOB).get(ENVIRONMENT, app, "prod").then().statusCode(200);
        as(BOB).get(BASE + "/revisions", app).then().statusCode(200);
        as(BOB).queryParam("from", "1").queryParam("to", "dev").get(BASE + "/diff", app).then().statusCode(200);
        patchBase(BOB, app, value("A", "2")).statusCode(403).contentType("application/problem+json");
        patchEnvironment(BOB, app, "dev", value("A", "2")).statusCode(403);
        as(BOB).body(Map.of("revision", 1)).post(BASE + ":restore", app).then().statusCode(403);
        as(BOB).body(Map.of("revision", 1)).post(ENVIRONMENT + ":restore", app, "dev").then().statusCode(403);
        // Someone without a role cannot even tell that the application exists.
        as(carol).get(BASE, app).then().statusCode(404);
        as(carol).get(ENVIRONMENT, app, "dev").then().statusCode(404);
        patchBase(carol, app, value("A", "2")).statusCode(404);
        io.restassured.RestAssured.given().get(BASE, app).then().statusCode(401);

        // A developer changes non-protected environments, not production, and not the base that production receives.
        patchEnvironment(dave, app, "dev", value("A", "dev")).statusCode(200);
        patchEnvironment(dave, app, "stage", value("A", "stage")).statusCode(200);
        patchEnvironment(dave, app, "prod", value("A", "prod")).statusCode(403).body("detail", containsString("deployer"));
        as(dave).body(Map.of("revision", 1)).post(ENVIRONMENT + ":restore", app, "prod").then().statusCode(403);
        patchBase(dave, app, value("A", "base")).statusCode(403);
        // A deployer may do both; so may the owner group and an admin.
        patchEnvironment(erin, app, "prod", value("A", "prod")).statusCode(200);
        patchBase(erin, app, value("A", "base")).statusCode(200);
        patchBase(ALICE, app, value("A", "owner")).statusCode(200);
        patchEnvironment(TestTokens.admin(), app, "prod", value("A", "admin")).statusCode(200);

        // Without a protected environment the base is a developer's to change.
        String other = newApp();
        Api.bind(ALICE, "user:dave", "developer", "application:" + other);
        patchBase(dave, other, value("A", "1")).statusCode(200);
    }

    @Test
    void refusesInvalidChangesWithEveryFieldNamed() {
        String app = newApp();
        as(ALICE).body(changes(null, value("not-a-name", "x"), Map.of("name", "BOTH", "value", "1", "secret", "2"),
                Map.of("name", "NONE"), secretRef("REF", "Bad_Name", "key")))
                .patch(BASE, app).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("changes[0].name", "changes[1]", "changes[2]", "changes[3].secretRef.name"));
        patchBase(ALICE, app, remove("A")).statusCode(400).body("errors.field", hasItem("changes[0].remove"));
        as(ALICE).body(Map.of("changes", List.of(Map.of("name", "A", "value", 5)))).patch(BASE, app).then().statusCode(400)
                .body("errors.field", hasItem("changes[0].value"));
        as(ALICE).body(Map.of("changes", List.of(value("A", "1")), "extra", true)).patch(BASE, app).then().statusCode(400);
        as(ALICE).body(Map.of()).patch(BASE, app).then().statusCode(400).body("errors.field", hasItem("changes"));
        patchBase(ALICE, app, value("A", "x".repeat(64 * 1024 + 1))).statusCode(400).body("errors.field", hasItem("changes[0].value"));
        patchBase(ALICE, "no-such-app", value("A", "1")).statusCode(404);
        patchEnvironment(ALICE, app, "prod", value("A", "1")).statusCode(404);
        as(ALICE).get(BASE, app).then().body("revision", equalTo(0));
    }

    @Test
    void secretsAreWriteOnlyVersionedAndFingerprinted() {
        String app = newApp();
        JsonPath first = patchBase(ALICE, app, secret("DB_PASSWORD", "hunter2-first")).statusCode(200).extract().jsonPath();
        Map<String, Object> state = first.getMap("entries[0].secret");
        assertEquals(true, state.get("set"));
        assertEquals(1, state.get("version"));
        String fingerprint = (String) state.get("fingerprint");
        assertNull(first.get("entries[0].value"));
        // The same value again: nothing changes.
        patchBase(ALICE, app, secret("DB_PASSWORD", "hunter2-first")).statusCode(200).body("revision", equalTo(1))
                .body("entries[0].secret.version", equalTo(1));
        JsonPath second = patchBase(ALICE, app, secret("DB_PASSWORD", "hunter2-second")).statusCode(200).extract().jsonPath();
        assertEquals(2, second.getInt("entries[0].secret.version"));
        assertNotEquals(fingerprint, second.getString("entries[0].secret.fingerprint"));
        // The same value in an environment shows the same fingerprint: comparable without being shown.
        patchEnvironment(ALICE, app, "dev", secret("DB_PASSWORD", "hunter2-first")).statusCode(200)
                .body("entries[0].secret.fingerprint", equalTo(fingerprint)).body("entries[0].secret.version", equalTo(1))
                .body("entries[0].overridesBase", equalTo(true))
                .body(not(containsString("hunter2")));
        as(ALICE).get(BASE + "/revisions/2", app).then().statusCode(200).body(not(containsString("hunter2")));
    }
}
