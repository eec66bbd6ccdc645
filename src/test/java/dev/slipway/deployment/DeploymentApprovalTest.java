package dev.slipway.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.slipway.deployment.lifecycle.ApprovalExpiry;
import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Four eyes over REST: deployments into an environment whose type requires approvals wait until
 * deployers other than the requester approve; rejection, expiry, supersede, and the promotion order.
 */
@QuarkusTest
class DeploymentApprovalTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ADMIN = TestTokens.admin();
    private static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";
    private static final String DEPLOYMENT = DEPLOYMENTS + "/{id}";

    @Inject
    ApprovalExpiry expiry;

    /** An application of team-a with a "prod" environment of the production type (one approval) and the named deployers. */
    private record Team(String app, String dave, String erin, String vic) {
    }

    private static Team team() {
        String app = Names.unique("apr");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        String dave = "dave-" + app;
        String erin = "erin-" + app;
        String vic = "vic-" + app;
        Api.bind(ALICE, "user:" + dave, "deployer", "application:" + app);
        Api.bind(ALICE, "user:" + erin, "deployer", "application:" + app);
        // A developer may deploy to non-protected environments, but approving needs the deployer role.
        Api.bind(ALICE, "user:" + vic, "developer", "application:" + app);
        return new Team(app, TestTokens.user(dave), TestTokens.user(erin), TestTokens.user(vic));
    }

    private static Map<String, Object> spec(String image) {
        return Map.of("containers", List.of(Map.of("name", "web", "image", image)), "replicas", 1);
    }

    private static JsonPath deploy(String token, String app, String env, String image) {
        return as(token).body(Map.of("spec", spec(image), "reason", "release"))
                .post(DEPLOYMENTS, app, env).then().statusCode(202).extract().jsonPath();
    }

    private static ValidatableResponse decide(String token, String app, String env, String id, String method, String comment) {
        return as(token).body(Map.of("comment", comment)).post(DEPLOYMENT + ":" + method, app, env, id).then();
    }

    private static JsonPath get(String app, String env, String id) {
        return as(ALICE).get(DEPLOYMENT, app, env, id).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitTerminal(String app, String env, String id, String timeout) {
        return as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", timeout).get(DEPLOYMENT, app, env, id)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void anotherDeployersApprovalRunsTheDeploymentAndTheRequesterCannotApprove() {
        Team team = team();
        JsonPath accepted = deploy(ALICE, team.app(), "prod", "ghcr.io/acme/web:1.0.0");
        String id = accepted.getString("id");
        assertEquals("AWAITING_APPROVAL", accepted.getString("status"));
        assertEquals(1, accepted.getInt("requiredApprovals"));
        assertTrue(accepted.getString("approvalExpiresAt") != null, "a waiting deployment says when its wait ends");
        as(ALICE).queryParam("status", "AWAITING_APPROVAL").get(DEPLOYMENTS, team.app(), "prod").then().statusCode(200)
                .body("items.id", hasItem(id));

        // No worker takes it while it waits: still waiting after a bounded wait for a terminal status.
        assertEquals("AWAITING_APPROVAL", awaitTerminal(team.app(), "prod", id, "2s").getString("status"));

        decide(ALICE, team.app(), "prod", id, "approve", "lgtm").statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("four eyes"));
        decide(team.vic(), team.app(), "prod", id, "approve", "lgtm").statusCode(403).body("detail", containsString("deployer"));
        assertEquals("AWAITING_APPROVAL", get(team.app(), "prod", id).getString("status"));

        decide(team.dave(), team.app(), "prod", id, "approve", "checked the canary").statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("approvals[0].approver", equalTo("dave-" + team.app()))
                .body("approvals[0].decision", equalTo("APPROVED"))
                .body("approvals[0].comment", equalTo("checked the canary"))
                .body("approvals[0].createdAt", notNullValue());
        JsonPath done = awaitTerminal(team.app(), "prod", id, "30s");
        assertEquals("SUCCEEDED", done.getString("status"));
        assertEquals("dave-" + team.app(), done.getString("approvals[0].approver"));
        // Decided already (and no longer waiting).
        decide(team.dave(), team.app(), "prod", id, "approve", "again").statusCode(409);

        // The approval is audited, as are the refused attempts.
        JsonPath audit = as(ADMIN).queryParam("application", team.app()).queryParam("action", "deployment.approve")
                .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
        List<String> outcomes = audit.getList("items.outcome");
        assertTrue(outcomes.contains("ALLOWED") && outcomes.contains("DENIED"), outcomes.toString());
        assertTrue(audit.getList("items.actor").contains("alice"), "the self-approval is audited as denied");
    }

    @Test
    void twoRequiredApprovalsNeedTwoDifferentPeople() {
        Team team = team();
        String type = Names.unique("six-eyes");
        as(ADMIN).body(Map.of("name", type, "order", 900, "protected", true, "requiredApprovals", 2))
                .post("/api/v1/environment-types").then().statusCode(201).body("requiredApprovals", equalTo(2));
        createEnvironment(ALICE, team.app(), "vault", type).statusCode(201);
        String id = deploy(ALICE, team.app(), "vault", "ghcr.io/acme/web:2.0.0").getString("id");

        decide(team.dave(), team.app(), "vault", id, "approve", "one").statusCode(200)
                .body("status", equalTo("AWAITING_APPROVAL")).body("approvals.size()", equalTo(1));
        decide(team.dave(), team.app(), "vault", id, "approve", "one again").statusCode(409)
                .body("detail", containsString("already decided"));
        assertEquals("AWAITING_APPROVAL", get(team.app(), "vault", id).getString("status"));
        decide(team.erin(), team.app(), "vault", id, "approve", "two").statusCode(200)
                .body("status", equalTo("PENDING")).body("approvals.comment", equalTo(List.of("one", "two")));
        assertEquals("SUCCEEDED", awaitTerminal(team.app(), "vault", id, "30s").getString("status"));
    }

    @Test
    void aRejectionCancelsTheDeployment() {
        Team team = team();
        String id = deploy(ALICE, team.app(), "prod", "ghcr.io/acme/web:3.0.0").getString("id");
        decide(team.dave(), team.app(), "prod", id, "reject", "not during the sale").statusCode(200)
                .body("status", equalTo("CANCELLED")).body("statusReason", equalTo("ApprovalRejected"))
                .body("statusMessage", containsString("not during the sale"))
                .body("approvals[0].decision", equalTo("REJECTED"));
        decide(team.erin(), team.app(), "prod", id, "approve", "too late").statusCode(409)
                .body("detail", containsString("AWAITING_APPROVAL"));
    }

    @Test
    void anApprovalNotGivenInTimeExpires() {
        Team team = team();
        String id = deploy(ALICE, team.app(), "prod", "ghcr.io/acme/web:4.0.0").getString("id");
        // Sweeping as of now leaves it alone: its wait is not over.
        assertTrue(!expiry.expireAsOf(Instant.now()).await().atMost(Duration.ofSeconds(10)).contains(UUID.fromString(id)));
        assertEquals("AWAITING_APPROVAL", get(team.app(), "prod", id).getString("status"));

        // As of a day and an hour later (the default wait is 24 h) it is cancelled.
        List<UUID> expired = expiry.expireAsOf(Instant.now().plus(Duration.ofHours(25))).await().atMost(Duration.ofSeconds(10));
        assertTrue(expired.contains(UUID.fromString(id)), expired.toString());
        JsonPath cancelled = get(team.app(), "prod", id);
        assertEquals("CANCELLED", cancelled.getString("status"));
        assertEquals("ApprovalExpired", cancelled.getString("statusReason"));
        decide(team.dave(), team.app(), "prod", id, "approve", "sorry, late").statusCode(409);
    }

    @Test
    void aNewerDeploymentSupersedesAWaitingOne() {
        Team team = team();
        String older = deploy(ALICE, team.app(), "prod", "ghcr.io/acme/web:5.0.0").getString("id");
        String newer = deploy(ALICE, team.app(), "prod", "ghcr.io/acme/web:5.0.1").getString("id");
        JsonPath superseded = get(team.app(), "prod", older);
        assertEquals("SUPERSEDED", superseded.getString("status"));
        assertTrue(superseded.getString("statusMessage").contains(newer), superseded.getString("statusMessage"));
        assertEquals("AWAITING_APPROVAL", get(team.app(), "prod", newer).getString("status"));
        as(ALICE).queryParam("status", "AWAITING_APPROVAL").get(DEPLOYMENTS, team.app(), "prod").then().statusCode(200)
                .body("items.id", equalTo(List.of(newer)));
        decide(team.dave(), team.app(), "prod", older, "approve", "the old one").statusCode(409);

        // The requester may also withdraw a waiting deployment with a plain cancel.
        as(ALICE).post(DEPLOYMENT + ":cancel", team.app(), "prod", newer).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("statusReason", equalTo("Cancelled"));
    }

    @Test
    void promotionFollowsTheTypesOrderUnlessAnAdminForcesIt() {
        Team team = team();
        createEnvironment(ALICE, team.app(), "dev", "development").statusCode(201);
        createEnvironment(ALICE, team.app(), "stage", "staging").statusCode(201);
        String staged = deploy(ALICE, team.app(), "stage", "ghcr.io/acme/web:6.0.0").getString("id");
        assertEquals("SUCCEEDED", awaitTerminal(team.app(), "stage", staged, "30s").getString("status"));

        Map<String, Object> backwards = Map.of("promoteFrom", Map.of("environment", "stage", "deploymentId", staged));
        as(ALICE).body(backwards).post(DEPLOYMENTS, team.app(), "dev").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("order"));
        Map<String, Object> forced = Map.of("promoteFrom", Map.of("environment", "stage", "deploymentId", staged, "force", true));
        // An owner is not an admin: forcing is refused.
        as(ALICE).body(forced).post(DEPLOYMENTS, team.app(), "dev").then().statusCode(403);
        String promoted = as(ADMIN).body(forced).post(DEPLOYMENTS, team.app(), "dev").then().statusCode(202)
                .body("promotedFrom", equalTo(staged)).extract().path("id");
        assertEquals("SUCCEEDED", awaitTerminal(team.app(), "dev", promoted, "30s").getString("status"));
        as(ADMIN).queryParam("application", team.app()).queryParam("action", "deployment.force-promotion")
                .get("/api/v1/audit-events").then().statusCode(200).body("items.outcome", hasItem("ALLOWED"))
                .body("items.outcome", hasItem("DENIED"));

        // Forward along the order needs no force (and waits for approval in production).
        as(ALICE).body(Map.of("promoteFrom", Map.of("environment", "stage", "deploymentId", staged)))
                .post(DEPLOYMENTS, team.app(), "prod").then().statusCode(202).body("status", equalTo("AWAITING_APPROVAL"));
    }

    @Test
    void serviceAccountsApproveOnlyThroughABindingNamingThem() {
        Team team = team();
        String robots = "robots-" + team.app();
        String clientId = "ci-" + team.app();
        Api.bind(ALICE, "group:" + robots, "deployer", "application:" + team.app());
        String robot = Jwt.preferredUserName("service-account-" + clientId).subject(UUID.randomUUID().toString())
                .claim("client_id", clientId).claim("azp", clientId).groups(Set.of(robots))
                .issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).expiresIn(600).sign();
        String id = deploy(ALICE, team.app(), "prod", "ghcr.io/acme/web:7.0.0").getString("id");

        decide(robot, team.app(), "prod", id, "approve", "beep").statusCode(403)
                .body("detail", containsString("service-account:" + clientId));
        assertEquals("AWAITING_APPROVAL", get(team.app(), "prod", id).getString("status"));

        Api.bind(ALICE, "service-account:" + clientId, "deployer", "application:" + team.app());
        decide(robot, team.app(), "prod", id, "approve", "beep").statusCode(200).body("status", equalTo("PENDING"))
                .body("approvals[0].approverType", equalTo("SERVICE_ACCOUNT"));
        assertEquals("SUCCEEDED", awaitTerminal(team.app(), "prod", id, "30s").getString("status"));
    }

    @Test
    void requiredApprovalsAreValidated() {
        as(ADMIN).body(Map.of("name", Names.unique("eyes"), "order", 901, "requiredApprovals", 3))
                .post("/api/v1/environment-types").then().statusCode(400).body("errors.field", hasItem("requiredApprovals"));
        as(ALICE).get("/api/v1/environment-types/production").then().statusCode(200).body("requiredApprovals", equalTo(1));
        as(ALICE).get("/api/v1/environment-types/staging").then().statusCode(200).body("requiredApprovals", not(equalTo(1)));
    }
}
