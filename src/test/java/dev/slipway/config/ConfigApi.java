package dev.slipway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.response.ValidatableResponse;

import static dev.slipway.testing.Api.as;

/** REST helpers for configuration tests: change sets as JSON maps, and the calls. */
final class ConfigApi {
    static final String BASE = "/api/v1/applications/{a}/config";
    static final String ENVIRONMENT = "/api/v1/applications/{a}/environments/{e}/config";

    private ConfigApi() {
    }

    static Map<String, Object> value(String name, String value) {
        return Map.of("name", name, "value", value);
    }

    static Map<String, Object> secret(String name, String secret) {
        return Map.of("name", name, "secret", secret);
    }

    static Map<String, Object> secretRef(String name, String secretName, String key) {
        return Map.of("name", name, "secretRef", Map.of("name", secretName, "key", key));
    }

    static Map<String, Object> unset(String name) {
        return Map.of("name", name, "unset", true);
    }

    static Map<String, Object> remove(String name) {
        return Map.of("name", name, "remove", true);
    }

    @SafeVarargs
    static Map<String, Object> changes(String message, Map<String, Object>... changes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", new ArrayList<>(List.of(changes)));
        if (message != null) {
            body.put("message", message);
        }
        return body;
    }

    @SafeVarargs
    static ValidatableResponse patchBase(String token, String app, Map<String, Object>... changes) {
        return as(token).body(changes("test", changes)).patch(BASE, app).then();
    }

    @SafeVarargs
    static ValidatableResponse patchEnvironment(String token, String app, String env, Map<String, Object>... changes) {
        return as(token).body(changes("test", changes)).patch(ENVIRONMENT, app, env).then();
    }
}
