package dev.slipway.environment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.slipway.grpc.v1.EnvironmentProto;
import dev.slipway.grpc.v1.EnvironmentService;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import dev.slipway.grpc.v1.EnvironmentTypeService;
import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Environments that expire: ttl or expiresAt on create, the type's default and maximum, extending,
 * the expiresBefore filter, and environment types' lifetimes; over REST and gRPC. (The reaper that
 * tears expired environments down is tested in deployment.lifecycle.EnvironmentReaperTest.)
 */
@QuarkusTest
class PreviewEnvironmentTest {
    private static final String ADMIN = TestTokens.admin();
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");
    private static final String ENVIRONMENTS = "/api/v1/applications/{a}/environments";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How far a server-computed expiry may be from the one computed here around the call. */
    private static final Duration SLACK = Duration.ofMinutes(1);

    @GrpcClient("slipway")
    EnvironmentService environments;
    @GrpcClient("slipway")
    EnvironmentTypeService types;

    private static String newApp() {
        String app = Names.unique("pv");
        Api.createApplication(ALICE, app, "team-a").statusCode(201);
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        return app;
    }

    private static JsonPath create(String app, Map<String, Object> body, int status) {
        return as(ALICE).body(body).post(ENVIRONMENTS, app).then().log().ifValidationFails().statusCode(status).extract().jsonPath();
    }

    private static Map<String, Object> env(String name, String type, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", type));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static void assertAbout(Instant expected, String actual) {
        Instant got = Instant.parse(actual);
        assertTrue(Duration.between(expected, got).abs().compareTo(SLACK) < 0, "expected about " + expected + ", got " + got);
    }

    @Test
    void thePreviewTypeIsSeededWithItsLifetimes() {
        as(ALICE).get("/api/v1/environment-types/preview").then().statusCode(200)
                .body("defaultTtl", equalTo("72h")).body("maxTtl", equalTo("336h")).body("protected", equalTo(false));
        as(ALICE).get("/api/v1/environment-types/development").then().statusCode(200)
                .body("defaultTtl", nullValue()).body("maxTtl", nullValue());
        EnvironmentTypeProto.EnvironmentType preview = dev.slipway.testing.GrpcAuth.as(types, ALICE)
                .getEnvironmentType(EnvironmentTypeProto.GetEnvironmentTypeRequest.newBuilder().setName("preview").build())
                .await().atMost(WAIT).getEnvironmentType();
        assertEquals("72h", preview.getDefaultTtl());
        assertEquals("336h", preview.getMaxTtl());
    }

    @Test
    void createTakesATtlAnExpiryOrTheTypesDefault() {
        String app = newApp();
        Instant now = Instant.now();
        assertAbout(now.plus(Duration.ofHours(72)), create(app, env("pr-1", "preview"), 201).getString("expiresAt"));
        assertAbout(now.plus(Duration.ofMinutes(90)), create(app, env("pr-2", "preview", "ttl", "1h30m"), 201).getString("expiresAt"));
        Instant at = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(at, Instant.parse(create(app, env("pr-3", "preview", "expiresAt", at.toString()), 201).getString("expiresAt")));
        // A type without lifetimes: never expires unless asked to; with no maximum, any ttl goes.
        JsonPath forever = create(app, env("dev", "development"), 201);
        assertEquals(null, forever.getString("expiresAt"));
        assertAbout(now.plus(Duration.ofDays(100)), create(app, env("dev-2", "development", "ttl", "2400h"), 201).getString("expiresAt"));
        // What the create answered is what is stored.
        assertAbout(now.plus(Duration.ofMinutes(90)), as(BOB).get(ENVIRONMENTS + "/{e}", app, "pr-2").then().statusCode(200).extract()
                .path("expiresAt"));
    }

    @Test
    void lifetimesOverTheMaximumOrMalformedAreRefusedNamingTheField() {
        String app = newApp();
        assertEquals(List.of("ttl"), create(app, env("pr-1", "preview", "ttl", "337h"), 400).getList("errors.field"));
        assertEquals(List.of("expiresAt"),
                create(app, env("pr-1", "preview", "expiresAt", Instant.now().plus(Duration.ofDays(15)).toString()),
                        400).getList("errors.field"));
        assertEquals(List.of("expiresAt"), create(app, env("pr-1", "preview", "expiresAt", Instant.now().minusSeconds(60).toString()), 400)
                .getList("errors.field"));
        assertEquals(List.of("ttl"),
                create(app, env("pr-1", "preview", "ttl", "1h", "expiresAt", Instant.now().plusSeconds(600).toString()),
                        400).getList("errors.field"));
        for (String bad : List.of("72", "1h3d", "-1h", "1.5h", "0s", "h", " 1h", "1m1h")) {
            assertEquals(List.of("ttl"), create(app, env("pr-1", "preview", "ttl", bad), 400).getList("errors.field"), bad);
        }
        as(ALICE).get(ENVIRONMENTS + "/{e}", app, "pr-1").then().statusCode(404);
    }

