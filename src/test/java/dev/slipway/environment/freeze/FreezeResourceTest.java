package dev.slipway.environment.freeze;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Freezes over REST: writing them by scope, and what they do to deployments (409 naming the freeze,
 * break-glass by an owner, refused to a developer, rollbacks too). Type-wide freezes use an
 * environment type of the test's own, and platform-wide ones are lifted before the test ends, so
 * no other test's deployments meet them.
 */
@QuarkusTest
class FreezeResourceTest {
    static final String ALICE = TestTokens.user("alice", "team-a");
    static final String BOB = TestTokens.user("bob", "team-b");
    static final String DAVE = TestTokens.user("dave", "team-d");
    static final String ADMIN = TestTokens.admin();
    static final String FREEZES = "/api/v1/freezes";
    static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";

    /** A new application of team-a with a "dev" (development) environment; bob views it, dave develops on it. */
    static String newApp() {
        String app = Names.unique("frz");
        createApplication(ALICE, app, "team-a").statusCode(201);
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        Api.bind(ALICE, "user:dave", "developer", "application:" + app);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        return app;
    }

    /** An environment type only this test's environments have, for type-wide freezes that touch nothing else. */
    static String newType() {
        String type = Names.unique("frzt");
        as(ADMIN).body(Map.of("name", type, "description", "freeze tests", "order", 90)).post("/api/v1/environment-types").then()
                .statusCode(201);
        return type;
    }

    static Map<String, Object> environmentScope(String app, String env) {
        return Map.of("kind", "ENVIRONMENT", "application", app, "environment", env);
    }

    static Map<String, Object> freeze(String name, Map<String, Object> scope, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("scope", scope);
        body.put("reason", reason);
        return body;
    }

    static ValidatableResponse create(String token, Map<String, Object> body) {
        return as(token).body(body).post(FREEZES).then();
    }

    static Map<String, Object> spec(String image) {
        return Map.of("containers", List.of(Map.of("name", "web", "image", image)), "replicas", 1);
    }

    static ValidatableResponse deploy(String token, String app, String env, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("spec", spec("ghcr.io/acme/web:1.0.0"));
        return as(token).body(body).post(DEPLOYMENTS, app, env).then();
    }

    static ValidatableResponse deploy(String app, String env) {
        return deploy(ALICE, app, env, Map.of());
    }

    static ValidatableResponse active(String token, String app, String env) {
        return as(token).queryParam("application", app).queryParam("environment", env).get(FREEZES + ":active").then();
    }

    @Test
    void anOwnerCreatesReadsListsAndLiftsAFreezeOfHerEnvironment() {
        String app = newApp();
        String name = Names.unique("frz");
        Instant end = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = freeze(name, environmentScope(app, "dev"), "release 2.0");
        body.put("end", end.toString());
        create(ALICE, body).statusCode(201).header("Location", containsString("/api/v1/freezes/" + name))
                .body("scope.kind", equalTo("ENVIRONMENT")).body("scope.application", equalTo(app))
                .body("scope.environment", equalTo("dev")).body("reason", equalTo("release 2.0"))
                .body("start", notNullValue()).body("end", equalTo(end.toString()))
                .body("active", equalTo(true)).body("activeUntil", equalTo(end.toString())).body("createdBy", equalTo("alice"));
        create(ALICE, body).statusCode(409);

        // Every authenticated caller reads freezes, even of applications they cannot see.
        String stranger = TestTokens.user("carol", "team-c");
        as(stranger).get(FREEZES + "/{n}", name).then().statusCode(200).body("name", equalTo(name)).header("ETag", notNullValue());
        as(stranger).queryParam("application", app).get(FREEZES).then().statusCode(200).body("items.name", equalTo(List.of(name)));

        // Paging like every list: a second freeze of the app, one per page.
        String second = Names.unique("frz");
        create(ALICE, freeze(second, Map.of("kind", "ENVIRONMENT_TYPE", "environmentType", "production", "application", app),
                "prod of this app only")).statusCode(201).body("active", equalTo(true)).body("activeUntil", nullValue());
        String token = as(ALICE).queryParam("application", app).queryParam("pageSize", 1).get(FREEZES).then().statusCode(200)
                .body("items", hasSize(1)).body("nextPageToken", notNullValue()).extract().path("nextPageToken");
        as(ALICE).queryParam("application", app).queryParam("pageSize", 1).queryParam("pageToken", token).get(FREEZES).then()
                .statusCode(200).body("items", hasSize(1)).body("nextPageToken", nullValue());

        // A viewer and a developer of the application may not lift it; the owner may.
        as(BOB).delete(FREEZES + "/{n}", name).then().statusCode(403);
        as(DAVE).delete(FREEZES + "/{n}", name).then().statusCode(403);
        as(ALICE).delete(FREEZES + "/{n}", name).then().statusCode(204);
        as(ALICE).get(FREEZES + "/{n}", name).then().statusCode(404);
        as(ALICE).delete(FREEZES + "/{n}", second).then().statusCode(204);
        active(ALICE, app, "dev").statusCode(200).body("blocked", equalTo(false)).body("freezes", hasSize(0));
    }

