package dev.slipway.environment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.FieldMask;
import dev.slipway.grpc.v1.EnvironmentTypeProto;
import dev.slipway.grpc.v1.EnvironmentTypeService;
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

/** EnvironmentTypeService over gRPC, through the same service layer as REST. */
@QuarkusTest
class EnvironmentTypeGrpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ADMIN = TestTokens.admin();

    @GrpcClient("slipway")
    EnvironmentTypeService client;

    private EnvironmentTypeProto.EnvironmentType create(String token, EnvironmentTypeProto.EnvironmentType.Builder type, String requestId) {
        return as(client, token).createEnvironmentType(EnvironmentTypeProto.CreateEnvironmentTypeRequest.newBuilder()
                .setEnvironmentType(type).setRequestId(requestId).build()).await().atMost(WAIT).getEnvironmentType();
    }

    private EnvironmentTypeProto.EnvironmentType get(String token, String name) {
        return as(client, token).getEnvironmentType(EnvironmentTypeProto.GetEnvironmentTypeRequest.newBuilder().setName(name).build())
                .await().atMost(WAIT).getEnvironmentType();
    }

    private EnvironmentTypeProto.EnvironmentType update(String token, EnvironmentTypeProto.EnvironmentType.Builder type, String etag,
            String... paths) {
        return as(client, token).updateEnvironmentType(EnvironmentTypeProto.UpdateEnvironmentTypeRequest.newBuilder()
                .setEnvironmentType(type).setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths))).setEtag(etag).build())
                .await().atMost(WAIT).getEnvironmentType();
    }

    private void delete(String token, String name, String etag) {
        as(client, token)
                .deleteEnvironmentType(EnvironmentTypeProto.DeleteEnvironmentTypeRequest.newBuilder().setName(name).setEtag(etag).build())
                .await().atMost(WAIT);
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
    void createsGetsListsUpdatesAndDeletes() {
        String name = Names.unique("grpc-type");
        try {
            EnvironmentTypeProto.EnvironmentType created = create(ADMIN,
                    EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setDescription("Previews")
                            .setProtected(true).setOrder(900).setDefaultCluster("sandbox"),
                    "");
            assertFalse(created.getId().isEmpty());
            assertEquals(name, created.getName());
            assertEquals("Previews", created.getDescription());
            assertTrue(created.getProtected());
            assertEquals(900, created.getOrder());
            assertEquals("sandbox", created.getDefaultCluster());
            assertEquals("platform-admin", created.getCreatedBy());
            assertTrue(created.getCreateTime().getSeconds() > 0);
            assertFalse(created.getEtag().isEmpty());

            // Everyone may read types.
            EnvironmentTypeProto.EnvironmentType read = get(ALICE, name);
            assertEquals(created, read);

            EnvironmentTypeProto.EnvironmentType updated = update(ADMIN,
                    EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setDescription("Review apps")
                            .setProtected(false).setOrder(0),
                    read.getEtag(), "description", "protected", "order", "default_cluster");
            assertEquals("Review apps", updated.getDescription());
            assertFalse(updated.getProtected(), "a boolean named in the mask takes the message's value");
            assertEquals(0, updated.getOrder(), "an int named in the mask takes the message's value, even 0");
            assertEquals("", updated.getDefaultCluster(), "an empty string named in the mask clears the field");
            assertNotEquals(read.getEtag(), updated.getEtag());

            EnvironmentTypeProto.EnvironmentType described = update(ADMIN,
                    EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setDescription("only this"), "", "description");
            assertEquals("only this", described.getDescription());
            assertEquals(0, described.getOrder(), "fields outside the mask stay");

            Throwable stale = fails(() -> update(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(5),
                    read.getEtag(), "order"));
            assertEquals(Status.Code.ABORTED, code(stale));
            Throwable staleDelete = fails(() -> delete(ADMIN, name, read.getEtag()));
            assertEquals(Status.Code.ABORTED, code(staleDelete));

            delete(ADMIN, name, described.getEtag());
            Throwable gone = fails(() -> get(ALICE, name));
            assertEquals(Status.Code.NOT_FOUND, code(gone));
        } finally {
            deleteQuietly(name);
        }
    }

    @Test
    void errorsCarryCodesReasonsAndFieldViolations() throws Exception {
        Throwable invalid = fails(() -> create(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName("Bad_Name").setOrder(-1)
                .setDescription("d".repeat(1001)), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals("INVALID_REQUEST", reason(invalid));
        assertTrue(violatedFields(invalid).containsAll(List.of("name", "order", "description")), violatedFields(invalid).toString());
        Throwable noCluster = fails(() -> create(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(Names.unique("grpc-type"))
                .setOrder(1).setDefaultCluster(Names.unique("no-cluster")), ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(noCluster));
        assertEquals(List.of("defaultCluster"), violatedFields(noCluster));

        Throwable duplicate = fails(
                () -> create(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName("development").setOrder(10), ""));
        assertEquals(Status.Code.ALREADY_EXISTS, code(duplicate));

        String name = Names.unique("grpc-guard");
        Throwable deniedCreate = fails(
                () -> create(ALICE, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(1), ""));
        assertEquals(Status.Code.PERMISSION_DENIED, code(deniedCreate));
        assertEquals("FORBIDDEN", reason(deniedCreate));
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> get(ALICE, name))));
        assertEquals(Status.Code.NOT_FOUND,
                code(fails(() -> update(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(3), "", "order"))));
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> delete(ADMIN, name, ""))));

        try {
            EnvironmentTypeProto.EnvironmentType created = create(ADMIN,
                    EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(950), "");
            Throwable deniedUpdate = fails(() -> update(ALICE,
                    EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setProtected(true), "", "protected"));
            assertEquals(Status.Code.PERMISSION_DENIED, code(deniedUpdate));
            Throwable deniedDelete = fails(() -> delete(ALICE, name, ""));
            assertEquals(Status.Code.PERMISSION_DENIED, code(deniedDelete));
            assertEquals(created, get(ALICE, name));

            Throwable badMask = fails(() -> update(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name), "", "name"));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(badMask));
            assertEquals(List.of("update_mask"), violatedFields(badMask));
            Throwable badOrder = fails(
                    () -> update(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(1_000_001), "", "order"));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(badOrder));
            assertEquals(List.of("order"), violatedFields(badOrder));

            Throwable anonymous = fails(
                    () -> client.getEnvironmentType(EnvironmentTypeProto.GetEnvironmentTypeRequest.newBuilder().setName(name).build())
                            .await().atMost(WAIT));
            assertEquals(Status.Code.UNAUTHENTICATED, code(anonymous));
            Throwable anonymousDelete = fails(
                    () -> client.deleteEnvironmentType(EnvironmentTypeProto.DeleteEnvironmentTypeRequest.newBuilder().setName(name).build())
                            .await().atMost(WAIT));
            assertEquals(Status.Code.UNAUTHENTICATED, code(anonymousDelete));
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
            EnvironmentTypeProto.EnvironmentType first = create(ADMIN,
                    EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(960), requestId);
            EnvironmentTypeProto.EnvironmentType again = create(ADMIN,
                    EnvironmentTypeProto.EnvironmentType.newBuilder().setName(name).setOrder(960), requestId);
            assertEquals(first, again);
            Throwable reused = fails(
                    () -> create(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(other).setOrder(960), requestId));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(reused));
        } finally {
            deleteQuietly(name);
            deleteQuietly(other);
        }
    }

    @Test
    void listsPageByPageInPromotionOrder() {
        int base = ThreadLocalRandom.current().nextInt(100_000, 900_000);
        String prefix = Names.unique("grpc-pg");
        List<String> names = List.of(prefix + "-c", prefix + "-a", prefix + "-b");
        try {
            // Promotion order, not name order: c (base) < a (base + 1) < b (base + 2).
            create(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(names.get(1)).setOrder(base + 1), "");
            create(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(names.get(2)).setOrder(base + 2), "");
            create(ADMIN, EnvironmentTypeProto.EnvironmentType.newBuilder().setName(names.get(0)).setOrder(base), "");

            List<String> seen = new ArrayList<>();
            String token = "";
            int pages = 0;
            do {
                EnvironmentTypeProto.ListEnvironmentTypesResponse page = as(client, ALICE)
                        .listEnvironmentTypes(EnvironmentTypeProto.ListEnvironmentTypesRequest.newBuilder()
                                .setPageSize(2).setPageToken(token).build())
                        .await().atMost(WAIT);
                assertTrue(page.getEnvironmentTypesCount() <= 2);
                page.getEnvironmentTypesList().forEach(type -> seen.add(type.getName()));
                token = page.getNextPageToken();
                pages++;
            } while (!token.isEmpty() && pages < 1000);
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no duplicates across pages: " + seen);
            assertEquals(names, seen.stream().filter(names::contains).toList());
            assertTrue(seen.containsAll(List.of("development", "staging", "production")));

            Throwable tooBig = fails(
                    () -> as(client, ALICE).listEnvironmentTypes(EnvironmentTypeProto.ListEnvironmentTypesRequest.newBuilder()
                            .setPageSize(501).build()).await().atMost(WAIT));
            assertEquals(Status.Code.INVALID_ARGUMENT, code(tooBig));
        } finally {
            names.forEach(this::deleteQuietly);
        }
    }
}
