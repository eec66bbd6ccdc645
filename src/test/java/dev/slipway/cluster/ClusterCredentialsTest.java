package dev.slipway.cluster;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.ClusterProto;
import dev.slipway.grpc.v1.ClusterService;
import dev.slipway.store.crypto.SealedSecret;
import dev.slipway.store.crypto.SecretKeyring;
import dev.slipway.testing.CapturedLogs;
import dev.slipway.testing.DatabaseScan;
import dev.slipway.testing.GrpcAuth;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestClusters;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster credentials over REST and gRPC: submitted once, stored sealed, never returned, rotated
 * by sending them again; the rules for kubeconfigs and API URLs; and the canary: a known token goes
 * through every operation and must then be in no response, log line or table except sealed.
 */
@QuarkusTest
class ClusterCredentialsTest {
    private static final String ADMIN = TestTokens.admin();
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String CLUSTERS = "/api/v1/clusters";
    private static final String CLUSTER = "/api/v1/clusters/{name}";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    DataSource dataSource;
    @GrpcClient("slipway")
    ClusterService grpc;

    private final List<String> responses = new ArrayList<>();

    private Response keep(Response response) {
        responses.add(response.getStatusCode() + " " + response.getHeaders() + " " + response.asString());
        return response;
    }

    @Test
    void aKubeconfigIsStoredSealedItsServerBecomesTheApiUrlAndRotatingBumpsTheVersion() throws Exception {
        String name = Names.unique("kc");
        String url = TestClusters.refusingUrl();
        try {
            Response created = keep(as(ADMIN).body(Map.of("name", name, "credentials",
                    Map.of("kubeconfig", TestClusters.kubeconfig(url, "ci@edge", "first-token")))).post(CLUSTERS));
            assertEquals(201, created.getStatusCode(), created.asString());
            assertEquals(url, created.path("apiUrl"));
            assertEquals("KUBECONFIG", created.path("credentialsInfo.type"));
            assertEquals(1, (int) created.path("credentialsInfo.version"));
            assertNotNull(created.path("credentialsInfo.rotatedAt"));
            assertNull(created.path("credentials"), "write-only");

            Response read = keep(as(ALICE).get(CLUSTER, name));
            assertEquals(created.header("ETag"), read.header("ETag"), "the create answers the stored version");
            assertEquals("KUBECONFIG", read.path("credentialsInfo.type"));
            assertNull(read.path("credentials"));

            String etag = read.header("ETag");
            Response rotated = keep(as(ADMIN).contentType(MERGE_PATCH).header("If-Match", etag)
                    .body(Map.of("credentials", Map.of("token", "second-token"))).patch(CLUSTER, name));
            assertEquals(200, rotated.getStatusCode(), rotated.asString());
            assertEquals("TOKEN", rotated.path("credentialsInfo.type"));
            assertEquals(2, (int) rotated.path("credentialsInfo.version"));
            assertEquals(url, rotated.path("apiUrl"), "a token names no server: the URL stays");
            assertFalse(etag.equals(rotated.header("ETag")));

            // Exclusive with a reference: replacing them takes an explicit removal.
            Response both = keep(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("credentialsRef", "secret:slipway/edge"))
                    .patch(CLUSTER, name));
            assertEquals(400, both.getStatusCode());
            assertEquals(List.of("credentialsRef"), both.path("errors.field"));
            Map<String, Object> replace = new HashMap<>();
            replace.put("credentials", null);
            replace.put("credentialsRef", "secret:slipway/edge");
            Response replaced = keep(as(ADMIN).contentType(MERGE_PATCH).body(replace).patch(CLUSTER, name));
            assertEquals(200, replaced.getStatusCode(), replaced.asString());
            assertNull(replaced.path("credentialsInfo"));
            assertEquals("secret:slipway/edge", replaced.path("credentialsRef"));
            assertEquals(0, sealedRows(name), "removed credentials leave nothing behind");
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
        responses.forEach(response -> assertFalse(response.contains("first-token") || response.contains("second-token"), response));
    }

