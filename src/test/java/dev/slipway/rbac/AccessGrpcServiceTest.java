package dev.slipway.rbac;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.slipway.grpc.v1.AccessProto;
import dev.slipway.grpc.v1.AccessService;
import dev.slipway.grpc.v1.AuditProto;
import dev.slipway.grpc.v1.AuditService;
import dev.slipway.grpc.v1.RoleBindingProto;
import dev.slipway.grpc.v1.RoleBindingService;
import dev.slipway.testing.Api;
import dev.slipway.testing.GrpcAuth;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Metadata;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RoleBindingService, AccessService and AuditService over gRPC, through the same service layer as REST. */
@QuarkusTest
class AccessGrpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @GrpcClient("slipway")
    RoleBindingService bindings;
    @GrpcClient("slipway")
    AccessService access;
    @GrpcClient("slipway")
    AuditService audit;

    private RoleBindingProto.RoleBinding bind(String token, String subject, String role, String scope, String requestId) {
        return GrpcAuth.as(bindings, token).createRoleBinding(RoleBindingProto.CreateRoleBindingRequest.newBuilder()
                .setRoleBinding(RoleBindingProto.RoleBinding.newBuilder().setSubject(subject).setRole(role).setScope(scope))
                .setRequestId(requestId).build()).await().atMost(WAIT).getRoleBinding();
    }

    @Test
    void grantsChecksListsAndRevokes() {
        String app = Names.unique("gacl");
        String owner = TestTokens.user("owner-" + app, "team-" + app);
        createApplication(owner, app, "team-" + app).statusCode(201);
        createEnvironment(owner, app, "prod", "production").statusCode(201);

        String requestId = UUID.randomUUID().toString();
        RoleBindingProto.RoleBinding created = bind(owner, "service-account:ci-" + app, "deployer", "application:" + app, requestId);
        assertEquals("deployer", created.getRole());
        assertEquals(created, bind(owner, "service-account:ci-" + app, "deployer", "application:" + app, requestId),
                "a repeated request_id returns the first response");
        assertEquals(created,
                GrpcAuth.as(bindings, owner)
                        .getRoleBinding(RoleBindingProto.GetRoleBindingRequest.newBuilder().setId(created.getId()).build())
                        .await().atMost(WAIT).getRoleBinding());
        List<RoleBindingProto.RoleBinding> listed = GrpcAuth.as(bindings, owner)
                .listRoleBindings(RoleBindingProto.ListRoleBindingsRequest.newBuilder()
                        .setApplication(app).build())
                .await().atMost(WAIT).getRoleBindingsList();
        assertEquals(List.of(created), listed);

        AccessProto.CheckAccessResponse check = GrpcAuth.as(access, TestTokens.serviceAccount("ci-" + app))
                .checkAccess(AccessProto.CheckAccessRequest.newBuilder()
                        .setAction("deployment.create").setApplication(app).setEnvironment("prod").build())
                .await().atMost(WAIT);
        assertTrue(check.getAllowed());
        assertEquals(created.getId(), check.getGrantedBy().getRoleBindingId());

        GrpcAuth.as(bindings, owner)
                .deleteRoleBinding(RoleBindingProto.DeleteRoleBindingRequest.newBuilder().setId(created.getId()).build())
                .await().atMost(WAIT);
        Throwable gone = assertThrows(RuntimeException.class, () -> GrpcAuth.as(bindings, owner)
                .getRoleBinding(RoleBindingProto.GetRoleBindingRequest.newBuilder().setId(created.getId()).build()).await().atMost(WAIT));
        assertEquals(Status.Code.NOT_FOUND, code(gone));
        // Without its binding the client cannot even see the application.
        Throwable hidden = assertThrows(RuntimeException.class, () -> GrpcAuth.as(access, TestTokens.serviceAccount("ci-" + app))
                .checkAccess(AccessProto.CheckAccessRequest.newBuilder().setAction("deployment.create").setApplication(app)
                        .setEnvironment("prod").build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.NOT_FOUND, code(hidden));
        assertFalse(GrpcAuth.as(access, TestTokens.admin())
                .checkAccess(AccessProto.CheckAccessRequest.newBuilder().setSubject("service-account:ci-" + app)
                        .setAction("deployment.create").setApplication(app).setEnvironment("prod").build())
                .await().atMost(WAIT).getAllowed());
    }

    @Test
    void refusalsHaveThePreciseStatusAndAreAudited() throws Exception {
        String app = Names.unique("gacl");
        String owner = TestTokens.user("owner-" + app, "team-" + app);
        createApplication(owner, app, "team-" + app).statusCode(201);
        String developer = TestTokens.user("dev-" + app);
        bind(owner, "user:dev-" + app, "developer", "application:" + app, "");

        Throwable escalation = assertThrows(RuntimeException.class,
                () -> bind(developer, "user:dev-" + app, "owner", "application:" + app, ""));
        assertEquals(Status.Code.PERMISSION_DENIED, code(escalation));
        Throwable hidden = assertThrows(RuntimeException.class,
                () -> bind(TestTokens.user("eve", "other"), "user:eve", "viewer", "application:" + app, ""));
        assertEquals(Status.Code.NOT_FOUND, code(hidden));
        Throwable invalid = assertThrows(RuntimeException.class, () -> bind(owner, "nobody", "viewer", "application:" + app, ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(invalid));
        assertEquals(List.of("subject"), violatedFields(invalid));

        List<AuditProto.AuditEvent> denied = GrpcAuth.as(audit, owner).listAuditEvents(AuditProto.ListAuditEventsRequest.newBuilder()
                .setApplication(app).setOutcome("DENIED").build()).await().atMost(WAIT).getAuditEventsList();
        assertTrue(
                denied.stream().anyMatch(event -> event.getActor().equals("dev-" + app) && event.getAction().equals("role-binding.manage")),
                denied.toString());
        Throwable notOwner = assertThrows(RuntimeException.class, () -> GrpcAuth.as(audit, developer)
                .listAuditEvents(AuditProto.ListAuditEventsRequest.newBuilder().setApplication(app).build()).await().atMost(WAIT));
        assertEquals(Status.Code.PERMISSION_DENIED, code(notOwner));
    }

    @Test
    void aBadTokenIsUnauthenticatedAndAudited() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + io.smallrye.jwt.build.Jwt.preferredUserName("mallory").issuer("https://evil.example.com")
                        .audience(TestTokens.AUDIENCE).expiresIn(600).sign());
        String requestId = "grpc-bad-" + UUID.randomUUID();
        headers.put(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER), requestId);
        Throwable refused = assertThrows(RuntimeException.class, () -> GrpcClientUtils.attachHeaders(bindings, headers)
                .listRoleBindings(RoleBindingProto.ListRoleBindingsRequest.getDefaultInstance()).await().atMost(WAIT));
        assertEquals(Status.Code.UNAUTHENTICATED, code(refused));
        Api.awaitAuthenticationAudit(requestId);
    }
}
