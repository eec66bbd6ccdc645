package dev.slipway.rbac;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Role bindings, escalation, the access check and the audit log over REST. */
@QuarkusTest
class AccessResourceTest {
    private static final String ADMIN = TestTokens.admin();

    private record Team(String app, String ownerGroup, String owner) {
    }

    /** An application owned by a fresh group, with staging and production environments. */
    private static Team team() {
        String app = Names.unique("acl");
        String group = "team-" + app;
        String owner = TestTokens.user("owner-" + app, group);
        createApplication(owner, app, group).statusCode(201);
        createEnvironment(owner, app, "staging", "staging").statusCode(201);
        createEnvironment(owner, app, "prod", "production").statusCode(201);
        return new Team(app, group, owner);
    }

    private static String bind(String token, String subject, String role, String scope) {
        return as(token).body(Map.of("subject", subject, "role", role, "scope", scope)).post("/api/v1/role-bindings")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/role-bindings/"))
                .body("subject", equalTo(subject)).body("role", equalTo(role)).body("scope", equalTo(scope))
                .extract().path("id");
    }

    private static int deploy(String token, String app, String env) {
        return as(token).body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0")))))
                .post("/api/v1/applications/{a}/environments/{e}/deployments", app, env).then().extract().statusCode();
    }

    @Test
    void bindingsGrantRolesThatTheServiceLayerEnforces() {
        Team team = team();
        String devon = TestTokens.user("devon-" + team.app());
        String viewer = TestTokens.user("victor-" + team.app());
        bind(team.owner(), "user:devon-" + team.app(), "developer", "application:" + team.app());
        bind(team.owner(), "user:victor-" + team.app(), "viewer", "application:" + team.app());

        as(viewer).get("/api/v1/applications/{a}", team.app()).then().statusCode(200);
        assertEquals(403, deploy(viewer, team.app(), "staging"));
        assertEquals(202, deploy(devon, team.app(), "staging"));
        assertEquals(403, deploy(devon, team.app(), "prod"), "production is a protected type: deployer needed");

        // A deployer binding scoped to production lets devon deploy there too.
        bind(team.owner(), "user:devon-" + team.app(), "deployer", "application:" + team.app() + "/environment-type:production");
        assertEquals(202, deploy(devon, team.app(), "prod"));
    }

    @Test
    void anotherTeamGetsTheSame404AsForAMissingApplication() {
        Team team = team();
        String eve = TestTokens.user("eve", "team-elsewhere");
        JsonPath hidden = as(eve).get("/api/v1/applications/{a}", team.app()).then().statusCode(404).extract().jsonPath();
        String missing = Names.unique("missing");
        JsonPath absent = as(eve).get("/api/v1/applications/{a}", missing).then().statusCode(404).extract().jsonPath();
        assertEquals(absent.getString("detail").replace(missing, "X"), hidden.getString("detail").replace(team.app(), "X"));
        assertEquals(absent.getString("type"), hidden.getString("type"));
        assertEquals(404, deploy(eve, team.app(), "staging"));
        as(eve).get("/api/v1/applications/{a}/environments/staging", team.app()).then().statusCode(404)
                .body("detail", containsString("application"));
        as(eve).get("/api/v1/applications").then().statusCode(200).body("items.name", not(hasItem(team.app())));
        as(team.owner()).get("/api/v1/applications").then().statusCode(200).body("items.name", hasItem(team.app()));
    }