    @Test
    void whoMayWriteDependsOnTheScope() {
        String app = newApp();
        String type = newType();
        // A developer of the application may not freeze its environments; an outsider does not see the application.
        create(DAVE, freeze(Names.unique("frz"), environmentScope(app, "dev"), "no")).statusCode(403);
        create(TestTokens.user("carol", "team-c"), freeze(Names.unique("frz"), environmentScope(app, "dev"), "no")).statusCode(404);
        // Type-wide and platform-wide freezes are for admins, not for owners.
        create(ALICE, freeze(Names.unique("frz"), Map.of("kind", "ENVIRONMENT_TYPE", "environmentType", type), "no")).statusCode(403);
        create(ALICE, freeze(Names.unique("frz"), Map.of("kind", "PLATFORM"), "no")).statusCode(403);
        String typeWide = Names.unique("frz");
        create(ADMIN, freeze(typeWide, Map.of("kind", "ENVIRONMENT_TYPE", "environmentType", type), "admins may")).statusCode(201);
        as(ALICE).delete(FREEZES + "/{n}", typeWide).then().statusCode(403);
        as(ADMIN).delete(FREEZES + "/{n}", typeWide).then().statusCode(204);
        // Writes are audited.
        as(ADMIN).queryParam("action", "platform-freeze.manage").queryParam("resource", typeWide).get("/api/v1/audit-events").then()
                .statusCode(200).body("items.outcome", hasItems("ALLOWED", "DENIED"));
    }

    @Test
    void invalidFreezesAreRefusedNamingTheField() {
        String app = newApp();
        create(ALICE, Map.of()).statusCode(400).body("errors.field", hasItems("name", "reason", "scope"));
        create(ALICE, freeze("Bad Name", Map.of("kind", "ENVIRONMENT", "application", app), " ")).statusCode(400)
                .body("errors.field", hasItems("name", "reason", "scope.environment"));
        create(ALICE, freeze(Names.unique("frz"), Map.of("kind", "PLATFORM", "environmentType", "production"), "x")).statusCode(400)
                .body("errors.field", equalTo(List.of("scope.environmentType")));
        Map<String, Object> backwards = freeze(Names.unique("frz"), environmentScope(app, "dev"), "x");
        backwards.put("start", "2030-01-02T00:00:00Z");
        backwards.put("end", "2030-01-01T00:00:00Z");
        create(ALICE, backwards).statusCode(400).body("errors.field", equalTo(List.of("end")));
        Map<String, Object> recurring = freeze(Names.unique("frz"), environmentScope(app, "dev"), "x");
        recurring.put("start", "2030-01-01T00:00:00Z");
        recurring.put("recurring", Map.of("cron", "0 25 * * *", "duration", "2 hours", "timeZone", "Mars/Olympus"));
        create(ALICE, recurring).statusCode(400)
                .body("errors.field", hasItems("start", "recurring.cron", "recurring.duration", "recurring.timeZone"));
        recurring.remove("start");
        recurring.put("recurring", Map.of("cron", "0 22 * * *", "duration", "0s", "timeZone", "UTC"));
        create(ALICE, recurring).statusCode(400).body("errors.field", equalTo(List.of("recurring.duration")));
        create(ALICE, freeze(Names.unique("frz"), environmentScope(app, "nope"), "x")).statusCode(404);
        create(ADMIN, freeze(Names.unique("frz"), Map.of("kind", "ENVIRONMENT_TYPE", "environmentType", "no-such-type"), "x"))
                .statusCode(400).body("errors.field", equalTo(List.of("scope.environmentType")));
        active(ALICE, app, "nope").statusCode(404);
        active(TestTokens.user("carol", "team-c"), app, "dev").statusCode(404);
    }