    @Test
    void refusesKubeconfigsThatRunProgramsReadFilesOrAreUnreadable() {
        String url = "https://k8s.example.com:6443";
        String exec = TestClusters.kubeconfig(url, "ctx", "t").replace("    token: t\n",
                "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: /bin/sh\n      args: [\"-c\", \"id\"]\n");
        String tokenFile = TestClusters.kubeconfig(url, "ctx", "t").replace("token: t", "tokenFile: /var/run/secrets/kubernetes.io/token");
        String caFile = TestClusters.kubeconfig(url, "ctx", "t").replace("    server: ",
                "    certificate-authority: /etc/ca.crt\n    server: ");
        String clientKey = TestClusters.kubeconfig(url, "ctx", "t").replace("token: t", "client-key: /root/.ssh/id_rsa");
        for (String kubeconfig : List.of(exec, tokenFile, caFile, clientKey, "{not: [yaml", "apiVersion: v1\nkind: Config\n")) {
            refused(Map.of("kubeconfig", kubeconfig), "credentials.kubeconfig");
        }
        refused(Map.of("kubeconfig", TestClusters.kubeconfig(url, "ctx", "t"), "context", "elsewhere"), "credentials.context");
        refused(Map.of("kubeconfig", TestClusters.kubeconfig(url, "ctx", "t"), "token", "t"), "credentials");
        refused(Map.of(), "credentials");
        refused(Map.of("token", "two words"), "credentials.token");
        refused(Map.of("token", "t", "caBundle", "not a certificate"), "credentials.caBundle");
        refused(Map.of("token", "t", "context", "ctx"), "credentials.context");
        Response inCluster = as(ADMIN).body(Map.of("name", Names.unique("inc"), "kind", "IN_CLUSTER", "credentials", Map.of("token", "t")))
                .post(CLUSTERS);
        assertEquals(400, inCluster.getStatusCode());
        assertEquals(List.of("credentials"), inCluster.path("errors.field"));
        Response withRef = as(ADMIN).body(Map.of("name", Names.unique("both"), "apiUrl", url, "credentialsRef", "secret:slipway/x",
                "credentials", Map.of("token", "t"))).post(CLUSTERS);
        assertEquals(400, withRef.getStatusCode());
        assertEquals(List.of("credentials"), withRef.path("errors.field"));
    }

    private static void refused(Map<String, Object> credentials, String field) {
        String name = Names.unique("badcred");
        Response response = as(ADMIN).body(Map.of("name", name, "apiUrl", "https://k8s.example.com:6443", "credentials", credentials))
                .post(CLUSTERS);
        assertEquals(400, response.getStatusCode(), credentials + " " + response.asString());
        assertEquals(List.of(field), response.path("errors.field"), response.asString());
        assertFalse(response.asString().contains("/bin/sh") || response.asString().contains("id_rsa"), response.asString());
        assertEquals(404, as(ADMIN).get(CLUSTER, name).getStatusCode());
    }

    @Test
    void apiUrlsAreHttpsWithoutCredentialsInThem() {
        String name = Names.unique("url");
        for (String url : List.of("http://k8s.example.com:6443", "https://svc:hunter2@k8s.example.com", "https://k8s.example.com/?a=b",
                "http://10.0.0.1:6443", "ftp://k8s.example.com")) {
            Response response = as(ADMIN).body(Map.of("name", name, "apiUrl", url)).post(CLUSTERS);
            assertEquals(400, response.getStatusCode(), url);
            assertEquals(List.of("apiUrl"), response.path("errors.field"), url);
            assertFalse(response.asString().contains("hunter2"), response.asString());
        }
        // A kubeconfig's server passes the same rules.
        Response fromKubeconfig = as(ADMIN).body(Map.of("name", name, "credentials",
                Map.of("kubeconfig", TestClusters.kubeconfig("https://admin:secret@k8s.example.com", "ctx", "t")))).post(CLUSTERS);
        assertEquals(400, fromKubeconfig.getStatusCode());
        assertEquals(List.of("apiUrl"), fromKubeconfig.path("errors.field"));
        assertEquals(404, as(ADMIN).get(CLUSTER, name).getStatusCode());

        // https anywhere; plain http on loopback only because tests allow it (production does not).
        for (String url : List.of("https://k8s.example.com:6443/prefix", "http://127.0.0.1:6443", "http://localhost:6443",
                "http://[::1]:6443")) {
            String ok = Names.unique("url");
            as(ADMIN).body(Map.of("name", ok, "apiUrl", url)).post(CLUSTERS).then().statusCode(201);
            Response patched = as(ADMIN).contentType(MERGE_PATCH).body(Map.of("apiUrl", "https://u:p@k8s.example.com")).patch(CLUSTER, ok);
            assertEquals(400, patched.getStatusCode());
            as(ADMIN).delete(CLUSTER, ok).then().statusCode(204);
        }
        assertFalse(ClusterUrls.problem("http://127.0.0.1:6443", false) == null, "production refuses plain http on loopback too");
        assertTrue(ClusterUrls.isLoopback("127.1.2.3"));
        assertFalse(ClusterUrls.isLoopback("127.example.com"));
    }