    @Test
    void nobodyGrantsARoleAboveTheirOwnAndRefusalsAreAudited() {
        Team team = team();
        String devonName = "devon-" + team.app();
        String devon = TestTokens.user(devonName);
        bind(team.owner(), "user:" + devonName, "developer", "application:" + team.app());

        String requestId = "escalate-" + UUID.randomUUID();
        as(devon).header("X-Request-Id", requestId)
                .body(Map.of("subject", "user:" + devonName, "role", "owner", "scope", "application:" + team.app()))
                .post("/api/v1/role-bindings").then().statusCode(403).contentType("application/problem+json");
        // Owners may grant owner, but not admin, and never at the platform scope.
        as(team.owner()).body(Map.of("subject", "user:x", "role", "admin", "scope", "application:" + team.app()))
                .post("/api/v1/role-bindings").then().statusCode(400).body("errors.field", hasItem("role"));
        as(team.owner()).body(Map.of("subject", "user:" + devonName, "role", "admin", "scope", "platform"))
                .post("/api/v1/role-bindings").then().statusCode(403);
        bind(team.owner(), "group:co-owners-" + team.app(), "owner", "application:" + team.app());

        JsonPath audit = as(ADMIN).queryParam("application", team.app()).queryParam("outcome", "DENIED")
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> denied = audit.getList("items");
        Map<String, Object> escalation = denied.stream().filter(event -> requestId.equals(event.get("requestId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no audit record for the escalation: " + denied));
        assertEquals(devonName, escalation.get("actor"));
        assertEquals("role-binding.manage", escalation.get("action"));
        assertEquals("USER", escalation.get("subjectType"));
        assertEquals("DENIED", escalation.get("outcome"));
        assertTrue(((String) escalation.get("sourceAddress")).startsWith("127.0.0.1"), escalation.toString());
    }

    @Test
    void everyWriteIsAuditedWithItsRequestIdAndOwnersReadTheirPart() {
        Team team = team();
        String requestId = "deploy-" + UUID.randomUUID();
        as(team.owner()).header("X-Request-Id", requestId)
                .body(Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "ghcr.io/acme/web:1.0.0")))))
                .post("/api/v1/applications/{a}/environments/staging/deployments", team.app())
                .then().statusCode(202).header("X-Request-Id", requestId);

        JsonPath page = as(team.owner()).queryParam("application", team.app()).queryParam("action", "deployment.create")
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
        assertEquals(requestId, page.getString("items[0].requestId"));
        assertEquals("ALLOWED", page.getString("items[0].outcome"));
        assertEquals(team.app() + "/staging", page.getString("items[0].resource"));
        assertEquals("owner-" + team.app(), page.getString("items[0].actor"));

        // The owner's part only: the whole log is for admins, another application's part is hidden.
        as(team.owner()).get("/api/v1/audit-events").then().statusCode(403);
        Team other = team();
        as(team.owner()).queryParam("application", other.app()).get("/api/v1/audit-events").then().statusCode(404);
        String viewer = TestTokens.user("v-" + team.app());
        bind(team.owner(), "user:v-" + team.app(), "viewer", "application:" + team.app());
        as(viewer).queryParam("application", team.app()).get("/api/v1/audit-events").then().statusCode(403);
        as(ADMIN).queryParam("actor", "owner-" + team.app()).queryParam("pageSize", 1).get("/api/v1/audit-events")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1)).body("nextPageToken", notNullValue());
        as(ADMIN).queryParam("outcome", "MAYBE").get("/api/v1/audit-events").then().statusCode(400)
                .body("errors.field", hasItem("outcome"));
        as(ADMIN).queryParam("since", "yesterday").get("/api/v1/audit-events").then().statusCode(400)
                .body("errors.field", hasItem("since"));
    }

    /**
     * More concurrent writes than the main pool has connections: the access checks inside each
     * write's transaction use their own connections, so no write waits on another forever.
     */
    @Test
    void writesBeyondThePoolSizeAllComplete() throws Exception {
        Team team = team();
        int writes = 64;
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(writes);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < writes; i++) {
                statuses.add(callers.submit(() -> deploy(team.owner(), team.app(), "staging")));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertEquals(202, status.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theAuditLogCannotBeChangedEvenInTheDatabase() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        team();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            SQLException update = assertThrows(SQLException.class,
                    () -> connection.createStatement().executeUpdate("UPDATE audit_events SET outcome = 'ALLOWED'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> connection.createStatement().executeUpdate("DELETE FROM audit_events"));
        }
    }

    @Test
    void theAccessCheckAnswersWithTheGrantThatDecides() {
        Team team = team();
        String ciClient = "ci-" + team.app();
        String bindingId = bind(team.owner(), "service-account:" + ciClient, "deployer", "application:" + team.app());
        String ci = TestTokens.serviceAccount(ciClient);

        as(ci).body(Map.of("action", "deployment.create", "application", team.app(), "environment", "prod"))
                .post("/api/v1/access/check").then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("subject", equalTo("service-account:" + ciClient))
                .body("grantedBy.role", equalTo("deployer"))
                .body("grantedBy.binding.id", equalTo(bindingId));
        as(ci).body(Map.of("action", "environment.delete", "application", team.app(), "environment", "prod"))
                .post("/api/v1/access/check").then().statusCode(200)
                .body("allowed", equalTo(false)).body("reason", containsString("owner"));
        assertEquals(202, deploy(ci, team.app(), "prod"));

        // Admins ask on someone else's behalf; others may not.
        as(ADMIN).body(Map.of("action", "deployment.create", "application", team.app(), "environment", "prod",
                "subject", "service-account:" + ciClient)).post("/api/v1/access/check").then().statusCode(200)
                .body("allowed", equalTo(true));
        as(ADMIN).body(Map.of("action", "application.delete", "application", team.app(), "subject", "group:" + team.ownerGroup()))
                .post("/api/v1/access/check").then().statusCode(200)
                .body("allowed", equalTo(true)).body("grantedBy.source", containsString(team.ownerGroup()));
        as(team.owner()).body(Map.of("action", "deployment.create", "application", team.app(), "subject", "user:someone"))
                .post("/api/v1/access/check").then().statusCode(403);
        as(ci).body(Map.of("action", "deploy")).post("/api/v1/access/check").then().statusCode(400)
                .body("errors.field", hasItem("action"));
        as(TestTokens.user("stranger")).body(Map.of("action", "application.read", "application", team.app()))
                .post("/api/v1/access/check").then().statusCode(404);
    }

    @Test
    void bindingsAreListedToThoseWhoMaySeeThemAndRemovedWithTheApplication() {
        Team team = team();
        String id = bind(team.owner(), "user:lister-" + team.app(), "viewer", "application:" + team.app());
        as(team.owner()).queryParam("application", team.app()).get("/api/v1/role-bindings").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.scope", everyItem(containsString(team.app())));
        as(TestTokens.user("outsider")).queryParam("application", team.app()).get("/api/v1/role-bindings").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        as(TestTokens.user("outsider")).get("/api/v1/role-bindings/{id}", id).then().statusCode(404);
        as(TestTokens.user("lister-" + team.app())).get("/api/v1/role-bindings/{id}", id).then().statusCode(200);
        as(team.owner()).body(Map.of("subject", "user:lister-" + team.app(), "role", "viewer", "scope", "application:" + team.app()))
                .post("/api/v1/role-bindings").then().statusCode(409);
        as(team.owner()).body(Map.of("subject", "robot", "role", "boss", "scope", "cluster:x")).post("/api/v1/role-bindings")
                .then().statusCode(400).body("errors.field", hasItem("subject")).body("errors.field", hasItem("role"))
                .body("errors.field", hasItem("scope"));

        as(TestTokens.user("lister-" + team.app())).delete("/api/v1/role-bindings/{id}", id).then().statusCode(403);
        as(team.owner()).delete("/api/v1/role-bindings/{id}", id).then().statusCode(204);
        as(team.owner()).get("/api/v1/role-bindings/{id}", id).then().statusCode(404);

        String kept = bind(team.owner(), "user:kept-" + team.app(), "viewer", "application:" + team.app());
        as(team.owner()).delete("/api/v1/applications/{a}/environments/staging", team.app()).then().statusCode(204);
        as(team.owner()).delete("/api/v1/applications/{a}/environments/prod", team.app()).then().statusCode(204);
        as(team.owner()).delete("/api/v1/applications/{a}", team.app()).then().statusCode(204);
        as(ADMIN).get("/api/v1/role-bindings/{id}", kept).then().statusCode(404);
    }
}