    @Test
    void anEnvironmentFreezeRefusesDeploymentsThereOnlyNamingTheFreezeAndItsEnd() {
        String app = newApp();
        createEnvironment(ALICE, app, "test", "development").statusCode(201);
        String name = Names.unique("frz");
        Instant end = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = freeze(name, environmentScope(app, "dev"), "quarter close");
        body.put("end", end.toString());
        String id = create(ALICE, body).statusCode(201).extract().path("id");

        deploy(app, "dev").statusCode(409).contentType("application/problem+json")
                .body("detail", allOf(containsString(name), containsString("quarter close"), containsString(end.toString())));
        deploy(app, "test").statusCode(202).body("breakGlass", nullValue());
        active(BOB, app, "dev").statusCode(200).body("blocked", equalTo(true)).body("freezes.name", equalTo(List.of(name)))
                .body("freezes[0].id", equalTo(id)).body("freezes[0].reason", equalTo("quarter close"))
                .body("freezes[0].endsAt", equalTo(end.toString())).body("freezes[0].scope", equalTo("ENVIRONMENT"));
        active(BOB, app, "test").statusCode(200).body("blocked", equalTo(false));
        // The encoded form of the custom method reaches the same answer.
        as(BOB).queryParam("application", app).queryParam("environment", "dev").urlEncodingEnabled(false)
                .get(FREEZES + "%3Aactive").then().statusCode(200).body("blocked", equalTo(true));

        // A freeze that has not started yet, or has ended, refuses nothing.
        as(ALICE).delete(FREEZES + "/{n}", name).then().statusCode(204);
        Map<String, Object> later = freeze(Names.unique("frz"), environmentScope(app, "dev"), "later");
        later.put("start", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        create(ALICE, later).statusCode(201).body("active", equalTo(false));
        deploy(app, "dev").statusCode(202);
    }

    @Test
    void typeWideFreezesRefuseThatTypeOnlyAndOnlyTheirApplicationWhenTheyNameOne() {
        String type = newType();
        String app = newApp();
        String other = newApp();
        createEnvironment(ALICE, app, "edge", type).statusCode(201);
        createEnvironment(ALICE, other, "edge", type).statusCode(201);

        String own = Names.unique("frz");
        create(ALICE, freeze(own, Map.of("kind", "ENVIRONMENT_TYPE", "environmentType", type, "application", app), "app edge"))
                .statusCode(201);
        deploy(app, "edge").statusCode(409).body("detail", containsString(own));
        deploy(app, "dev").statusCode(202);
        deploy(other, "edge").statusCode(202);

        String all = Names.unique("frz");
        create(ADMIN, freeze(all, Map.of("kind", "ENVIRONMENT_TYPE", "environmentType", type), "all edges")).statusCode(201);
        deploy(other, "edge").statusCode(409).body("detail", allOf(containsString(all), not(containsString(own))));
        deploy(other, "dev").statusCode(202);
        active(ALICE, app, "edge").statusCode(200).body("freezes.name", hasItems(own, all)).body("freezes", hasSize(2));
        as(ADMIN).delete(FREEZES + "/{n}", all).then().statusCode(204);
    }

    @Test
    void aPlatformFreezeRefusesEveryEnvironment() {
        String app = newApp();
        String name = Names.unique("frz");
        Map<String, Object> body = freeze(name, Map.of("kind", "PLATFORM"), "platform maintenance");
        // Ends by itself soon, should the test die before lifting it.
        body.put("end", Instant.now().plus(3, ChronoUnit.MINUTES).toString());
        create(ADMIN, body).statusCode(201);
        try {
            deploy(app, "dev").statusCode(409).body("detail", containsString(name));
            active(ALICE, app, "dev").statusCode(200).body("freezes.scope", hasItem("PLATFORM"));
        } finally {
            as(ADMIN).delete(FREEZES + "/{n}", name).then().statusCode(204);
        }
        deploy(app, "dev").statusCode(202);
    }

    @Test
    void aRecurringWindowRefusesOnlyWhileItIsOpen() {
        String app = newApp();
        createEnvironment(ALICE, app, "test", "development").statusCode(201);
        // Open now: every minute opens a window of an hour.
        String open = Names.unique("frz");
        Map<String, Object> always = freeze(open, environmentScope(app, "dev"), "always");
        always.put("recurring", Map.of("cron", "* * * * *", "duration", "1h", "timeZone", "Europe/Berlin"));
        create(ALICE, always).statusCode(201).body("active", equalTo(true)).body("recurring.cron", equalTo("* * * * *"))
                .body("recurring.duration", equalTo("1h")).body("recurring.timeZone", equalTo("Europe/Berlin"))
                .body("start", nullValue()).body("activeUntil", notNullValue());
        deploy(app, "dev").statusCode(409).body("detail", containsString(open));

        // Closed now: a daily hour that starts twelve hours from now (UTC).
        int hour = (Instant.now().atZone(ZoneOffset.UTC).getHour() + 12) % 24;
        String closed = Names.unique("frz");
        Map<String, Object> nightly = freeze(closed, environmentScope(app, "test"), "nightly batch");
        nightly.put("recurring", Map.of("cron", "0 " + hour + " * * *", "duration", "1h", "timeZone", "UTC"));
        create(ALICE, nightly).statusCode(201).body("active", equalTo(false)).body("activeUntil", nullValue());
        deploy(app, "test").statusCode(202);
        active(ALICE, app, "test").statusCode(200).body("blocked", equalTo(false));
    }

    @Test
    void anOwnerBreaksTheGlassAndItIsShownAndAudited() {
        String app = newApp();
        String name = Names.unique("frz");
        create(ALICE, freeze(name, environmentScope(app, "dev"), "incident")).statusCode(201);

        // A developer may deploy, but not through a freeze.
        deploy(DAVE, app, "dev", Map.of()).statusCode(409);
        deploy(DAVE, app, "dev", Map.of("breakGlass", Map.of("reason", "I am sure"))).statusCode(403);
        deploy(ALICE, app, "dev", Map.of("breakGlass", Map.of("reason", " "))).statusCode(400)
                .body("errors.field", equalTo(List.of("breakGlass.reason")));

        String id = deploy(ALICE, app, "dev", Map.of("breakGlass", Map.of("reason", "hotfix for incident 4711"))).statusCode(202)
                .body("breakGlass.by", equalTo("alice")).body("breakGlass.reason", equalTo("hotfix for incident 4711"))
                .extract().path("id");
        as(BOB).get(DEPLOYMENTS + "/{id}", app, "dev", id).then().statusCode(200).body("breakGlass.by", equalTo("alice"));
        as(ADMIN).queryParam("action", "deployment.break-glass").queryParam("application", app).get("/api/v1/audit-events").then()
                .statusCode(200)
                .body("items.findAll { it.outcome == 'ALLOWED' }.actor", equalTo(List.of("alice")))
                .body("items.findAll { it.outcome == 'ALLOWED' }[0].reason", allOf(containsString(name),
                        containsString("hotfix for incident 4711")))
                .body("items.findAll { it.outcome == 'DENIED' }.actor", equalTo(List.of("dave")));

        // Without a freeze in force, break-glass changes nothing and is not recorded on the deployment.
        as(ALICE).delete(FREEZES + "/{n}", name).then().statusCode(204);
        deploy(ALICE, app, "dev", Map.of("breakGlass", Map.of("reason", "habit"))).statusCode(202).body("breakGlass", nullValue());
    }

    @Test
    void rollbacksObeyFreezesToo() {
        String app = newApp();
        String first = deploy(app, "dev").statusCode(202).extract().path("id");
        // Succeeded, so that a configOnly deployment below could reuse its spec but for the freeze.
        as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s").get(DEPLOYMENTS + "/{id}", app, "dev", first).then()
                .statusCode(200).body("status", equalTo("SUCCEEDED"));
        create(ALICE, freeze(Names.unique("frz"), environmentScope(app, "dev"), "hands off")).statusCode(201);

        String rollback = DEPLOYMENTS + "/{id}:rollback";
        as(ALICE).body(Map.of("reason", "undo")).post(rollback, app, "dev", first).then().statusCode(409)
                .body("detail", containsString("hands off"));
        as(DAVE).body(Map.of("breakGlass", Map.of("reason", "undo"))).post(rollback, app, "dev", first).then().statusCode(403);
        as(ALICE).body(Map.of("reason", "undo", "breakGlass", Map.of("reason", "bad release in a freeze")))
                .post(rollback, app, "dev", first).then().statusCode(202)
                .body("rollbackOf", equalTo(first)).body("breakGlass.by", equalTo("alice"))
                .body("breakGlass.reason", equalTo("bad release in a freeze"));
        // Every way in is checked: configOnly too.
        as(ALICE).body(Map.of("configOnly", true)).post(DEPLOYMENTS, app, "dev").then().statusCode(409)
                .body("detail", containsString("hands off"));
    }
}