    @Test
    void grpcStoresRotatesAndRemovesCredentials() {
        String name = Names.unique("grpccred");
        var admin = GrpcAuth.as(grpc, ADMIN);
        try {
            ClusterProto.Cluster created = admin.createCluster(ClusterProto.CreateClusterRequest.newBuilder()
                    .setCluster(ClusterProto.Cluster.newBuilder().setName(name).setApiUrl("https://k8s.example.com:6443")
                            .setCredentials(ClusterProto.ClusterCredentials.newBuilder().setToken("grpc-token-1")))
                    .build()).await().atMost(WAIT).getCluster();
            assertEquals(ClusterProto.CredentialsType.CREDENTIALS_TYPE_TOKEN, created.getCredentialsInfo().getType());
            assertEquals(1, created.getCredentialsInfo().getVersion());
            assertFalse(created.hasCredentials(), "input only");

            ClusterProto.Cluster rotated = admin.updateCluster(ClusterProto.UpdateClusterRequest.newBuilder()
                    .setCluster(ClusterProto.Cluster.newBuilder().setName(name).setCredentials(ClusterProto.ClusterCredentials.newBuilder()
                            .setKubeconfig(TestClusters.kubeconfig("https://k8s.example.com:6443", "ctx", "grpc-token-2"))))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("credentials")).build()).await().atMost(WAIT).getCluster();
            assertEquals(ClusterProto.CredentialsType.CREDENTIALS_TYPE_KUBECONFIG, rotated.getCredentialsInfo().getType());
            assertEquals(2, rotated.getCredentialsInfo().getVersion());
            assertFalse(rotated.toString().contains("grpc-token"));

            Throwable denied = assertThrows(RuntimeException.class, () -> GrpcAuth.as(grpc, ALICE).updateCluster(
                    ClusterProto.UpdateClusterRequest.newBuilder().setCluster(ClusterProto.Cluster.newBuilder().setName(name)
                            .setCredentials(ClusterProto.ClusterCredentials.newBuilder().setToken("mine")))
                            .setUpdateMask(FieldMask.newBuilder().addPaths("credentials")).build())
                    .await().atMost(WAIT));
            assertEquals(Status.Code.PERMISSION_DENIED, GrpcAuth.code(denied));

            ClusterProto.Cluster removed = admin.updateCluster(ClusterProto.UpdateClusterRequest.newBuilder()
                    .setCluster(ClusterProto.Cluster.newBuilder().setName(name))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("credentials")).build()).await().atMost(WAIT).getCluster();
            assertFalse(removed.hasCredentialsInfo());
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void reencryptionMovesClusterCredentialsToTheActiveKey() throws Exception {
        String name = Names.unique("rekey");
        as(ADMIN).body(Map.of("name", name, "apiUrl", TestClusters.refusingUrl(), "credentials", Map.of("token", "rekey-token")))
                .post(CLUSTERS).then().statusCode(201);
        try {
            UUID id = UUID.fromString(as(ADMIN).get(CLUSTER, name).path("id"));
            // As if sealed before the key rotation: under the old key.
            SecretKeyring old = new SecretKeyring(Map.of("test-old", Base64.getDecoder().decode(
                    ConfigProvider.getConfig().getValue("slipway.secrets.keys.test-old", String.class))), "test-old");
            SealedSecret sealed = old.seal("{\"token\":\"rekey-token\"}".getBytes(StandardCharsets.UTF_8),
                    ClusterCredentialStore.associatedData(id, "test-old"));
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE cluster_credentials SET key_id = ?, format = ?, nonce = ?, ciphertext = ? WHERE cluster_id = ?")) {
                update.setString(1, sealed.keyId());
                update.setShort(2, (short) sealed.format());
                update.setBytes(3, sealed.nonce());
                update.setBytes(4, sealed.ciphertext());
                update.setObject(5, id);
                assertEquals(1, update.executeUpdate());
            }
            Response reencrypted = as(ADMIN).post("/api/v1/secrets:reencrypt");
            assertEquals(200, reencrypted.getStatusCode(), reencrypted.asString());
            assertTrue((int) reencrypted.path("reencrypted") >= 1, reencrypted.asString());
            assertEquals("test-new", keyOf(id));
            // And it still opens: the health check gets as far as the (refusing) server.
            Response health = as(ALICE).get(CLUSTER + ":health", name);
            assertEquals(200, health.getStatusCode(), health.asString());
            assertFalse(health.asString().contains("decrypt"), health.asString());
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void aTokenAppearsNowhereButSealed() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        CapturedLogs logs = CapturedLogs.start();
        String name = Names.unique("credcanary");
        try {
            runTheFlow(name, canary);
        } finally {
            logs.stop();
            as(ADMIN).delete(CLUSTER, name);
        }
        assertTrue(responses.stream().anyMatch(r -> r.contains(name)), "responses were captured");
        assertTrue(logs.lines.size() > 0, "logs were captured");
        for (String form : List.of(canary, Base64.getEncoder().encodeToString(canary.getBytes(StandardCharsets.UTF_8)))) {
            responses.forEach(response -> assertFalse(response.contains(form), "a response holds the credentials: " + response));
            logs.lines.forEach(line -> assertFalse(line.contains(form), "a log line holds the credentials: " + line));
            assertEquals(0, DatabaseScan.rowsContaining(dataSource, form), "a table holds the credentials in clear");
        }
    }

