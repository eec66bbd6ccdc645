package dev.slipway.cluster;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.slipway.testing.Api;
import dev.slipway.testing.Names;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static dev.slipway.testing.Api.as;
import static dev.slipway.testing.Api.createApplication;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class ClusterResourceTest {
    private static final String ALICE = TestTokens.user("alice", "team-a");
    private static final String ADMIN = TestTokens.admin();
    private static final String CLUSTERS = "/api/v1/clusters";
    private static final String CLUSTER = "/api/v1/clusters/{name}";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    /** Looks like a JWT: a credential pasted where a reference belongs. */
    private static final String RAW_TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNsaXB3YXkifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl";

    @Test
    void seedsTheDefaultSandboxCluster() {
        as(ALICE).get(CLUSTER, "sandbox").then().statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo("sandbox"))
                .body("kind", equalTo("SANDBOX"))
                .body("default", equalTo(true))
                .body("apiUrl", nullValue())
                .body("credentialsRef", nullValue());
        as(ALICE).get(CLUSTERS).then().statusCode(200).body("items.name", hasItem("sandbox"));
    }

    @Test
    void adminRegistersAnExternalCluster() {
        String name = Names.unique("ext");
        try {
            ExtractableResponse<Response> created = as(ADMIN)
                    .body(Map.of("name", name, "description", "EU production", "kind", "EXTERNAL",
                            "apiUrl", "https://k8s.example.com:6443", "credentialsRef", "secret:slipway/" + name + "-token#token"))
                    .post(CLUSTERS)
                    .then().statusCode(201)
                    .header("Location", endsWith(CLUSTERS + "/" + name))
                    .header("ETag", notNullValue())
                    .body("id", notNullValue())
                    .body("name", equalTo(name))
                    .body("description", equalTo("EU production"))
                    .body("kind", equalTo("EXTERNAL"))
                    .body("apiUrl", equalTo("https://k8s.example.com:6443"))
                    .body("credentialsRef", equalTo("secret:slipway/" + name + "-token#token"))
                    .body("default", equalTo(false))
                    .body("createdBy", equalTo("platform-admin"))
                    .extract();

            // Reads are open to every authenticated caller.
            as(ALICE).get(CLUSTER, name).then().statusCode(200)
                    .header("ETag", equalTo(created.header("ETag")))
                    .body("credentialsRef", equalTo("secret:slipway/" + name + "-token#token"))
                    .body("createdAt", equalTo(created.path("createdAt")));
            as(ALICE).queryParam("pageSize", 500).get(CLUSTERS).then().statusCode(200).body("items.name", hasItems("sandbox", name));
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void kindDefaultsToExternalAndAcceptsAKubeconfigContext() {
        String name = Names.unique("ctx");
        try {
            as(ADMIN).body(Map.of("name", name, "apiUrl", "https://10.0.0.1:6443", "credentialsRef", "kubeconfig-context:admin@eu-prod_1"))
                    .post(CLUSTERS)
                    .then().statusCode(201)
                    .body("kind", equalTo("EXTERNAL"))
                    .body("credentialsRef", equalTo("kubeconfig-context:admin@eu-prod_1"));
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void anExternalClusterNeedsAnHttpApiUrl() {
        String name = Names.unique("nourl");
        assertProblem(as(ADMIN).body(Map.of("name", name, "kind", "EXTERNAL")).post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("apiUrl")));
        assertProblem(as(ADMIN).body(Map.of("name", name, "apiUrl", "ftp://k8s.example.com")).post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("apiUrl")));
        assertProblem(as(ADMIN).body(Map.of("name", name, "apiUrl", "k8s.example.com:6443")).post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("apiUrl")));
        assertProblem(as(ADMIN).get(CLUSTER, name).then(), 404, "not-found");
    }

    @Test
    void refusesRawCredentialsAndNeverEchoesThem() {
        String name = Names.unique("leak");
        for (String credential : List.of(RAW_TOKEN, "Bearer " + RAW_TOKEN, "secret:" + RAW_TOKEN,
                "-----BEGIN RSA PRIVATE KEY-----MIIEow")) {
            ValidatableResponse response = assertProblem(as(ADMIN)
                    .body(Map.of("name", name, "apiUrl", "https://k8s.example.com", "credentialsRef", credential))
                    .post(CLUSTERS).then(), 400, "invalid-request")
                    .body("errors.field", equalTo(List.of("credentialsRef")));
            assertNotEchoed(response, credential);
        }
        assertProblem(as(ADMIN).get(CLUSTER, name).then(), 404, "not-found");

        // Nor can a patch slip one in.
        as(ADMIN).body(Map.of("name", name, "apiUrl", "https://k8s.example.com", "credentialsRef", "secret:slipway/token"))
                .post(CLUSTERS).then().statusCode(201);
        try {
            ValidatableResponse response = assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("credentialsRef", RAW_TOKEN))
                    .patch(CLUSTER, name).then(), 400, "invalid-request")
                    .body("errors.field", equalTo(List.of("credentialsRef")));
            assertNotEchoed(response, RAW_TOKEN);
            as(ALICE).get(CLUSTER, name).then().statusCode(200).body("credentialsRef", equalTo("secret:slipway/token"));
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void refusesAnOverlongCredentialsReferenceAsInvalidInput() {
        // Valid in shape, but longer than the store keeps.
        String reference = "secret:" + "n".repeat(63) + "/" + "s".repeat(253) + "#" + "k".repeat(200);
        assertProblem(
                as(ADMIN).body(Map.of("name", Names.unique("longref"), "apiUrl", "https://k8s.example.com", "credentialsRef", reference))
                        .post(CLUSTERS).then(),
                400, "invalid-request")
                .body("errors.field", equalTo(List.of("credentialsRef")));
    }

    @Test
    void inClusterAndSandboxKindsTakeNoAddress() {
        String name = Names.unique("inc");
        assertProblem(as(ADMIN).body(Map.of("name", name, "kind", "IN_CLUSTER", "apiUrl", "https://kubernetes.default.svc"))
                .post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("apiUrl")));
        assertProblem(as(ADMIN).body(Map.of("name", name, "kind", "IN_CLUSTER", "credentialsRef", "secret:slipway/token"))
                .post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("credentialsRef")));
        assertProblem(as(ADMIN).body(Map.of("name", name, "kind", "SANDBOX")).post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("kind")));
        assertProblem(as(ADMIN).body(Map.of("name", name, "kind", "MARS")).post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors[0].field", equalTo("kind"));
        assertProblem(as(ADMIN).get(CLUSTER, name).then(), 404, "not-found");

        try {
            as(ADMIN).body(Map.of("name", name, "kind", "IN_CLUSTER")).post(CLUSTERS).then().statusCode(201)
                    .body("kind", equalTo("IN_CLUSTER")).body("apiUrl", nullValue());
            assertProblem(
                    as(ADMIN).contentType(MERGE_PATCH).body(Map.of("apiUrl", "https://kubernetes.default.svc")).patch(CLUSTER, name).then(),
                    400, "invalid-request")
                    .body("errors.field", equalTo(List.of("apiUrl")));
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void rejectsInvalidNamesAndDuplicates() {
        assertProblem(as(ADMIN).body(Map.of("name", "Bad_Name", "apiUrl", "https://k8s.example.com", "description", "d".repeat(1001)))
                .post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", hasItems("name", "description"));
        assertProblem(as(ADMIN).body(Map.of("apiUrl", "https://k8s.example.com")).post(CLUSTERS).then(), 400, "invalid-request")
                .body("errors.field", equalTo(List.of("name")));

        String name = Names.unique("dup");
        createCluster(name).statusCode(201);
        try {
            assertProblem(createCluster(name), 409, "already-exists").body("detail", containsString("already exists"));
            assertProblem(createCluster("sandbox"), 409, "already-exists");
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void onlyAdminsChangeClustersButEveryoneReadsThem() {
        String name = Names.unique("guard");
        assertProblem(as(ALICE).body(Map.of("name", name, "apiUrl", "https://k8s.example.com")).post(CLUSTERS).then(), 403, "forbidden");
        assertProblem(as(ALICE).get(CLUSTER, name).then(), 404, "not-found");

        createCluster(name).statusCode(201);
        try {
            assertProblem(as(ALICE).contentType(MERGE_PATCH).body(Map.of("description", "mine now")).patch(CLUSTER, name).then(),
                    403, "forbidden");
            assertProblem(as(ALICE).delete(CLUSTER, name).then(), 403, "forbidden");
            assertProblem(as(ALICE).contentType(MERGE_PATCH).body(Map.of("default", true)).patch(CLUSTER, name).then(), 403, "forbidden");
            as(ALICE).get(CLUSTER, name).then().statusCode(200).body("description", nullValue()).body("default", equalTo(false));
            as(ALICE).get(CLUSTERS).then().statusCode(200);

            as(ADMIN).contentType(MERGE_PATCH).body(Map.of("description", "by admin")).patch(CLUSTER, name)
                    .then().statusCode(200).body("description", equalTo("by admin"));
        } finally {
            as(ADMIN).delete(CLUSTER, name).then().statusCode(204);
        }
        assertProblem(as(ALICE).get(CLUSTER, name).then(), 404, "not-found");
    }

    @Test
    void requiresABearerToken() {
        assertProblem(given().get(CLUSTERS).then(), 401, "unauthenticated");
        assertProblem(given().get(CLUSTER, "sandbox").then(), 401, "unauthenticated");
        assertProblem(given().contentType(ContentType.JSON).body(Map.of("name", Names.unique("anon"), "apiUrl", "https://k8s.example.com"))
                .post(CLUSTERS).then(), 401, "unauthenticated");
        assertProblem(given().contentType(MERGE_PATCH).body(Map.of("description", "x")).patch(CLUSTER, "sandbox").then(), 401,
                "unauthenticated");
        assertProblem(given().delete(CLUSTER, "sandbox").then(), 401, "unauthenticated");
    }

    @Test
    void makingAClusterTheDefaultClearsThePreviousDefault() {
        String first = Names.unique("deflt-a");
        String second = Names.unique("deflt-b");
        createCluster(first).statusCode(201).body("default", equalTo(false));
        try {
            // Normally the sandbox; whichever it is, there is exactly one.
            List<String> before = defaults();
            assertEquals(1, before.size(), before.toString());
            String previous = before.get(0);
            String previousEtag = as(ALICE).get(CLUSTER, previous).then().statusCode(200).extract().header("ETag");

            as(ADMIN).body(Map.of("name", second, "apiUrl", "https://k8s.example.com", "default", true)).post(CLUSTERS)
                    .then().statusCode(201).body("default", equalTo(true));
            assertEquals(List.of(second), defaults());
            // Its representation changed, so its ETag must too.
            as(ALICE).get(CLUSTER, previous).then().statusCode(200).body("default", equalTo(false))
                    .header("ETag", not(equalTo(previousEtag)));

            String secondEtag = as(ALICE).get(CLUSTER, second).then().extract().header("ETag");
            as(ADMIN).contentType(MERGE_PATCH).body(Map.of("default", true)).patch(CLUSTER, first)
                    .then().statusCode(200).body("default", equalTo(true));
            assertEquals(List.of(first), defaults());
            as(ALICE).get(CLUSTER, second).then().statusCode(200).body("default", equalTo(false))
                    .header("ETag", not(equalTo(secondEtag)));

            // Environments that name no cluster and whose type names none land on the default.
            String type = Names.unique("notype-cl");
            String app = Names.unique("defapp");
            as(ADMIN).body(Map.of("name", type, "order", 600)).post("/api/v1/environment-types").then().statusCode(201);
            createApplication(ALICE, app, "team-a").statusCode(201);
            Api.createEnvironment(ALICE, app, "dev", type).statusCode(201).body("cluster", equalTo(first));
            as(ALICE).delete("/api/v1/applications/{app}/environments/dev", app).then().statusCode(204);
            as(ADMIN).delete("/api/v1/environment-types/{name}", type).then().statusCode(204);

            // The default flag moves; it is never simply cleared, and the default is never removed.
            assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("default", false)).patch(CLUSTER, first).then(), 400,
                    "invalid-request")
                    .body("errors.field", equalTo(List.of("default")));
            assertProblem(as(ADMIN).delete(CLUSTER, first).then(), 409, "conflict").body("detail", containsString("is the default"));
            as(ALICE).get(CLUSTER, first).then().statusCode(200).body("default", equalTo(true));
        } finally {
            as(ADMIN).contentType(MERGE_PATCH).body(Map.of("default", true)).patch(CLUSTER, "sandbox").then().statusCode(200);
            as(ADMIN).delete(CLUSTER, first);
            as(ADMIN).delete(CLUSTER, second);
        }
        assertEquals(List.of("sandbox"), defaults());
        assertProblem(as(ADMIN).delete(CLUSTER, "sandbox").then(), 409, "conflict").body("detail", containsString("is the default"));
    }

    @Test
    void refusesToRemoveAClusterAnEnvironmentRunsOn() {
        String cluster = Names.unique("busy");
        createCluster(cluster).statusCode(201);
        String app = Names.unique("busyapp");
        createApplication(ALICE, app, "team-a").statusCode(201);
        as(ALICE).body(Map.of("name", "dev", "type", "development", "cluster", cluster))
                .post("/api/v1/applications/{app}/environments", app)
                .then().statusCode(201).body("cluster", equalTo(cluster));

        assertProblem(as(ADMIN).delete(CLUSTER, cluster).then(), 409, "conflict").body("detail", containsString("1 environment"));
        as(ALICE).get(CLUSTER, cluster).then().statusCode(200);

        as(ALICE).delete("/api/v1/applications/{app}/environments/dev", app).then().statusCode(204);
        as(ADMIN).delete(CLUSTER, cluster).then().statusCode(204);
        assertProblem(as(ALICE).get(CLUSTER, cluster).then(), 404, "not-found");
    }

    @Test
    void refusesToRemoveAClusterAnEnvironmentTypeDefaultsTo() {
        String cluster = Names.unique("typed");
        String type = Names.unique("typed-type");
        createCluster(cluster).statusCode(201);
        as(ADMIN).body(Map.of("name", type, "order", 700, "defaultCluster", cluster)).post("/api/v1/environment-types").then()
                .statusCode(201);

        assertProblem(as(ADMIN).delete(CLUSTER, cluster).then(), 409, "conflict").body("detail", containsString(type));
        as(ALICE).get(CLUSTER, cluster).then().statusCode(200);

        as(ADMIN).delete("/api/v1/environment-types/{name}", type).then().statusCode(204);
        as(ADMIN).delete(CLUSTER, cluster).then().statusCode(204);
    }

    @Test
    void nameAndKindAreImmutable() {
        String name = Names.unique("fixed");
        createCluster(name).statusCode(201);
        try {
            assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("name", "renamed")).patch(CLUSTER, name).then(), 400,
                    "invalid-request")
                    .body("errors.field", equalTo(List.of("name")));
            assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("kind", "IN_CLUSTER")).patch(CLUSTER, name).then(), 400,
                    "invalid-request")
                    .body("errors.field", equalTo(List.of("kind")));
            assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("kind", "SANDBOX")).patch(CLUSTER, name).then(), 400,
                    "invalid-request")
                    .body("errors.field", equalTo(List.of("kind")));
            assertProblem(as(ADMIN).contentType(MERGE_PATCH).body("{\"apiUrl\": null}").patch(CLUSTER, name).then(), 400, "invalid-request")
                    .body("errors.field", equalTo(List.of("apiUrl")));

            as(ADMIN).contentType(MERGE_PATCH)
                    .body(Map.of("name", name, "kind", "EXTERNAL", "apiUrl", "https://new.example.com", "credentialsRef",
                            "kubeconfig-context:eu"))
                    .patch(CLUSTER, name).then().statusCode(200)
                    .body("apiUrl", equalTo("https://new.example.com"))
                    .body("credentialsRef", equalTo("kubeconfig-context:eu"));
            as(ADMIN).contentType(MERGE_PATCH).body("{\"credentialsRef\": null}").patch(CLUSTER, name)
                    .then().statusCode(200).body("credentialsRef", nullValue()).body("kind", equalTo("EXTERNAL"));
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void staleIfMatchIsRefusedWith412() {
        String name = Names.unique("etag");
        String etag = createCluster(name).statusCode(201).extract().header("ETag");
        try {
            String newer = as(ADMIN).contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("description", "one"))
                    .patch(CLUSTER, name).then().statusCode(200).extract().header("ETag");
            assertNotEquals(etag, newer);

            assertProblem(as(ADMIN).contentType(MERGE_PATCH).header("If-Match", etag).body(Map.of("description", "two"))
                    .patch(CLUSTER, name).then(), 412, "precondition-failed");
            assertProblem(as(ADMIN).header("If-Match", etag).delete(CLUSTER, name).then(), 412, "precondition-failed");
            as(ADMIN).get(CLUSTER, name).then().statusCode(200).header("ETag", equalTo(newer)).body("description", equalTo("one"));

            as(ADMIN).header("If-Match", newer).delete(CLUSTER, name).then().statusCode(204);
        } finally {
            as(ADMIN).delete(CLUSTER, name);
        }
    }

    @Test
    void answers404ForAMissingCluster() {
        String name = Names.unique("missing");
        assertProblem(as(ALICE).get(CLUSTER, name).then(), 404, "not-found").body("detail", containsString(name));
        assertProblem(as(ADMIN).contentType(MERGE_PATCH).body(Map.of("description", "x")).patch(CLUSTER, name).then(), 404, "not-found");
        assertProblem(as(ADMIN).delete(CLUSTER, name).then(), 404, "not-found");
    }

    private static ValidatableResponse createCluster(String name) {
        return as(ADMIN).body(Map.of("name", name, "apiUrl", "https://" + name + ".example.com:6443")).post(CLUSTERS).then();
    }

    /** Names of the clusters marked default (there must never be more than one). */
    private static List<String> defaults() {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = as(ALICE).queryParam("pageSize", 500);
            if (token != null) {
                request.queryParam("pageToken", token);
            }
            ExtractableResponse<Response> page = request.get(CLUSTERS).then().statusCode(200).extract();
            List<Map<String, Object>> rows = page.path("items");
            rows.forEach(row -> items.add(new HashMap<>(row)));
            token = page.path("nextPageToken");
            pages++;
        } while (token != null && pages < 100);
        return items.stream().filter(item -> Boolean.TRUE.equals(item.get("default"))).map(item -> (String) item.get("name")).toList();
    }

    private static void assertNotEchoed(ValidatableResponse response, String secret) {
        String body = response.extract().body().asString();
        assertFalse(body.contains(secret), "the response repeats the credential: " + body);
        // Not even a recognisable part of it.
        assertFalse(body.contains(secret.substring(0, Math.min(20, secret.length()))), body);
    }

    private static ValidatableResponse assertProblem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", equalTo("https://slipway.dev/problems/" + type))
                .body("detail", not(emptyOrNullString()));
    }
}