    @Test
    void extendSetsANewExpiryWithinTheMaximumAndTakesTheRightToUpdate() {
        String app = newApp();
        create(app, env("pr-1", "preview", "ttl", "1h"), 201);
        Instant now = Instant.now();
        JsonPath extended = as(ALICE).body(Map.of("ttl", "100h")).post(ENVIRONMENTS + "/{e}:extend", app, "pr-1").then().statusCode(200)
                .extract().jsonPath();
        assertAbout(now.plus(Duration.ofHours(100)), extended.getString("expiresAt"));
        as(ALICE).body(Map.of("ttl", "337h")).post(ENVIRONMENTS + "/{e}:extend", app, "pr-1").then().statusCode(400)
                .body("errors[0].field", equalTo("ttl"));
        as(ALICE).body(Map.of()).post(ENVIRONMENTS + "/{e}:extend", app, "pr-1").then().statusCode(400)
                .body("errors[0].field", equalTo("ttl"));
        as(ALICE).body(Map.of("ttl", "1".repeat(64) + "h")).post(ENVIRONMENTS + "/{e}:extend", app, "pr-1").then().statusCode(400)
                .body("errors[0].field", equalTo("ttl")).body("errors[0].message", equalTo("must be at most 64 characters"));
        as(BOB).body(Map.of("ttl", "2h")).post(ENVIRONMENTS + "/{e}:extend", app, "pr-1").then().statusCode(403);
        as(ALICE).body(Map.of("ttl", "2h")).post(ENVIRONMENTS + "/{e}:extend", app, "missing").then().statusCode(404);
        // A percent-encoded ':' reaches the same method.
        as(ALICE).body(Map.of("ttl", "2h")).urlEncodingEnabled(false).post("/api/v1/applications/" + app + "/environments/pr-1%3Aextend")
                .then().statusCode(200);
        assertAbout(Instant.now().plus(Duration.ofHours(2)), as(ALICE).get(ENVIRONMENTS + "/{e}", app, "pr-1").then().extract()
                .path("expiresAt"));
        // One that never expired gets an expiry by extending it.
        create(app, env("dev", "development"), 201);
        assertAbout(Instant.now().plus(Duration.ofHours(5)), as(ALICE).body(Map.of("ttl", "5h"))
                .post(ENVIRONMENTS + "/{e}:extend", app, "dev").then().statusCode(200).extract().path("expiresAt"));
    }

    @Test
    void listsFilterOnExpiresBefore() {
        String app = newApp();
        create(app, env("soon", "preview", "ttl", "30m"), 201);
        create(app, env("later", "preview"), 201);
        create(app, env("never", "development"), 201);
        Instant now = Instant.now();
        assertEquals(List.of("soon"), as(BOB).queryParam("expiresBefore", now.plus(Duration.ofHours(1)).toString())
                .get(ENVIRONMENTS, app).then().statusCode(200).extract().jsonPath().getList("items.name"));
        assertEquals(List.of("later", "soon"), as(BOB).queryParam("expiresBefore", now.plus(Duration.ofHours(100)).toString())
                .get(ENVIRONMENTS, app).then().statusCode(200).extract().jsonPath().getList("items.name"));
        assertEquals(List.of("later", "never", "soon"), as(BOB).get(ENVIRONMENTS, app).then().statusCode(200).extract().jsonPath()
                .getList("items.name"));
        as(BOB).queryParam("expiresBefore", "tomorrow").get(ENVIRONMENTS, app).then().statusCode(400)
                .body("errors[0].field", equalTo("expiresBefore"));
        // A page token belongs to its filter.
        String token = as(BOB).queryParam("pageSize", 1).get(ENVIRONMENTS, app).then().statusCode(200).extract().path("nextPageToken");
        as(BOB).queryParam("pageToken", token).queryParam("expiresBefore", now.toString()).get(ENVIRONMENTS, app).then().statusCode(400);
    }

