package dev.slipway.testing;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Short REST Assured helpers for calls as a given token. */
public final class Api {
    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token)).contentType(ContentType.JSON);
    }

    public static ValidatableResponse createApplication(String token, String name, String ownerGroup) {
        return as(token).body(Map.of("name", name, "ownerGroup", ownerGroup, "displayName", "App " + name))
                .post("/api/v1/applications").then();
    }

    /** Grants a role; the token must be allowed to (an owner of the scope's application, or an admin). */
    public static void bind(String token, String subject, String role, String scope) {
        as(token).body(Map.of("subject", subject, "role", role, "scope", scope)).post("/api/v1/role-bindings").then().statusCode(201);
    }

    public static ValidatableResponse createEnvironment(String token, String application, String name, String type) {
        return as(token).body(Map.of("name", name, "type", type))
                .post("/api/v1/applications/{app}/environments", application).then();
    }

    /** The refused token's audit record; it is written just after the 401, so allow it a moment. */
    public static Map<String, Object> awaitAuthenticationAudit(String requestId) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            JsonPath audit = as(TestTokens.admin()).queryParam("action", "authentication").queryParam("pageSize", 200)
                    .get("/api/v1/audit-events").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> events = audit.getList("items");
            var event = events.stream().filter(item -> requestId.equals(item.get("requestId"))).findFirst();
            if (event.isPresent()) {
                return event.get();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no audit record for the refused token with request id " + requestId);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
