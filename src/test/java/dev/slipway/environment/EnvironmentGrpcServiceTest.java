package dev.slipway.environment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.EnvironmentProto;
import dev.slipway.grpc.v1.EnvironmentService;
import dev.slipway.testing.Api;
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

/** EnvironmentService over gRPC, through the same service layer as REST. */
@QuarkusTest
class EnvironmentGrpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");

    @GrpcClient("slipway")
    EnvironmentService client;

    private static String newApplication() {
        String app = Names.unique("grpc-envapp");
        Api.createApplication(ALICE, app, "team-a").statusCode(201);
        // bob (team-b) may read it: the tests use him for reads and refused writes.
        Api.bind(ALICE, "user:bob", "viewer", "application:" + app);
        return app;
    }

    private EnvironmentProto.Environment create(String token, String app, EnvironmentProto.Environment.Builder environment,
            String requestId) {
        return as(client, token).createEnvironment(EnvironmentProto.CreateEnvironmentRequest.newBuilder()
                .setApplication(app).setEnvironment(environment).setRequestId(requestId).build())
                .await().atMost(WAIT).getEnvironment();
    }

    private EnvironmentProto.Environment get(String token, String app, String name) {
        return as(client, token)
                .getEnvironment(EnvironmentProto.GetEnvironmentRequest.newBuilder().setApplication(app).setName(name).build())
                .await().atMost(WAIT).getEnvironment();
    }

    private EnvironmentProto.Environment update(String token, EnvironmentProto.Environment.Builder environment, String etag,
            String... paths) {
        return as(client, token).updateEnvironment(EnvironmentProto.UpdateEnvironmentRequest.newBuilder()
                .setEnvironment(environment).setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).setEtag(etag).build())
                .await().atMost(WAIT).getEnvironment();
    }

    private void delete(String token, String app, String name, String etag) {
        as(client, token)
                .deleteEnvironment(
                        EnvironmentProto.DeleteEnvironmentRequest.newBuilder().setApplication(app).setName(name).setEtag(etag).build())
                .await().atMost(WAIT);
    }

    private static Throwable fails(Executable call) {
        return assertThrows(RuntimeException.class, call);
    }

    @Test
    void createsGetsListsUpdatesAndDeletes() {
        String app = newApplication();
        EnvironmentProto.Environment created = create(ALICE, app,
                EnvironmentProto.Environment.newBuilder().setName("dev").setType("development").putLabels("tier", "web"), "");
        assertFalse(created.getId().isEmpty());
        assertEquals("dev", created.getName());
        assertEquals(app, created.getApplication());
        assertEquals("development", created.getType());
        assertEquals("sandbox", created.getCluster(), "the type's default cluster");
        assertEquals(app + "-dev", created.getNamespace(), "the default namespace");
        assertEquals(Map.of("tier", "web"), created.getLabelsMap());
        assertEquals(EnvironmentProto.EnvironmentStatus.ENVIRONMENT_STATUS_ACTIVE, created.getStatus());
        assertFalse(created.getAutoRollback());
        assertEquals("", created.getCurrentDeploymentId());
        assertEquals("alice", created.getCreatedBy());
        assertTrue(created.getCreateTime().getSeconds() > 0);
        assertTrue(created.getUpdateTime().getSeconds() > 0);
        assertFalse(created.getEtag().isEmpty());

        // Reads are open to every authenticated caller.
        EnvironmentProto.Environment read = get(BOB, app, "dev");
        assertEquals(created, read);
        EnvironmentProto.ListEnvironmentsResponse web = as(client, BOB)
                .listEnvironments(EnvironmentProto.ListEnvironmentsRequest.newBuilder()
                        .setApplication(app).setLabelSelector("tier=web").build())
                .await().atMost(WAIT);
        assertEquals(List.of(created), web.getEnvironmentsList());
        assertEquals("", web.getNextPageToken());
        EnvironmentProto.ListEnvironmentsResponse db = as(client, BOB)
                .listEnvironments(EnvironmentProto.ListEnvironmentsRequest.newBuilder()
                        .setApplication(app).setLabelSelector("tier=db").build())
                .await().atMost(WAIT);
        assertEquals(0, db.getEnvironmentsCount());

        EnvironmentProto.Environment updated = update(ALICE, EnvironmentProto.Environment.newBuilder().setApplication(app).setName("dev")
                .setType("staging").putLabels("team", "a").setAutoRollback(true), read.getEtag(), "type", "labels", "auto_rollback");
        assertEquals("staging", updated.getType());
        assertEquals(Map.of("team", "a"), updated.getLabelsMap(), "labels named in the mask are replaced whole");
        assertTrue(updated.getAutoRollback());
        assertEquals("sandbox", updated.getCluster(), "fields outside the mask stay");
        assertEquals(app + "-dev", updated.getNamespace());
        assertNotEquals(read.getEtag(), updated.getEtag());

        // A boolean named in the mask takes the message's value, even false; type outside the mask stays.
        EnvironmentProto.Environment unrolled = update(ALICE, EnvironmentProto.Environment.newBuilder().setApplication(app).setName("dev"),
                "", "auto_rollback");
        assertFalse(unrolled.getAutoRollback());
        assertEquals("staging", unrolled.getType());
        assertEquals(Map.of("team", "a"), unrolled.getLabelsMap());

        Throwable stale = fails(
                () -> update(ALICE, EnvironmentProto.Environment.newBuilder().setApplication(app).setName("dev").setType("production"),
                        read.getEtag(), "type"));
        assertEquals(Status.Code.ABORTED, code(stale));
        Throwable staleDelete = fails(() -> delete(ALICE, app, "dev", read.getEtag()));
        assertEquals(Status.Code.ABORTED, code(staleDelete));
        assertEquals("staging", get(ALICE, app, "dev").getType());

        delete(ALICE, app, "dev", unrolled.getEtag());
        Throwable gone = fails(() -> get(ALICE, app, "dev"));
        assertEquals(Status.Code.NOT_FOUND, code(gone));
    }

    @Test
    void takesAnExplicitNamespace() {
        String app = newApplication();
        String namespace = Names.unique("grpc-ns");
        EnvironmentProto.Environment created = create(ALICE, app,
                EnvironmentProto.Environment.newBuilder().setName("qa-env").setType("staging").setCluster("sandbox")
                        .setNamespace(namespace).setAutoRollback(true),
                "");
        assertEquals(namespace, created.getNamespace());
        assertEquals("sandbox", created.getCluster());
        assertTrue(created.getAutoRollback());
        delete(ALICE, app, "qa-env", "");
    }

    @Test
    void errorsCarryCodesReasonsAndFieldViolations() throws Exception {
        String app = newApplication();
        Throwable invalid = fails(
                () -> create(ALICE, app, EnvironmentProto.Environment.newBuilder().setName("Bad_Name").setNamespace("Not_A_Label"), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals("INVALID_REQUEST", reason(invalid));
        assertTrue(violatedFields(invalid).containsAll(List.of("name", "type", "namespace")), violatedFields(invalid).toString());

        Throwable unknownType = fails(
                () -> create(ALICE, app, EnvironmentProto.Environment.newBuilder().setName("dev").setType(Names.unique("no-type")), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(unknownType));
        assertEquals(List.of("type"), violatedFields(unknownType));
        Throwable unknownCluster = fails(() -> create(ALICE, app,
                EnvironmentProto.Environment.newBuilder().setName("dev").setType("development").setCluster(Names.unique("no-cluster")),
                ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(unknownCluster));
        assertEquals(List.of("cluster"), violatedFields(unknownCluster));

        EnvironmentProto.Environment dev = create(ALICE, app,
                EnvironmentProto.Environment.newBuilder().setName("dev").setType("development"), "");
        Throwable duplicate = fails(
                () -> create(ALICE, app, EnvironmentProto.Environment.newBuilder().setName("dev").setType("development"), ""));
        assertEquals(Status.Code.ALREADY_EXISTS, code(duplicate));

        Throwable noApp = fails(() -> create(ALICE, Names.unique("no-app"),
                EnvironmentProto.Environment.newBuilder().setName("dev").setType("development"), ""));
        assertEquals(Status.Code.NOT_FOUND, code(noApp));
        String missing = Names.unique("missing");
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> get(ALICE, app, missing))));
        assertEquals(Status.Code.NOT_FOUND,
                code(fails(() -> update(ALICE, EnvironmentProto.Environment.newBuilder().setApplication(app).setName(missing)
                        .setType("staging"), "", "type"))));
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> delete(ALICE, app, missing, ""))));
        assertEquals(Status.Code.NOT_FOUND,
                code(fails(() -> as(client, ALICE).listEnvironments(EnvironmentProto.ListEnvironmentsRequest.newBuilder()
                        .setApplication(Names.unique("no-app")).build()).await().atMost(WAIT))));

        // Only the owner group changes an application's environments.
        Throwable deniedCreate = fails(
                () -> create(BOB, app, EnvironmentProto.Environment.newBuilder().setName("bobs").setType("development"), ""));
        assertEquals(Status.Code.PERMISSION_DENIED, code(deniedCreate));
        assertEquals("FORBIDDEN", reason(deniedCreate));
        Throwable deniedUpdate = fails(() -> update(BOB,
                EnvironmentProto.Environment.newBuilder().setApplication(app).setName("dev").setType("staging"), "", "type"));
        assertEquals(Status.Code.PERMISSION_DENIED, code(deniedUpdate));
        Throwable deniedDelete = fails(() -> delete(BOB, app, "dev", ""));
        assertEquals(Status.Code.PERMISSION_DENIED, code(deniedDelete));
        assertEquals(dev, get(ALICE, app, "dev"));

        Throwable anonymous = fails(
                () -> client.getEnvironment(EnvironmentProto.GetEnvironmentRequest.newBuilder().setApplication(app).setName("dev").build())
                        .await().atMost(WAIT));
        assertEquals(Status.Code.UNAUTHENTICATED, code(anonymous));
        Throwable anonymousCreate = fails(() -> client
                .createEnvironment(EnvironmentProto.CreateEnvironmentRequest.newBuilder().setApplication(app)
                        .setEnvironment(EnvironmentProto.Environment.newBuilder().setName("anon").setType("development")).build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.UNAUTHENTICATED, code(anonymousCreate));
        Throwable badToken = fails(() -> get("not-a-token", app, "dev"));
        assertEquals(Status.Code.UNAUTHENTICATED, code(badToken));

        Throwable badMask = fails(() -> update(ALICE,
                EnvironmentProto.Environment.newBuilder().setApplication(app).setName("dev").setCluster("other"), "", "cluster"));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(badMask));
        assertEquals(List.of("update_mask"), violatedFields(badMask));
        Throwable badType = fails(() -> update(ALICE, EnvironmentProto.Environment.newBuilder().setApplication(app).setName("dev")
                .setType(Names.unique("no-type")), "", "type"));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(badType));
        assertEquals(List.of("type"), violatedFields(badType));
        Throwable badLabels = fails(() -> update(ALICE, EnvironmentProto.Environment.newBuilder().setApplication(app).setName("dev")
                .putLabels("-bad key-", "x"), "", "labels"));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(badLabels));
        assertEquals(List.of("labels.-bad key-"), violatedFields(badLabels));
    }

    @Test
    void requestIdMakesCreateIdempotent() {
        String app = newApplication();
        String requestId = Names.unique("req");
        EnvironmentProto.Environment first = create(ALICE, app,
                EnvironmentProto.Environment.newBuilder().setName("dev").setType("development"), requestId);
        EnvironmentProto.Environment again = create(ALICE, app,
                EnvironmentProto.Environment.newBuilder().setName("dev").setType("development"), requestId);
        assertEquals(first, again);
        Throwable reused = fails(
                () -> create(ALICE, app, EnvironmentProto.Environment.newBuilder().setName("other").setType("development"), requestId));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(reused));
    }

    @Test
    void listsPageByPage() {
        String app = newApplication();
        for (int i : new int[]{ 3, 0, 4, 1, 2 }) {
            create(ALICE, app, EnvironmentProto.Environment.newBuilder().setName("env-" + i).setType("development"), "");
        }
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = "";
        do {
            EnvironmentProto.ListEnvironmentsResponse page = as(client, BOB)
                    .listEnvironments(EnvironmentProto.ListEnvironmentsRequest.newBuilder()
                            .setApplication(app).setPageSize(2).setPageToken(token).build())
                    .await().atMost(WAIT);
            page.getEnvironmentsList().forEach(environment -> names.add(environment.getName()));
            sizes.add(page.getEnvironmentsCount());
            token = page.getNextPageToken();
        } while (!token.isEmpty() && sizes.size() < 10);
        assertEquals(List.of("env-0", "env-1", "env-2", "env-3", "env-4"), names);
        assertEquals(List.of(2, 2, 1), sizes);
        Throwable tooBig = fails(() -> as(client, ALICE).listEnvironments(EnvironmentProto.ListEnvironmentsRequest.newBuilder()
                .setApplication(app).setPageSize(501).build()).await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(tooBig));
    }
}