    @Test
    void environmentTypesAreCreatedAndUpdatedWithLifetimes() {
        String name = Names.unique("pvt");
        try {
            as(ADMIN).body(Map.of("name", name, "order", 900_001, "defaultTtl", "3h", "maxTtl", "2h")).post("/api/v1/environment-types")
                    .then().statusCode(400).body("errors[0].field", equalTo("defaultTtl"));
            as(ADMIN).body(Map.of("name", name, "order", 900_001, "defaultTtl", "P3D")).post("/api/v1/environment-types")
                    .then().statusCode(400).body("errors[0].field", equalTo("defaultTtl"));
            as(ADMIN).body(Map.of("name", name, "order", 900_001, "defaultTtl", "90m", "maxTtl", "48h")).post("/api/v1/environment-types")
                    .then().statusCode(201).body("defaultTtl", equalTo("1h30m")).body("maxTtl", equalTo("48h"));
            as(ADMIN).contentType("application/merge-patch+json").body("{\"maxTtl\": null}").patch("/api/v1/environment-types/{n}", name)
                    .then().statusCode(200).body("maxTtl", nullValue()).body("defaultTtl", equalTo("1h30m"));
            as(ADMIN).contentType("application/merge-patch+json").body(Map.of("defaultTtl", "5h", "maxTtl", "4h"))
                    .patch("/api/v1/environment-types/{n}", name).then().statusCode(400);
            // Over gRPC, through the update mask; an empty string clears.
            EnvironmentTypeProto.EnvironmentType updated = dev.slipway.testing.GrpcAuth.as(types, ADMIN)
                    .updateEnvironmentType(EnvironmentTypeProto.UpdateEnvironmentTypeRequest.newBuilder()
                            .setEnvironmentType(EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setMaxTtl("24h"))
                            .setUpdateMask(FieldMask.newBuilder().addPaths("max_ttl").addPaths("default_ttl")).build())
                    .await().atMost(WAIT).getEnvironmentType();
            assertEquals("24h", updated.getMaxTtl());
            assertEquals("", updated.getDefaultTtl());
            // Its maximum now applies to its environments, and with no default the maximum is the default.
            String app = newApp();
            Instant now = Instant.now();
            assertAbout(now.plus(Duration.ofHours(24)), create(app, env("qa-1", name), 201).getString("expiresAt"));
            assertEquals(List.of("ttl"), create(app, env("qa-2", name, "ttl", "25h"), 400).getList("errors.field"));
            as(ALICE).delete(ENVIRONMENTS + "/{e}", app, "qa-1").then().statusCode(204);
        } finally {
            as(ADMIN).delete("/api/v1/environment-types/{n}", name);
        }
    }

    @Test
    void overGrpcCreateExtendAndListCarryTheLifetime() {
        String app = newApp();
        EnvironmentService alice = dev.slipway.testing.GrpcAuth.as(environments, ALICE);
        Instant now = Instant.now();
        EnvironmentProto.Environment withTtl = alice.createEnvironment(EnvironmentProto.CreateEnvironmentRequest.newBuilder()
                .setApplication(app).setTtl("30m")
                .setEnvironment(EnvironmentProto.Environment.newBuilder().setName("pr-1").setType("preview")).build())
                .await().atMost(WAIT).getEnvironment();
        assertAbout(now.plus(Duration.ofMinutes(30)), instant(withTtl.getExpireTime()).toString());
        Instant at = now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        EnvironmentProto.Environment withExpiry = alice.createEnvironment(EnvironmentProto.CreateEnvironmentRequest.newBuilder()
                .setApplication(app).setEnvironment(EnvironmentProto.Environment.newBuilder().setName("pr-2").setType("preview")
                        .setExpireTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond())))
                .build()).await().atMost(WAIT).getEnvironment();
        assertEquals(at, instant(withExpiry.getExpireTime()));
        EnvironmentProto.Environment forever = alice.createEnvironment(EnvironmentProto.CreateEnvironmentRequest.newBuilder()
                .setApplication(app).setEnvironment(EnvironmentProto.Environment.newBuilder().setName("dev").setType("development"))
                .build())
                .await().atMost(WAIT).getEnvironment();
        assertFalse(forever.hasExpireTime());
        assertEquals("", forever.getClonedFrom());

        Throwable tooLong = assertThrows(RuntimeException.class, () -> alice.createEnvironment(EnvironmentProto.CreateEnvironmentRequest
                .newBuilder().setApplication(app).setTtl("400h")
                .setEnvironment(EnvironmentProto.Environment.newBuilder().setName("pr-3").setType("preview")).build()).await()
                .atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(tooLong));
        assertFieldViolated(tooLong, "ttl");

        EnvironmentProto.Environment extended = alice.extendEnvironment(EnvironmentProto.ExtendEnvironmentRequest.newBuilder()
                .setApplication(app).setName("pr-1").setTtl("200h").build()).await().atMost(WAIT).getEnvironment();
        assertAbout(Instant.now().plus(Duration.ofHours(200)), instant(extended.getExpireTime()).toString());
        Throwable overMax = assertThrows(RuntimeException.class, () -> alice.extendEnvironment(EnvironmentProto.ExtendEnvironmentRequest
                .newBuilder().setApplication(app).setName("pr-1").setTtl("400h").build()).await().atMost(WAIT));
        assertFieldViolated(overMax, "ttl");
        Throwable viewer = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(environments, BOB)
                .extendEnvironment(EnvironmentProto.ExtendEnvironmentRequest.newBuilder().setApplication(app).setName("pr-1").setTtl("1h")
                        .build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.PERMISSION_DENIED, code(viewer));

        Instant in100h = Instant.now().plus(Duration.ofHours(100));
        List<String> names = alice.listEnvironments(EnvironmentProto.ListEnvironmentsRequest.newBuilder().setApplication(app)
                .setExpiresBefore(Timestamp.newBuilder().setSeconds(in100h.getEpochSecond())).build()).await().atMost(WAIT)
                .getEnvironmentsList().stream().map(EnvironmentProto.Environment::getName).toList();
        assertEquals(List.of("pr-2"), names);
    }

    private static void assertFieldViolated(Throwable failure, String field) {
        try {
            assertEquals(List.of(field), violatedFields(failure));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
