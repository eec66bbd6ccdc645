package dev.slipway.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.slipway.deployment.DeploymentResourceTest.ALICE;
import static dev.slipway.deployment.DeploymentResourceTest.awaitTerminal;
import static dev.slipway.deployment.DeploymentResourceTest.deploy;
import static dev.slipway.deployment.DeploymentResourceTest.newApp;
import static dev.slipway.testing.Api.createEnvironment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations whose body the contract marks optional take none at all: no body and no
 * Content-Type, as {@code curl -X POST} sends (REST Assured would add a form media type, so the
 * JDK's client sends these).
 */
@QuarkusTest
class OptionalBodyTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void rollbackRestartAndApprovalTakeNoBody() throws Exception {
        String app = newApp();
        createEnvironment(ALICE, app, "dev", "development").statusCode(201);
        String first = deploy(app, "dev", "ghcr.io/acme/web:1.0.0");
        awaitTerminal(app, "dev", first);
        awaitTerminal(app, "dev", deploy(app, "dev", "ghcr.io/acme/web:2.0.0"));
        String deployments = "api/v1/applications/" + app + "/environments/dev/deployments/";

        HttpResponse<String> rollback = postWithoutBody(deployments + first + ":rollback");
        assertEquals(202, rollback.statusCode(), rollback.body());
        String id = rollback.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        awaitTerminal(app, "dev", id);
        HttpResponse<String> restart = postWithoutBody("api/v1/applications/" + app + "/environments/dev:restart");
        assertEquals(200, restart.statusCode(), restart.body());
        // A body-less approve reaches the operation: 409 because nothing awaits approval, not 415.
        HttpResponse<String> approve = postWithoutBody(deployments + id + ":approve");
        assertEquals(409, approve.statusCode(), approve.body());
        assertTrue(approve.body().contains("AWAITING_APPROVAL"), approve.body());
    }

    private HttpResponse<String> postWithoutBody(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", TestTokens.bearer(ALICE))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
