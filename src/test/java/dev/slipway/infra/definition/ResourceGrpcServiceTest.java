package dev.slipway.infra.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.slipway.grpc.v1.ResourceDefinitionProto;
import dev.slipway.grpc.v1.ResourceDefinitionService;
import dev.slipway.grpc.v1.ResourceTypeProto;
import dev.slipway.grpc.v1.ResourceTypeService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static dev.slipway.infra.definition.InfraApi.ADMIN;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static dev.slipway.testing.GrpcAuth.as;
import static dev.slipway.testing.GrpcAuth.code;
import static dev.slipway.testing.GrpcAuth.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ResourceTypeService and ResourceDefinitionService over gRPC, through the same service layer as REST. */
@QuarkusTest
class ResourceGrpcServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String BOB = TestTokens.user("bob", "team-b");

    @GrpcClient("slipway")
    ResourceTypeService types;
    @GrpcClient("slipway")
    ResourceDefinitionService definitions;

    private static Throwable fails(Executable call) {
        return assertThrows(RuntimeException.class, call);
    }

    private static FieldMask mask(String... paths) {
        return FieldMask.newBuilder().addAllPaths(List.of(paths)).build();
    }

    private ResourceTypeProto.ResourceType createType(String token, String name) {
        return as(types, token).createResourceType(ResourceTypeProto.CreateResourceTypeRequest.newBuilder().setRequestId(name)
                .setResourceType(ResourceTypeProto.ResourceType.newBuilder().setName(name)
                        .addOutputs(ResourceTypeProto.ResourceOutput.newBuilder().setName("host"))
                        .addOutputs(ResourceTypeProto.ResourceOutput.newBuilder().setName("port"))
                        .addOutputs(ResourceTypeProto.ResourceOutput.newBuilder().setName("password").setSecret(true)))
                .build()).await().atMost(WAIT).getResourceType();
    }

    private ResourceDefinitionProto.ResourceDefinition createDefinition(String token, String name, String type, String secret,
            ResourceDefinitionProto.Criterion.Builder criterion) {
        return as(definitions, token).createResourceDefinition(ResourceDefinitionProto.CreateResourceDefinitionRequest.newBuilder()
                .setRequestId(name)
                .setResourceDefinition(ResourceDefinitionProto.ResourceDefinition.newBuilder().setName(name).setType(type)
                        .setDriver(OutputsTestDriver.NAME)
                        .setDriverInputs(ResourceDefinitionProto.DriverInputs.newBuilder()
                                .setValues(Struct.newBuilder().putFields("host", Value.newBuilder().setStringValue("db").build())
                                        .putFields("port", Value.newBuilder().setNumberValue(5432).build()))
                                .putSecrets("password", secret))
                        .addCriteria(criterion))
                .build()).await().atMost(WAIT).getResourceDefinition();
    }

    private ResourceDefinitionProto.ResourceDefinition update(String token, ResourceDefinitionProto.ResourceDefinition.Builder definition,
            String etag, String... paths) {
        return as(definitions, token).updateResourceDefinition(ResourceDefinitionProto.UpdateResourceDefinitionRequest.newBuilder()
                .setResourceDefinition(definition).setUpdateMask(mask(paths)).setEtag(etag).build()).await().atMost(WAIT)
                .getResourceDefinition();
    }

    @Test
    void resourceTypesOverGrpc() {
        ResourceTypeProto.ResourceType postgres = as(types, BOB)
                .getResourceType(ResourceTypeProto.GetResourceTypeRequest.newBuilder().setName("postgres").build()).await().atMost(WAIT)
                .getResourceType();
        assertTrue(postgres.getBuiltIn());
        assertEquals(6, postgres.getOutputsCount());
        assertTrue(postgres.getOutputs(4).getSecret());
        assertEquals(Status.Code.FAILED_PRECONDITION, code(fails(() -> as(types, ADMIN).deleteResourceType(
                ResourceTypeProto.DeleteResourceTypeRequest.newBuilder().setName("postgres").build()).await().atMost(WAIT))));

        String name = Names.unique("grpc-rt");
        assertEquals(Status.Code.PERMISSION_DENIED, code(fails(() -> createType(BOB, name))));
        ResourceTypeProto.ResourceType created = createType(ADMIN, name);
        assertEquals(created, createType(ADMIN, name), "a repeated request_id returns the first response");
        assertTrue(as(types, BOB).listResourceTypes(ResourceTypeProto.ListResourceTypesRequest.newBuilder().setPageSize(500).build())
                .await().atMost(WAIT).getResourceTypesList().stream().anyMatch(type -> type.getName().equals(name)));

        ResourceTypeProto.ResourceType updated = as(types, ADMIN)
                .updateResourceType(ResourceTypeProto.UpdateResourceTypeRequest.newBuilder()
                        .setResourceType(ResourceTypeProto.ResourceType.newBuilder().setName(name).setDescription("grpc")
                                .addOutputs(ResourceTypeProto.ResourceOutput.newBuilder().setName("uri").setSecret(true)))
                        .setUpdateMask(mask("description", "outputs")).setEtag(created.getEtag()).build())
                .await().atMost(WAIT).getResourceType();
        assertEquals("grpc", updated.getDescription());
        assertEquals(List.of("uri"), updated.getOutputsList().stream().map(ResourceTypeProto.ResourceOutput::getName).toList());
        assertEquals(Status.Code.ABORTED, code(fails(() -> as(types, ADMIN).updateResourceType(ResourceTypeProto.UpdateResourceTypeRequest
                .newBuilder().setResourceType(ResourceTypeProto.ResourceType.newBuilder().setName(name).setDescription("stale"))
                .setUpdateMask(mask("description")).setEtag(created.getEtag()).build()).await().atMost(WAIT))));
        assertEquals(Status.Code.INVALID_ARGUMENT,
                code(fails(() -> as(types, ADMIN).updateResourceType(ResourceTypeProto.UpdateResourceTypeRequest.newBuilder()
                        .setResourceType(ResourceTypeProto.ResourceType.newBuilder().setName(name))
                        .setUpdateMask(mask("built_in")).build()).await().atMost(WAIT))));
        assertEquals(Status.Code.PERMISSION_DENIED, code(fails(() -> as(types, BOB).deleteResourceType(
                ResourceTypeProto.DeleteResourceTypeRequest.newBuilder().setName(name).build()).await().atMost(WAIT))));
        as(types, ADMIN)
                .deleteResourceType(ResourceTypeProto.DeleteResourceTypeRequest.newBuilder().setName(name).setEtag(updated.getEtag())
                        .build())
                .await().atMost(WAIT);
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> as(types, BOB)
                .getResourceType(ResourceTypeProto.GetResourceTypeRequest.newBuilder().setName(name).build()).await().atMost(WAIT))));
    }

    @Test
    void resourceDefinitionsOverGrpc() throws Exception {
        String type = Names.unique("grpc-rt");
        createType(ADMIN, type);
        String name = Names.unique("grpc-def");
        String secret = "grpc-secret-" + Names.unique("x");
        ResourceDefinitionProto.Criterion.Builder byApp = ResourceDefinitionProto.Criterion.newBuilder().setApplication("shop");
        assertEquals(Status.Code.PERMISSION_DENIED, code(fails(() -> createDefinition(BOB, name, type, secret, byApp))));
        ResourceDefinitionProto.ResourceDefinition created = createDefinition(ADMIN, name, type, secret, byApp);
        assertEquals(0, created.getVersion());
        assertEquals("default", created.getCriteria(0).getClass_());
        assertTrue(created.getDriverInputs().getSecretStatesMap().get("password").getSet());
        assertTrue(created.getDriverInputs().getSecretsMap().isEmpty(), "secrets are write-only");
        assertFalse(created.toString().contains(secret));
        assertEquals(5432.0, created.getDriverInputs().getValues().getFieldsMap().get("port").getNumberValue());

        ResourceDefinitionProto.ResourceDefinition read = as(definitions, BOB).getResourceDefinition(
                ResourceDefinitionProto.GetResourceDefinitionRequest.newBuilder().setName(name).build()).await().atMost(WAIT)
                .getResourceDefinition();
        assertEquals(created, read);
        assertEquals(List.of(name), as(definitions, BOB).listResourceDefinitions(ResourceDefinitionProto.ListResourceDefinitionsRequest
                .newBuilder().setType(type).build()).await().atMost(WAIT).getResourceDefinitionsList().stream()
                .map(ResourceDefinitionProto.ResourceDefinition::getName).toList());

        // Retain, then a new secret, then values replaced whole: one version each.
        ResourceDefinitionProto.ResourceDefinition.Builder change = ResourceDefinitionProto.ResourceDefinition.newBuilder().setName(name);
        assertEquals(Status.Code.PERMISSION_DENIED, code(fails(() -> update(BOB, change.clone().setRetain(true), "", "retain"))));
        ResourceDefinitionProto.ResourceDefinition retained = update(ADMIN, change.clone().setRetain(true), created.getEtag(), "retain");
        assertEquals(1, retained.getVersion());
        assertTrue(retained.getRetain());
        ResourceDefinitionProto.ResourceDefinition rotated = update(ADMIN, change.clone()
                .setDriverInputs(ResourceDefinitionProto.DriverInputs.newBuilder().putSecrets("password", "rotated")), "",
                "driver_inputs.secrets");
        assertEquals(2, rotated.getVersion());
        assertEquals(2, rotated.getDriverInputs().getSecretStatesMap().get("password").getVersion());
        ResourceDefinitionProto.ResourceDefinition replaced = update(ADMIN, change.clone()
                .setDriverInputs(ResourceDefinitionProto.DriverInputs.newBuilder().setValues(Struct.newBuilder()
                        .putFields("host", Value.newBuilder().setStringValue("other").build()))),
                "", "driver_inputs.values");
        assertEquals(3, replaced.getVersion());
        assertEquals(Map.of("host", Value.newBuilder().setStringValue("other").build()),
                replaced.getDriverInputs().getValues().getFieldsMap(), "values are replaced whole: port is gone");
        assertEquals(1, replaced.getDriverInputs().getSecretStatesCount(), "secrets keep their values");
        ResourceDefinitionProto.ResourceDefinition removed = update(ADMIN, change.clone()
                .setDriverInputs(ResourceDefinitionProto.DriverInputs.newBuilder().putSecrets("password", "")), "",
                "driver_inputs.secrets");
        assertEquals(0, removed.getDriverInputs().getSecretStatesCount());
        assertEquals(Status.Code.ABORTED, code(fails(() -> update(ADMIN, change.clone().setRetain(false), created.getEtag(), "retain"))));
        Throwable immutable = fails(() -> update(ADMIN, change.clone().setType("redis"), "", "type"));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(immutable));
        assertEquals(List.of("update_mask"), violatedFields(immutable));

        // A tie: FAILED_PRECONDITION naming both.
        String rival = Names.unique("grpc-rival");
        Throwable tie = fails(() -> createDefinition(ADMIN, rival, type, "x", byApp));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(tie));
        assertTrue(tie.getMessage().contains(name) && tie.getMessage().contains(rival), tie.getMessage());
        createDefinition(ADMIN, rival, type, "x", ResourceDefinitionProto.Criterion.newBuilder().setApplication("cart"));
        assertEquals(Status.Code.FAILED_PRECONDITION, code(fails(() -> update(ADMIN, ResourceDefinitionProto.ResourceDefinition.newBuilder()
                .setName(rival).addCriteria(byApp), "", "criteria"))));

        assertEquals(Status.Code.PERMISSION_DENIED, code(fails(() -> as(definitions, BOB).deleteResourceDefinition(
                ResourceDefinitionProto.DeleteResourceDefinitionRequest.newBuilder().setName(name).build()).await().atMost(WAIT))));
        as(definitions, ADMIN).deleteResourceDefinition(ResourceDefinitionProto.DeleteResourceDefinitionRequest.newBuilder().setName(name)
                .setEtag(removed.getEtag()).build()).await().atMost(WAIT);
        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> as(definitions, BOB).getResourceDefinition(
                ResourceDefinitionProto.GetResourceDefinitionRequest.newBuilder().setName(name).build()).await().atMost(WAIT))));
    }

    @Test
    void theDryRunOverGrpc() {
        String type = Names.unique("grpc-rt");
        createType(ADMIN, type);
        String app = Names.unique("shop");
        createApplication(ALICE, app, "team-a").statusCode(201);
        createEnvironment(ALICE, app, "prod", "production").statusCode(201);
        String name = Names.unique("grpc-prod");
        createDefinition(ADMIN, name, type, "x", ResourceDefinitionProto.Criterion.newBuilder().setEnvironmentType("production"));
        ResourceDefinitionProto.MatchResourceDefinitionRequest.Builder request = ResourceDefinitionProto.MatchResourceDefinitionRequest
                .newBuilder().setApplication(app).setEnvironment("prod").setType(type);

        ResourceDefinitionProto.MatchResourceDefinitionResponse matched = as(definitions, ALICE)
                .matchResourceDefinition(request.build()).await().atMost(WAIT);
        assertTrue(matched.getMatched());
        assertEquals(name, matched.getDefinition().getDefinition());
        assertEquals("environmentType", matched.getDefinition().getSpecificity());
        assertEquals("production", matched.getEnvironmentType());
        assertEquals("default", matched.getClass_());

        ResourceDefinitionProto.MatchResourceDefinitionResponse unmatched = as(definitions, ALICE)
                .matchResourceDefinition(request.clone().setClass_("large").build()).await().atMost(WAIT);
        assertFalse(unmatched.getMatched());
        assertFalse(unmatched.hasDefinition());
        assertTrue(unmatched.getReason().contains("class is large, not default"), unmatched.getReason());

        assertEquals(Status.Code.NOT_FOUND, code(fails(() -> as(definitions, BOB).matchResourceDefinition(request.build())
                .await().atMost(WAIT))));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(fails(() -> as(definitions, ALICE)
                .matchResourceDefinition(request.clone().setType("").build()).await().atMost(WAIT))));
    }
}
