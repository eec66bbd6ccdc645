package dev.slipway.operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.restassured.path.json.JsonPath;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An application with a "dev" environment, a developer and a viewer, and deployments onto the sandbox. */
record OperationsFixture(String app) {
    static final String OWNER = TestTokens.user("olga", "team-ops");
    static final String DEVELOPER = TestTokens.user("dave");
    static final String VIEWER = TestTokens.user("vera");
    static final String ENV = "dev";

    static OperationsFixture create() {
        String app = Names.unique("ops");
        createApplication(OWNER, app, "team-ops").statusCode(201);
        createEnvironment(OWNER, app, ENV, "development").statusCode(201);
        Api.bind(OWNER, "user:dave", "developer", "application:" + app);
        Api.bind(OWNER, "user:vera", "viewer", "application:" + app);
        return new OperationsFixture(app);
    }

    String namespace() {
        return app + "-" + ENV;
    }

    String path(String suffix) {
        return "/api/v1/applications/" + app + "/environments/" + ENV + suffix;
    }

    /** A single-workload spec: one container "web"; replicas left to the formation when null. */
    static Map<String, Object> spec(String image, Integer replicas, List<String> args) {
        Map<String, Object> container = new LinkedHashMap<>(Map.of("name", "web", "image", image,
                "ports", List.of(Map.of("name", "http", "containerPort", 8080))));
        if (args != null) {
            container.put("args", new ArrayList<>(args));
        }
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("containers", List.of(container),
                "servicePorts", List.of(Map.of("name", "http", "port", 80, "targetPort", 8080))));
        if (replicas != null) {
            spec.put("replicas", replicas);
        }
        return spec;
    }

    /** Deploys and waits for the outcome; the final deployment document. */
    JsonPath deploy(Map<String, Object> spec) {
        String id = as(OWNER).body(Map.of("spec", spec, "reason", "operations test"))
                .post(path("/deployments")).then().statusCode(202).extract().path("id");
        return as(OWNER).queryParam("waitFor", "terminal").queryParam("timeout", "30s")
                .get(path("/deployments/" + id)).then().statusCode(200).extract().jsonPath();
    }

    JsonPath deploySucceeded(Map<String, Object> spec) {
        JsonPath done = deploy(spec);
        assertEquals("SUCCEEDED", done.getString("status"), () -> "deployment failed: " + done.prettify());
        return done;
    }
}
