package dev.slipway.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.ApplicationProto;
import dev.slipway.grpc.v1.ApplicationService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.reason;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ApplicationService over gRPC, through the same service layer as REST. */
@QuarkusTest
class ApplicationGrpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");

    @GrpcClient("slipway")
    ApplicationService client;

    private ApplicationProto.Application create(String token, String name, String group, String requestId) {
        return as(client, token).createApplication(ApplicationProto.CreateApplicationRequest.newBuilder()
                .setApplication(ApplicationProto.Application.newBuilder().setName(name).setOwnerGroup(group).setDisplayName("App")
                        .putLabels("tier", "web"))
                .setRequestId(requestId).build())
                .await().atMost(WAIT).getApplication();
    }

    @Test
    void createsGetsUpdatesAndDeletes() {
        String name = Names.unique("grpc");
        ApplicationProto.Application created = create(ALICE, name, "team-a", "");
        assertEquals(name, created.getName());
        assertEquals("alice", created.getCreatedBy());
        assertTrue(created.getCreateTime().getSeconds() > 0);

        ApplicationProto.Application read = as(client, ALICE)
                .getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName(name).build()).await().atMost(WAIT)
                .getApplication();
        assertEquals(created, read);

        ApplicationProto.Application updated = as(client, ALICE).updateApplication(ApplicationProto.UpdateApplicationRequest.newBuilder()
                .setApplication(
                        ApplicationProto.Application.newBuilder().setName(name).setDescription("now described").putLabels("team", "a"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("description").addPaths("labels"))
                .setEtag(read.getEtag()).build())
                .await().atMost(WAIT).getApplication();
        assertEquals("now described", updated.getDescription());
        assertEquals(java.util.Map.of("team", "a"), updated.getLabelsMap(), "labels named in the mask are replaced whole");
        assertEquals("App", updated.getDisplayName(), "fields outside the mask stay");
        assertNotEquals(read.getEtag(), updated.getEtag());

        Throwable stale = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).updateApplication(ApplicationProto.UpdateApplicationRequest.newBuilder()
                        .setApplication(ApplicationProto.Application.newBuilder().setName(name).setDisplayName("late"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("display_name"))
                        .setEtag(read.getEtag()).build()).await().atMost(WAIT));
        assertEquals(Status.Code.ABORTED, code(stale));

        as(client, ALICE)
                .deleteApplication(ApplicationProto.DeleteApplicationRequest.newBuilder().setName(name).setEtag(updated.getEtag()).build())
                .await().atMost(WAIT);
        Throwable gone = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName(name).build()).await()
                        .atMost(WAIT));
        assertEquals(Status.Code.NOT_FOUND, code(gone));
    }

    @Test
    void errorsCarryCodesReasonsAndFieldViolations() throws Exception {
        Throwable invalid = assertThrows(RuntimeException.class, () -> create(ALICE, "Bad_Name", "", ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals("INVALID_REQUEST", reason(invalid));
        assertTrue(violatedFields(invalid).containsAll(List.of("name", "ownerGroup")), violatedFields(invalid).toString());

        String name = Names.unique("grpc-dup");
        create(ALICE, name, "team-a", "");
        Throwable duplicate = assertThrows(RuntimeException.class, () -> create(ALICE, name, "team-a", ""));
        assertEquals(Status.Code.ALREADY_EXISTS, code(duplicate));

        Throwable denied = assertThrows(RuntimeException.class, () -> create(BOB, Names.unique("grpc-deny"), "team-a", ""));
        assertEquals(Status.Code.PERMISSION_DENIED, code(denied));
        assertEquals("FORBIDDEN", reason(denied));

        Throwable anonymous = assertThrows(RuntimeException.class,
                () -> client.getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName(name).build()).await()
                        .atMost(WAIT));
        assertEquals(Status.Code.UNAUTHENTICATED, code(anonymous));

        Throwable badToken = assertThrows(RuntimeException.class,
                () -> as(client, "not-a-token").getApplication(ApplicationProto.GetApplicationRequest.newBuilder().setName(name).build())
                        .await().atMost(WAIT));
        assertEquals(Status.Code.UNAUTHENTICATED, code(badToken));

        Throwable badMask = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).updateApplication(ApplicationProto.UpdateApplicationRequest.newBuilder()
                        .setApplication(ApplicationProto.Application.newBuilder().setName(name))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("name")).build())
                        .await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(badMask));
    }

    @Test
    void requestIdMakesCreateIdempotentWithTheRestStore() {
        String requestId = Names.unique("req");
        String name = Names.unique("grpc-idem");
        ApplicationProto.Application first = create(ALICE, name, "team-a", requestId);
        ApplicationProto.Application again = create(ALICE, name, "team-a", requestId);
        assertEquals(first, again);
        Throwable reused = assertThrows(RuntimeException.class, () -> create(ALICE, Names.unique("grpc-other"), "team-a", requestId));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(reused));
    }

    @Test
    void listsPageByPage() {
        String group = Names.unique("grpc-pager");
        for (int i = 0; i < 5; i++) {
            create(TestTokens.admin(), group + "-" + i, group, "");
        }
        List<String> names = new ArrayList<>();
        String token = "";
        do {
            ApplicationProto.ListApplicationsResponse page = as(client, TestTokens.admin())
                    .listApplications(ApplicationProto.ListApplicationsRequest.newBuilder()
                            .setOwnerGroup(group).setPageSize(2).setPageToken(token).build())
                    .await().atMost(WAIT);
            page.getApplicationsList().forEach(app -> names.add(app.getName()));
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertEquals(List.of(group + "-0", group + "-1", group + "-2", group + "-3", group + "-4"), names);
        Throwable tooBig = assertThrows(RuntimeException.class,
                () -> as(client, ALICE).listApplications(ApplicationProto.ListApplicationsRequest.newBuilder()
                        .setPageSize(501).build()).await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(tooBig));
    }
}