    private void runTheFlow(String name, String canary) throws Exception {
        String url = TestClusters.refusingUrl();
        keep(as(ADMIN).header("Idempotency-Key", name).body(Map.of("name", name, "credentials",
                Map.of("kubeconfig", TestClusters.kubeconfig(url, "ctx", canary)))).post(CLUSTERS)).then().statusCode(201);
        keep(as(ADMIN).header("Idempotency-Key", name).body(Map.of("name", name, "credentials",
                Map.of("kubeconfig", TestClusters.kubeconfig(url, "ctx", canary)))).post(CLUSTERS)).then().statusCode(201);
        assertEquals(1, sealedRows(name), "the control: the credentials are stored, sealed");
        keep(as(ALICE).get(CLUSTER, name));
        keep(as(ALICE).queryParam("pageSize", 500).get(CLUSTERS));
        keep(as(ALICE).get(CLUSTER + ":health", name));
        keep(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("credentials", Map.of("token", canary))).patch(CLUSTER, name));
        keep(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("credentials", Map.of("token", canary + " spaced"))).patch(CLUSTER, name));
        keep(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("credentials", Map.of("kubeconfig", "{" + canary))).patch(CLUSTER, name));
        keep(as(ALICE).contentType(MERGE_PATCH).body(Map.of("credentials", Map.of("token", canary))).patch(CLUSTER, name));
        keep(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("credentials", Map.of("token", canary), "bogus", canary)).patch(CLUSTER, name));
        keep(as(ADMIN).post("/api/v1/secrets:reencrypt"));
        var admin = GrpcAuth.as(grpc, ADMIN);
        responses.add(admin.getCluster(ClusterProto.GetClusterRequest.newBuilder().setName(name).build()).await().atMost(WAIT).toString());
        responses.add(admin.updateCluster(ClusterProto.UpdateClusterRequest.newBuilder()
                .setCluster(ClusterProto.Cluster.newBuilder().setName(name)
                        .setCredentials(ClusterProto.ClusterCredentials.newBuilder().setToken(canary)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("credentials")).build()).await().atMost(WAIT).toString());
        Throwable invalid = assertThrows(RuntimeException.class, () -> admin.updateCluster(ClusterProto.UpdateClusterRequest.newBuilder()
                .setCluster(ClusterProto.Cluster.newBuilder().setName(name)
                        .setCredentials(ClusterProto.ClusterCredentials.newBuilder().setKubeconfig(canary + ": [")))
                .setUpdateMask(FieldMask.newBuilder().addPaths("credentials")).build()).await().atMost(WAIT));
        responses.add(GrpcAuth.status(invalid).getStatus() + " " + GrpcAuth.status(invalid).getTrailers());
    }

    private int sealedRows(String cluster) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM cluster_credentials k JOIN clusters c ON c.id = k.cluster_id WHERE c.name = ?")) {
            query.setString(1, cluster);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private String keyOf(UUID cluster) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT key_id FROM cluster_credentials WHERE cluster_id = ?")) {
            query.setObject(1, cluster);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
