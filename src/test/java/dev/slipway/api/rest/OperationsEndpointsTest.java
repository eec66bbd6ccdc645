package dev.slipway.api.rest;

import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Liveness, readiness (which reflects the database) and Prometheus metrics need no token. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessAndReadinessAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void unknownApiPathsAreProblems() {
        given().header("Authorization", "Bearer " + TestTokens.admin())
                .get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
