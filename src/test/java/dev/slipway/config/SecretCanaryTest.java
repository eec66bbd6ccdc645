package dev.slipway.config;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import dev.slipway.grpc.v1.ConfigProto;
import dev.slipway.grpc.v1.ConfigService;
import dev.slipway.grpc.v1.EnvironmentResourceProto;
import dev.slipway.grpc.v1.EnvironmentResourceService;
import dev.slipway.grpc.v1.ResourceDefinitionProto;
import dev.slipway.grpc.v1.ResourceDefinitionService;
import dev.slipway.infra.definition.OutputsTestDriver;
import dev.slipway.local.sandbox.SandboxCluster;
import dev.slipway.testing.Api;
import dev.slipway.testing.CapturedLogs;
import dev.slipway.testing.DatabaseScan;
import dev.slipway.testing.GrpcAuth;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.slipway.config.ConfigApi.BASE;
import static dev.slipway.config.ConfigApi.ENVIRONMENT;
import static dev.slipway.config.ConfigApi.changes;
import static dev.slipway.config.ConfigApi.secret;
import static dev.slipway.config.ConfigApi.value;
import static dev.slipway.config.ConfigResourceTest.ALICE;
import static dev.slipway.config.ConfigResourceTest.BOB;
import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The canary: a known secret value goes through the whole flow (set, read, diff, history, errors,
 * deploy, config-only deploy, rollback, drift, re-encryption, over REST and gRPC; a resource
 * definition's secret input through its own operations; and a provisioned resource's secret output
 * injected into a deployment and read back as the environment's resource) and must then
 * appear in no API response, no error body, no log output and nowhere in the database (the audit
 * log, which records every allowed change and every denial of the flow, included) -- while it
 * does reach the cluster's Secrets.
 */
@QuarkusTest
class SecretCanaryTest {
    private static final String DEPLOYMENTS = "/api/v1/applications/{a}/environments/{e}/deployments";

    @Inject
    DataSource dataSource;
    @Inject
    SandboxCluster sandbox;
    @GrpcClient("slipway")
    ConfigService grpc;
    @GrpcClient("slipway")
    ResourceDefinitionService definitionsRpc;
    @GrpcClient("slipway")
    EnvironmentResourceService resourcesRpc;

    private final List<String> responses = new ArrayList<>();

    private String keep(Response response) {
        String body = response.asString();
        responses.add(response.getStatusCode() + " " + response.getHeaders() + " " + body);
        return body;
    }

    private Response call(String token, Object body, String method, String path, Object... parameters) {
        var request = as(token);
        if (body != null) {
            request = request.body(body);
        }
        Response response = request.request(method, path, parameters);
        keep(response);
        return response;
    }

    @Test
    void aKnownSecretAppearsNowhereButInTheClustersSecret() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        String visible = "visible-" + UUID.randomUUID();
        List<String> forms = List.of(canary, Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)),
                HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8)));

        CapturedLogs logs = CapturedLogs.start();
        String app;
        try {
            app = runTheFlow(canary, visible);
        } finally {
            logs.stop();
        }

        // The controls: the capture works, so an absence means something.
        assertTrue(responses.stream().anyMatch(r -> r.contains(visible)), "responses were captured");
        assertTrue(logs.lines.stream().anyMatch(line -> line.contains("re-encrypted")), "logs were captured");
        assertTrue(rowsContaining(visible) > 0, "the database scan finds plain values");
        assertTrue(auditRecordsOf(app) >= 4, "the flow's configuration changes and denials are in the audit log the scan covers");

        for (String form : forms) {
            for (String response : responses) {
                assertTrue(!response.contains(form), "an API response or error holds the secret: " + response);
            }
            for (String line : logs.lines) {
                assertTrue(!line.contains(form), "a log line holds the secret: " + line);
            }
            for (String line : writtenLogLines()) {
                assertTrue(!line.contains(form), "a written log line holds the secret: " + line);
            }
            assertEquals(0, rowsContaining(form), "a database row holds the secret (" + form + ")");
        }
    }

    /**
     * Log output as a handler formatted it (the JSON variant reads its log file: message, MDC fields,
     * exception fields and stack traces), checked like the captured records; none here.
     */
    protected List<String> writtenLogLines() {
        return List.of();
    }

    private String runTheFlow(String canary, String visible) throws Exception {
        String app = Names.unique("canary");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);

        // Set it, read it back every way there is.
        assertEquals(200,
                call(ALICE, changes("add secrets", secret("DB_PASSWORD", canary), value("LOG_LEVEL", visible)), "PATCH", BASE, app)
                        .getStatusCode());
        assertEquals(200, call(ALICE, changes(null, secret("API_TOKEN", canary)), "PATCH", ENVIRONMENT, app, "dev").getStatusCode());
        call(BOB, null, "GET", BASE, app);
        call(ALICE, null, "GET", ENVIRONMENT, app, "dev");
        call(ALICE, null, "GET", ENVIRONMENT + "?revision=1", app, "dev");
        call(ALICE, null, "GET", BASE + "/revisions", app);
        call(ALICE, null, "GET", BASE + "/revisions/1", app);
        call(ALICE, null, "GET", BASE + "/revisions/2", app);
        call(ALICE, null, "GET", BASE + "/diff?from=0&to=1", app);
        call(ALICE, null, "GET", BASE + "/diff?from=dev&to=prod", app);

        // Errors whose requests carry it.
        assertEquals(400, call(ALICE, changes(null, Map.of("name", "bad-name", "secret", canary)), "PATCH", BASE, app).getStatusCode());
        assertEquals(400,
                call(ALICE, changes(null, Map.of("name", "BOTH", "value", "v", "secret", canary)), "PATCH", BASE, app).getStatusCode());
        assertEquals(400, call(ALICE, changes(null, Map.of("name", "BIG", "secret", canary + "x".repeat(64 * 1024))), "PATCH", BASE, app)
                .getStatusCode());
        assertEquals(400, call(ALICE, changes(null, Map.of("name", "REMOVED", "secret", canary, "remove", true)), "PATCH", BASE, app)
                .getStatusCode());
        assertEquals(400, call(ALICE, Map.of("changes", List.of(Map.of("name", "A", "secret", List.of(canary)))), "PATCH", BASE, app)
                .getStatusCode());
        assertEquals(400,
                call(ALICE, Map.of("changes", List.of(Map.of("name", "A", "secret", canary, "extra", canary))), "PATCH", BASE, app)
                        .getStatusCode());
        assertEquals(400, call(ALICE, "{\"changes\":[{\"name\":\"A\",\"secret\":\"" + canary + "\"}", "PATCH", BASE, app).getStatusCode());
        assertEquals(412, keepStatus(as(ALICE).header("If-Match", "\"0\"").body(changes(null, secret("DB_PASSWORD", canary + "2")))
                .patch(BASE, app)));
        assertEquals(403, call(BOB, changes(null, secret("DB_PASSWORD", canary)), "PATCH", BASE, app).getStatusCode());
        assertEquals(403, call(BOB, changes(null, secret("API_TOKEN", canary)), "PATCH", ENVIRONMENT, app, "prod").getStatusCode());
        assertEquals(404, call(ALICE, changes(null, secret("API_TOKEN", canary)), "PATCH", ENVIRONMENT, app, "nowhere").getStatusCode());
        assertEquals(404, call(TestTokens.user("carol", "team-c"), changes(null, secret("API_TOKEN", canary)), "PATCH", BASE, app)
                .getStatusCode());

        // The same over gRPC.
        var alice = GrpcAuth.as(grpc, ALICE);
        responses.add(alice
                .updateEnvironmentConfig(ConfigProto.UpdateEnvironmentConfigRequest.newBuilder().setApplication(app).setEnvironment("prod")
                        .addChanges(ConfigProto.ConfigChange.newBuilder().setName("API_TOKEN").setSecret(canary)).build())
                .await().indefinitely().toString());
        responses.add(alice
                .getEnvironmentConfig(
                        ConfigProto.GetEnvironmentConfigRequest.newBuilder().setApplication(app).setEnvironment("prod").build())
                .await().indefinitely().toString());
        Throwable invalid = assertThrows(RuntimeException.class,
                () -> alice.updateApplicationConfig(ConfigProto.UpdateApplicationConfigRequest
                        .newBuilder().setApplication(app)
                        .addChanges(ConfigProto.ConfigChange.newBuilder().setName("bad name").setSecret(canary)).build())
                        .await().indefinitely());
        StatusRuntimeException status = GrpcAuth.status(invalid);
        responses.add(status.getStatus() + " " + status.getTrailers());

        // Deliver it: deploy, change, deploy the configuration alone, roll back, look for drift.
        String first = call(ALICE, Map.of("spec", ConfigDeploymentTest.spec("nginx")), "POST", DEPLOYMENTS, app, "dev").path("id");
        await(app, first);
        call(ALICE, changes(null, secret("DB_PASSWORD", canary + "-rotated")), "PATCH", BASE, app);
        String configOnly = call(ALICE, Map.of("configOnly", true), "POST", DEPLOYMENTS, app, "dev").path("id");
        await(app, configOnly);
        String rollback = call(ALICE, null, "POST", DEPLOYMENTS + "/{id}:rollback", app, "dev", first).path("id");
        await(app, rollback);
        call(ALICE, null, "GET", DEPLOYMENTS, app, "dev");
        call(ALICE, null, "GET", "/api/v1/applications/{a}/environments/{e}/drift", app, "dev");
        definitionFlow(canary, app);
        resourceFlow(canary, app);
        call(TestTokens.admin(), null, "POST", "/api/v1/secrets:reencrypt");
        call(ALICE, changes(null, secret("DB_PASSWORD", canary)), "PATCH", BASE, app);
        call(ALICE, Map.of("revision", 1), "POST", BASE + ":restore", app);

        // ...where it does belong: the Secret in the environment's namespace (the control that the flow delivered it).
        var delivered = sandbox.client().secrets().inNamespace(app + "-dev").withName(app + "-secrets").get();
        assertEquals(canary, new String(Base64.getDecoder().decode(delivered.getData().get("DB_PASSWORD")), StandardCharsets.UTF_8));
        assertEquals(canary, new String(Base64.getDecoder().decode(delivered.getData().get("API_TOKEN")), StandardCharsets.UTF_8));
        return app;
    }

    /**
     * A resource definition's secret input: created, read, listed, changed, refused in every way,
     * matched, over REST and gRPC. Its value is stored platform-owned beside configuration secrets
     * and re-encrypted with them (the flow's re-encryption runs after this).
     */
    private void definitionFlow(String canary, String app) {
        String admin = TestTokens.admin();
        String type = Names.unique("canary-rt");
        assertEquals(201, call(admin, Map.of("name", type, "outputs", List.of(Map.of("name", "host"), Map.of("name", "password",
                "secret", true))), "POST", "/api/v1/resource-types").getStatusCode());
        String name = Names.unique("canary-def");
        Map<String, Object> definition = Map.of("name", name, "type", type, "driver", OutputsTestDriver.NAME,
                "driverInputs", Map.of("values", Map.of("host", "db"), "secrets", Map.of("password", canary)),
                "criteria", List.of(Map.of("application", app)));
        String definitions = "/api/v1/resource-definitions";
        assertEquals(201, keepStatus(as(admin).header("Idempotency-Key", name).body(definition).post(definitions)));
        assertEquals(201, keepStatus(as(admin).header("Idempotency-Key", name).body(definition).post(definitions)));
        call(BOB, null, "GET", definitions + "/" + name);
        call(BOB, null, "GET", definitions + "?type=" + type);
        assertEquals(200, call(ALICE, Map.of("application", app, "environment", "dev", "type", type), "POST",
                definitions + ":match").getStatusCode());
        // Refusals whose requests carry it: a tie, a non-admin, invalid input, a stale ETag, a bad patch.
        Map<String, Object> rival = new java.util.HashMap<>(definition);
        rival.put("name", Names.unique("canary-rival"));
        assertEquals(409, call(admin, rival, "POST", definitions).getStatusCode());
        assertEquals(403, call(BOB, definition, "POST", definitions).getStatusCode());
        rival.put("name", "Not A Slug");
        rival.put("driver", "no-such-driver");
        assertEquals(400, call(admin, rival, "POST", definitions).getStatusCode());
        assertEquals(400, call(admin, Map.of("name", name, "type", type, "driver", OutputsTestDriver.NAME, "criteria", List.of(Map.of()),
                "driverInputs", Map.of("values", Map.of("password", canary)), "extra", canary), "POST", definitions).getStatusCode());
        assertEquals(412, keepStatus(as(admin).contentType("application/merge-patch+json").header("If-Match", "\"9\"")
                .body(Map.of("driverInputs", Map.of("secrets", Map.of("password", canary + "-2")))).patch(definitions + "/" + name)));
        assertEquals(400, keepStatus(as(admin).contentType("application/merge-patch+json")
                .body(Map.of("driverInputs", Map.of("secrets", Map.of("password", List.of(canary))))).patch(definitions + "/" + name)));
        assertEquals(403, keepStatus(as(BOB).contentType("application/merge-patch+json")
                .body(Map.of("driverInputs", Map.of("secrets", Map.of("password", canary)))).patch(definitions + "/" + name)));
        assertEquals(200, keepStatus(as(admin).contentType("application/merge-patch+json")
                .body(Map.of("driverInputs", Map.of("secrets", Map.of("password", canary)))).patch(definitions + "/" + name)));

        // The same over gRPC.
        var definitionsRpc = GrpcAuth.as(this.definitionsRpc, admin);
        String viaGrpc = Names.unique("canary-grpc");
        responses.add(definitionsRpc.createResourceDefinition(ResourceDefinitionProto.CreateResourceDefinitionRequest.newBuilder()
                .setResourceDefinition(ResourceDefinitionProto.ResourceDefinition.newBuilder().setName(viaGrpc).setType(type)
                        .setDriver(OutputsTestDriver.NAME).addCriteria(ResourceDefinitionProto.Criterion.newBuilder().setEnvironment("dev"))
                        .setDriverInputs(ResourceDefinitionProto.DriverInputs.newBuilder().putSecrets("password", canary)))
                .build()).await().indefinitely().toString());
        responses.add(definitionsRpc.getResourceDefinition(ResourceDefinitionProto.GetResourceDefinitionRequest.newBuilder()
                .setName(viaGrpc).build()).await().indefinitely().toString());
        Throwable tie = assertThrows(RuntimeException.class, () -> definitionsRpc.createResourceDefinition(
                ResourceDefinitionProto.CreateResourceDefinitionRequest.newBuilder().setResourceDefinition(
                        ResourceDefinitionProto.ResourceDefinition.newBuilder().setName(Names.unique("canary-tie")).setType(type)
                                .setDriver(OutputsTestDriver.NAME)
                                .addCriteria(ResourceDefinitionProto.Criterion.newBuilder().setEnvironment("dev"))
                                .setDriverInputs(ResourceDefinitionProto.DriverInputs.newBuilder().putSecrets("password", canary)))
                        .build())
                .await().indefinitely());
        StatusRuntimeException refused = GrpcAuth.status(tie);
        responses.add(refused.getStatus() + " " + refused.getTrailers());
    }

    /**
     * A resource's secret output: a static postgres whose password (and URL) is the canary, provisioned
     * for a deployment that injects it through placeholders, then read back as the environment's
     * resource over REST and gRPC. Its value is sealed like a configuration secret (and re-encrypted
     * with them after this) and reaches the pod only through the per-container Secret.
     */
    private void resourceFlow(String canary, String app) {
        String admin = TestTokens.admin();
        String name = Names.unique("canary-pg");
        assertEquals(201, call(admin, Map.of("name", name, "type", "postgres", "driver", "static",
                "driverInputs", Map.of("values", Map.of("host", "db.example.com", "port", 5432, "name", "orders", "username", "orders"),
                        "secrets", Map.of("password", canary, "url", "postgresql://orders:" + canary + "@db.example.com:5432/orders")),
                "criteria", List.of(Map.of("application", app))), "POST", "/api/v1/resource-definitions").getStatusCode());
        createEnvironment(ALICE, app, "res", "development").statusCode(201);
        Map<String, Object> spec = Map.of("containers", List.of(Map.of("name", "web", "image", "nginx", "env",
                Map.of("RESOURCE_DB_HOST", "${resources.db.host}", "RESOURCE_DB_PASSWORD", "${resources.db.password}",
                        "RESOURCE_DB_URL", "${resources.db.url}"))),
                "resources", Map.of("db", Map.of("type", "postgres")));
        String first = call(ALICE, Map.of("spec", spec), "POST", DEPLOYMENTS, app, "res").path("id");
        await(app, "res", first);
        // Provisioned again only when something changed: the second finds the first's outputs (opened from the store).
        String second = call(ALICE, Map.of("spec", spec, "reason", "again"), "POST", DEPLOYMENTS, app, "res").path("id");
        await(app, "res", second);
        assertEquals(400, call(ALICE, Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "nginx", "args",
                List.of("--password=${resources.db.password}"))), "resources", Map.of("db", Map.of("type", "postgres")))), "POST",
                DEPLOYMENTS, app, "res").getStatusCode());
        String resources = "/api/v1/applications/{a}/environments/{e}/resources";
        assertEquals(List.of("password", "url"), call(BOB, null, "GET", resources + "/db", app, "res").path("secretOutputs"));
        call(ALICE, null, "GET", resources, app, "res");
        call(ALICE, null, "GET", DEPLOYMENTS + "/{id}", app, "res", first);
        call(ALICE, null, "GET", "/api/v1/applications/{a}/environments/{e}/drift", app, "res");
        var resourcesRpc = GrpcAuth.as(this.resourcesRpc, BOB);
        responses.add(resourcesRpc.getEnvironmentResource(EnvironmentResourceProto.GetEnvironmentResourceRequest.newBuilder()
                .setApplication(app).setEnvironment("res").setName("db").build()).await().indefinitely().toString());
        responses.add(resourcesRpc.listEnvironmentResources(EnvironmentResourceProto.ListEnvironmentResourcesRequest.newBuilder()
                .setApplication(app).setEnvironment("res").build()).await().indefinitely().toString());

        // ...where it does belong: the per-container Secret, which the Deployment references key by key.
        var delivered = sandbox.client().secrets().inNamespace(app + "-res").withName(app + "-container-secrets").get();
        assertEquals(canary,
                new String(Base64.getDecoder().decode(delivered.getData().get("web.RESOURCE_DB_PASSWORD")), StandardCharsets.UTF_8));
    }

    private long auditRecordsOf(String app) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM audit_events WHERE application = ? AND action = 'config.update'")) {
            query.setString(1, app);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private int keepStatus(Response response) {
        keep(response);
        return response.getStatusCode();
    }

    private void await(String app, String id) {
        await(app, "dev", id);
    }

    private void await(String app, String env, String id) {
        Response done = as(ALICE).queryParam("waitFor", "terminal").queryParam("timeout", "30s").get(DEPLOYMENTS + "/{id}", app, env, id);
        keep(done);
        assertEquals("SUCCEEDED", done.path("status"));
    }

    /** Rows of any table (every table of the schema: revisions, applied manifests, idempotency keys, audit, ...) whose text holds the needle. */
    private long rowsContaining(String needle) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertTrue(DatabaseScan.tables(connection).containsAll(List.of("config_secret_values", "config_revisions", "applied_manifests",
                    "audit_events", "idempotency_keys", "resource_instances", "deployments")));
        }
        return DatabaseScan.rowsContaining(dataSource, needle);
    }
}
