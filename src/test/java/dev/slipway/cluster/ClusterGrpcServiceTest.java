package dev.slipway.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.ClusterProto;
import dev.slipway.grpc.v1.ClusterService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.reason;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ClusterService over gRPC, through the same service layer as REST. */
@QuarkusTest
class ClusterGrpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ADMIN = TestTokens.admin();
    /** Looks like a JWT: a credential pasted where a reference belongs. */
    private static final String RAW_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNsaXB3YXkifQ.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl";

    @GrpcClient("slipway")
    ClusterService client;

    private ClusterProto.Cluster create(String token, ClusterProto.Cluster.Builder cluster, String requestId) {
        return as(client, token)
                .createCluster(ClusterProto.CreateClusterRequest.newBuilder().setCluster(cluster).setRequestId(requestId).build())
                .await().atMost(WAIT).getCluster();
    }

    private ClusterProto.Cluster createExternal(String name) {
        return create(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setApiUrl("https://" + name + ".example.com:6443"), "");
    }

    private ClusterProto.Cluster get(String token, String name) {
        return as(client, token).getCluster(ClusterProto.GetClusterRequest.newBuilder().setName(name).build()).await().atMost(WAIT)
                .getCluster();
    }

    private ClusterProto.Cluster update(String token, ClusterProto.Cluster.Builder cluster, String etag, String... paths) {
        return as(client, token).updateCluster(ClusterProto.UpdateClusterRequest.newBuilder()
                .setCluster(cluster).setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).setEtag(etag).build())
                .await().atMost(WAIT).getCluster();
    }

    private void delete(String token, String name, String etag) {
        as(client, token).deleteCluster(ClusterProto.DeleteClusterRequest.newBuilder().setName(name).setEtag(etag).build()).await()
                .atMost(WAIT);
    }

    /** Cleanup that ignores "already gone". */
    private void deleteQuietly(String name) {
        try {
            delete(ADMIN, name, "");
        } catch (RuntimeException ignored) {
            // already deleted, or never created
        }
    }

    private static Throwable fails(Executable call) {
        return assertThrows(RuntimeException.class, call);
    }

    @Test
    void readsTheSeededSandbox() {
        ClusterProto.Cluster sandbox = get(ALICE, "sandbox");
        assertEquals(ClusterProto.ClusterKind.CLUSTER_KIND_SANDBOX, sandbox.getKind());
        assertEquals("", sandbox.getApiUrl());
        assertEquals("", sandbox.getCredentialsRef());
    }

    @Test
    void createsGetsListsUpdatesAndDeletes() {
        String name = Names.unique("grpc-ext");
        try {
            ClusterProto.Cluster created = create(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setDescription("EU production")
                    .setApiUrl("https://k8s.example.com:6443").setCredentialsRef("secret:slipway/" + name + "-token#token"), "");
            assertFalse(created.getId().isEmpty());
            assertEquals(name, created.getName());
            assertEquals("EU production", created.getDescription());
            assertEquals(ClusterProto.ClusterKind.CLUSTER_KIND_EXTERNAL, created.getKind(), "UNSPECIFIED means EXTERNAL");
            assertEquals("https://k8s.example.com:6443", created.getApiUrl());
            assertEquals("secret:slipway/" + name + "-token#token", created.getCredentialsRef());
            assertFalse(created.getDefault());
            assertEquals("platform-admin", created.getCreatedBy());
            assertTrue(created.getCreateTime().getSeconds() > 0);
            assertFalse(created.getEtag().isEmpty());

            // Everyone may read clusters.
            ClusterProto.Cluster read = get(ALICE, name);
            assertEquals(created, read);

            ClusterProto.Cluster updated = update(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setDescription("moved")
                    .setApiUrl("https://new.example.com").setKind(ClusterProto.ClusterKind.CLUSTER_KIND_IN_CLUSTER),
                    read.getEtag(), "description", "api_url", "credentials_ref");
            assertEquals("moved", updated.getDescription());
            assertEquals("https://new.example.com", updated.getApiUrl());
            assertEquals("", updated.getCredentialsRef(), "an empty string named in the mask clears the field");
            assertEquals(ClusterProto.ClusterKind.CLUSTER_KIND_EXTERNAL, updated.getKind(), "fields outside the mask stay");
            assertNotEquals(read.getEtag(), updated.getEtag());

            Throwable stale = fails(() -> update(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setDescription("late"),
                    read.getEtag(), "description"));
            assertEquals(Status.Code.ABORTED, code(stale));
            Throwable staleDelete = fails(() -> delete(ADMIN, name, read.getEtag()));
            assertEquals(Status.Code.ABORTED, code(staleDelete));
            assertEquals(updated, get(ALICE, name));

            delete(ADMIN, name, updated.getEtag());
            Throwable gone = fails(() -> get(ALICE, name));
            assertEquals(Status.Code.NOT_FOUND, code(gone));
        } finally {
            deleteQuietly(name);
        }
    }

    @Test
    void theDefaultFlagMovesAndIsNeverCleared() throws Exception {
        String name = Names.unique("grpc-deflt");
        createExternal(name);
        try {
            ClusterProto.Cluster made = update(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setDefault(true), "", "default");
            assertTrue(made.getDefault());
            assertFalse(get(ALICE, "sandbox").getDefault(), "the previous default stops being one");

            Throwable cleared = fails(
                    () -> update(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setDefault(false), "", "default"));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(cleared));
            assertEquals(List.of("default"), violatedFields(cleared));
            Throwable deleteDefault = fails(() -> delete(ADMIN, name, ""));
            assertEquals(Status.Code.FAILED_PRECONDITION, code(deleteDefault));
        } finally {
            update(ADMIN, ClusterProto.Cluster.newBuilder().setName("sandbox").setDefault(true), "", "default");
            deleteQuietly(name);
        }
        assertTrue(get(ALICE, "sandbox").getDefault());
    }

    @Test
    void errorsCarryCodesReasonsAndFieldViolations() throws Exception {
        Throwable invalid = fails(
                () -> create(ADMIN, ClusterProto.Cluster.newBuilder().setName("Bad_Name").setDescription("d".repeat(1001)), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals("INVALID_REQUEST", reason(invalid));
        assertTrue(violatedFields(invalid).containsAll(List.of("name", "description", "apiUrl")), violatedFields(invalid).toString());

        String name = Names.unique("grpc-guard");
        Throwable rawCredential = fails(
                () -> create(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setApiUrl("https://k8s.example.com")
                        .setCredentialsRef(RAW_TOKEN), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(rawCredential));
        assertEquals(List.of("credentialsRef"), violatedFields(rawCredential));
        assertFalse(rawCredential.getMessage() != null && rawCredential.getMessage().contains(RAW_TOKEN.substring(0, 20)));
        Throwable sandboxKind = fails(() -> create(ADMIN,
                ClusterProto.Cluster.newBuilder().setName(name).setKind(ClusterProto.ClusterKind.CLUSTER_KIND_SANDBOX), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(sandboxKind));
        assertEquals(List.of("kind"), violatedFields(sandboxKind));
        Throwable unknownKind = fails(() -> create(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setKindValue(42), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(unknownKind));
        assertEquals(List.of("kind"), violatedFields(unknownKind));

        Throwable duplicate = fails(
                () -> create(ADMIN, ClusterProto.Cluster.newBuilder().setName("sandbox").setApiUrl("https://k8s.example.com"), ""));
        assertEquals(Status.Code.ALREADY_EXISTS, code(duplicate));

        Throwable deniedCreate = fails(
                () -> create(ALICE, ClusterProto.Cluster.newBuilder().setName(name).setApiUrl("https://k8s.example.com"), ""));
        assertEquals(Status.Code.PERMISSION_DENIED, code(deniedCreate));
        assertEquals("FORBIDDEN", reason(deniedCreate));
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> get(ALICE, name))));
        assertEquals(Status.Code.NOT_FOUND,
                code(fails(() -> update(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setDescription("x"), "", "description"))));
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> delete(ADMIN, name, ""))));

        try {
            ClusterProto.Cluster created = createExternal(name);
            Throwable deniedUpdate = fails(
                    () -> update(ALICE, ClusterProto.Cluster.newBuilder().setName(name).setDescription("mine"), "", "description"));
            assertEquals(Status.Code.PERMISSION_DENIED, code(deniedUpdate));
            Throwable deniedDefault = fails(
                    () -> update(ALICE, ClusterProto.Cluster.newBuilder().setName(name).setDefault(true), "", "default"));
            assertEquals(Status.Code.PERMISSION_DENIED, code(deniedDefault));
            Throwable deniedDelete = fails(() -> delete(ALICE, name, ""));
            assertEquals(Status.Code.PERMISSION_DENIED, code(deniedDelete));
            assertEquals(created, get(ALICE, name));

            Throwable badMask = fails(() -> update(ADMIN,
                    ClusterProto.Cluster.newBuilder().setName(name).setKind(ClusterProto.ClusterKind.CLUSTER_KIND_IN_CLUSTER), "", "kind"));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(badMask));
            assertEquals(List.of("update_mask"), violatedFields(badMask));
            Throwable noUrl = fails(() -> update(ADMIN, ClusterProto.Cluster.newBuilder().setName(name), "", "api_url"));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(noUrl));
            assertEquals(List.of("apiUrl"), violatedFields(noUrl));

            Throwable anonymous = fails(
                    () -> client.getCluster(ClusterProto.GetClusterRequest.newBuilder().setName(name).build()).await().atMost(WAIT));
            assertEquals(Status.Code.UNAUTHENTICATED, code(anonymous));
            Throwable anonymousList = fails(
                    () -> client.listClusters(ClusterProto.ListClustersRequest.getDefaultInstance()).await().atMost(WAIT));
            assertEquals(Status.Code.UNAUTHENTICATED, code(anonymousList));
            Throwable badToken = fails(() -> get("not-a-token", name));
            assertEquals(Status.Code.UNAUTHENTICATED, code(badToken));
            assertEquals(created, get(ALICE, name));
        } finally {
            deleteQuietly(name);
        }
    }

    @Test
    void requestIdMakesCreateIdempotent() {
        String requestId = Names.unique("req");
        String name = Names.unique("grpc-idem");
        String other = Names.unique("grpc-idem");
        try {
            ClusterProto.Cluster first = createWithRequestId(name, requestId);
            ClusterProto.Cluster again = createWithRequestId(name, requestId);
            assertEquals(first, again);
            Throwable reused = fails(() -> createWithRequestId(other, requestId));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(reused));
        } finally {
            deleteQuietly(name);
            deleteQuietly(other);
        }
    }

    private ClusterProto.Cluster createWithRequestId(String name, String requestId) {
        return create(ADMIN, ClusterProto.Cluster.newBuilder().setName(name).setApiUrl("https://k8s.example.com"), requestId);
    }

    @Test
    void listsPageByPage() {
        String prefix = Names.unique("grpc-pg");
        List<String> names = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
        try {
            createExternal(names.get(2));
            createExternal(names.get(0));
            createExternal(names.get(1));

            List<String> seen = new ArrayList<>();
            String token = "";
            int pages = 0;
            do {
                ClusterProto.ListClustersResponse page = as(client, ALICE).listClusters(ClusterProto.ListClustersRequest.newBuilder()
                        .setPageSize(2).setPageToken(token).build()).await().atMost(WAIT);
                assertTrue(page.getClustersCount() <= 2);
                page.getClustersList().forEach(cluster -> seen.add(cluster.getName()));
                token = page.getNextPageToken();
                pages++;
            } while (!token.isEmpty() && pages < 1000);
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no duplicates across pages: " + seen);
            assertEquals(names, seen.stream().filter(names::contains).toList());
            assertTrue(seen.contains("sandbox"));

            Throwable tooBig = fails(
                    () -> as(client, ALICE).listClusters(ClusterProto.ListClustersRequest.newBuilder().setPageSize(501).build())
                            .await().atMost(WAIT));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(tooBig));
        } finally {
            names.forEach(this::deleteQuietly);
        }
    }
}
