package dev.slipway.infra.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.restassured.response.ValidatableResponse;

import static dev.slipway.testing.Api.as;

/** REST helpers for resource types and definitions. Tests match on types of their own, so other tests' definitions never interfere. */
final class InfraApi {
    static final String ADMIN = TestTokens.admin();
    static final String TYPES = "/api/v1/resource-types";
    static final String TYPE = "/api/v1/resource-types/{name}";
    static final String DEFINITIONS = "/api/v1/resource-definitions";
    static final String DEFINITION = "/api/v1/resource-definitions/{name}";
    static final String MATCH = "/api/v1/resource-definitions:match";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private InfraApi() {
    }

    /** A new type with outputs host, port and a secret password. */
    static String newType() {
        String name = Names.unique("rt");
        as(ADMIN).body(Map.of("name", name, "description", "test type", "outputs", List.of(
                Map.of("name", "host"), Map.of("name", "port", "secret", false), Map.of("name", "password", "secret", true))))
                .post(TYPES).then().statusCode(201);
        return name;
    }

    /** A definition body for the test driver: host as a value, password as a secret. */
    static Map<String, Object> definition(String name, String type, String password, List<Map<String, String>> criteria) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("driver", OutputsTestDriver.NAME);
        body.put("driverInputs", Map.of("values", Map.of("host", "db.example.com", "port", 5432), "secrets", Map.of("password", password)));
        body.put("criteria", criteria);
        return body;
    }

    static ValidatableResponse create(String token, Map<String, Object> body) {
        return as(token).body(body).post(DEFINITIONS).then();
    }

    static void createDefinition(String name, String type, List<Map<String, String>> criteria) {
        create(ADMIN, definition(name, type, "pw-" + name, criteria)).statusCode(201);
    }

    static ValidatableResponse match(String token, String application, String environment, String type, String resourceClass) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", application);
        body.put("environment", environment);
        body.put("type", type);
        if (resourceClass != null) {
            body.put("class", resourceClass);
        }
        return as(token).body(body).post(MATCH).then();
    }
}
