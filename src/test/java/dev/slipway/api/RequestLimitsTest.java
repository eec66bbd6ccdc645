package dev.slipway.api;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.slipway.grpc.v1.ApplicationProto;
import dev.slipway.grpc.v1.ApplicationService;
import dev.slipway.grpc.v1.DeploymentProto;
import dev.slipway.grpc.v1.DeploymentService;
import dev.slipway.grpc.v1.RuntimeProto;
import dev.slipway.grpc.v1.RuntimeService;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits declared on request records are the ones enforced, over REST and gRPC alike (the use
 * case checks them), and the ones the contract shows.
 */
@QuarkusTest
class RequestLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALICE = TestTokens.user("alice", "team-a");

    @GrpcClient("slipway")
    ApplicationService applications;

    @GrpcClient("slipway")
    DeploymentService deployments;

    @GrpcClient("slipway")
    RuntimeService runtime;

    @Test
    void restRefusesTooLongStringsWithEveryFieldAtOnce() {
        String name = Names.unique("limits");
        as(ALICE).body(Map.of("name", name, "ownerGroup", "team-a", "displayName", "x".repeat(201), "description", "y".repeat(4001)))
                .post("/api/v1/applications")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("displayName", "description"))
                .body("errors.find { it.field == 'displayName' }.message", equalTo("must be at most 200 characters"))
                .body("errors.size()", equalTo(2));
        as(ALICE).get("/api/v1/applications/{name}", name).then().statusCode(404);
    }

    @Test
    void restRefusesTooLongListsNamingTheElementPath() {
        Map<String, Object> container = Map.of("name", "web", "image", "nginx:1.27", "args", Collections.nCopies(101, "--flag"));
        as(ALICE).body(Map.of("spec", Map.of("containers", List.of(container))))
                .post("/api/v1/applications/{app}/environments/dev/deployments", Names.unique("limits"))
                .then().statusCode(400)
                .body("errors.field", hasItem("spec.containers[0].args"))
                .body("errors.find { it.field == 'spec.containers[0].args' }.message", equalTo("must have at most 100 entries"));
    }

    @Test
    void restRefusesOutOfRangeNumbersOnceEach() {
        as(ALICE).body(Map.of("replicas", 101))
                .post("/api/v1/applications/{app}/environments/dev:scale", Names.unique("limits"))
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("replicas")))
                .body("errors[0].message", equalTo("must be between 0 and 100"));
        // The workload validator states the same range: one error, not two.
        Map<String, Object> container = Map.of("name", "web", "image", "nginx:1.27");
        as(ALICE).body(Map.of("spec", Map.of("containers", List.of(container), "replicas", -1)))
                .post("/api/v1/applications/{app}/environments/dev/deployments", Names.unique("limits"))
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("spec.replicas")));
    }

    @Test
    void restNamesFieldsByTheirJsonName() {
        as(TestTokens.admin()).body(Map.of("name", Names.unique("limits"), "order", 1, "requiredApprovals", 3))
                .post("/api/v1/environment-types")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("requiredApprovals")))
                .body("errors[0].message", equalTo("must be 0, 1 or 2"));
    }

    @Test
    void restNamesARenamedComponentByItsJsonMember() {
        // MatchRequest.resourceClass is "class" on the wire: the error names what the caller sent.
        as(ALICE).body(Map.of("application", "Bad_App", "environment", "prod", "type", "postgres", "class", "Bad_Class"))
                .post("/api/v1/resource-definitions:match")
                .then().statusCode(400)
                .body("errors.field", equalTo(List.of("application", "class")));
    }

    @Test
    void grpcRefusesTooLongStrings() throws Exception {
        Throwable refused = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(applications, ALICE)
                .createApplication(ApplicationProto.CreateApplicationRequest.newBuilder()
                        .setApplication(ApplicationProto.Application.newBuilder().setName(Names.unique("limits")).setOwnerGroup("team-a")
                                .setDisplayName("x".repeat(201)))
                        .build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, dev.slipway.testing.GrpcAuth.code(refused));
        assertEquals(List.of("displayName"), dev.slipway.testing.GrpcAuth.violatedFields(refused));
    }

    @Test
    void grpcRefusesTooLongListsAndOutOfRangeNumbers() throws Exception {
        DeploymentProto.WorkloadSpec spec = DeploymentProto.WorkloadSpec.newBuilder()
                .addContainers(DeploymentProto.ContainerSpec.newBuilder().setName("web").setImage("nginx:1.27")
                        .addAllArgs(Collections.nCopies(101, "--flag")))
                .build();
        Throwable tooMany = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(deployments, ALICE)
                .createDeployment(DeploymentProto.CreateDeploymentRequest.newBuilder().setApplication(Names.unique("limits"))
                        .setEnvironment("dev").setSpec(spec).build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, dev.slipway.testing.GrpcAuth.code(tooMany));
        assertTrue(dev.slipway.testing.GrpcAuth.violatedFields(tooMany).contains("spec.containers[0].args"),
                dev.slipway.testing.GrpcAuth.violatedFields(tooMany).toString());

        Throwable outOfRange = assertThrows(RuntimeException.class, () -> dev.slipway.testing.GrpcAuth.as(runtime, ALICE)
                .scaleEnvironment(RuntimeProto.ScaleEnvironmentRequest.newBuilder().setApplication(Names.unique("limits"))
                        .setEnvironment("dev").setReplicas(101).build())
                .await().atMost(WAIT));
        assertEquals(Status.Code.INVALID_ARGUMENT, dev.slipway.testing.GrpcAuth.code(outOfRange));
        assertEquals(List.of("replicas"), dev.slipway.testing.GrpcAuth.violatedFields(outOfRange));
    }

    @Test
    void theContractShowsTheEnforcedLimits() {
        JsonPath contract = RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String schemas = "components.schemas.";
        assertEquals(200, contract.getInt(schemas + "CreateApplicationRequest.properties.displayName.maxLength"));
        assertEquals(RequestLimits.SLUG, contract.getString(schemas + "CreateApplicationRequest.properties.name.pattern"));
        assertEquals(10, contract.getInt(schemas + "WorkloadSpec.properties.containers.maxItems"));
        assertEquals(100, contract.getInt(schemas + "ContainerSpec.properties.args.maxItems"));
        assertEquals(0, contract.getInt(schemas + "ScaleRequest.properties.replicas.minimum"));
        assertEquals(100, contract.getInt(schemas + "ScaleRequest.properties.replicas.maximum"));
        assertEquals(64, contract.getInt(schemas + "CreateApplicationRequest.properties.labels.maxProperties"));
    }
}
