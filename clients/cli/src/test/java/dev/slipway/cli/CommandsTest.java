package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, output formats and exit codes, against a tiny local server that answers as Slipway would. */
class CommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOYMENT_ID = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    private static final String APPS = "{\"items\":[{\"name\":\"shop\",\"ownerGroup\":\"team-shop\"},{\"name\":\"billing\",\"ownerGroup\":\"team-billing\"}]}";

    @TempDir
    Path config;

    private static String deployment(String status) {
        return "{\"id\":\"" + DEPLOYMENT_ID + "\",\"application\":\"shop\",\"environment\":\"staging\",\"status\":\"" + status
                + "\",\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]}}";
    }

    private static String problem(int status, String title, String detail) {
        return "{\"type\":\"https://slipway.dev/problems/x\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    }

    private CliRun run(TestServer server, String... args) {
        return CliRun.run(config, Map.of("SLIPWAY_URL", server.url(), "SLIPWAY_TOKEN", "t0k3n"), "", args);
    }

    @Test
    void listsAreTablesByDefaultAndDocumentsInJsonOrYaml() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(200, "application/json", APPS))) {
            CliRun table = run(server, "apps", "list");
            assertEquals(0, table.exitCode(), table.err());
            String[] lines = table.out().split("\n");
            assertTrue(lines[0].startsWith("NAME  "), table.out());
            assertTrue(lines[1].startsWith("shop  ") && lines[1].contains("team-shop"), table.out());

            CliRun json = run(server, "apps", "list", "-o", "json");
            JsonNode array = JSON.readTree(json.out());
            assertEquals(2, array.size());
            assertEquals("billing", array.get(1).get("name").asText());

            CliRun yaml = run(server, "apps", "list", "--output", "yaml");
            assertTrue(yaml.out().contains("- name: shop"), yaml.out());
            assertEquals("Bearer t0k3n", server.requests.get(0).headers().getFirst("Authorization"));
        }
    }

    @Test
    void listsFollowEveryPage() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(200, "application/json", r.query() != null && r.query().contains("pageToken=p2")
                ? "{\"items\":[{\"name\":\"third\"}]}" : "{\"items\":[{\"name\":\"first\"},{\"name\":\"second\"}],\"nextPageToken\":\"p2\"}"))) {
            CliRun json = run(server, "apps", "list", "-o", "json");
            assertEquals(3, JSON.readTree(json.out()).size(), json.out());
        }
    }

    @Test
    void deployWaitExitsZeroOnSuccessAndPrintsProgress() throws Exception {
        String events = "id: 1\nevent: deployment\ndata: {\"id\":1,\"status\":\"APPLYING\"}\n\n"
                + "id: 2\nevent: deployment\ndata: {\"id\":2,\"status\":\"SUCCEEDED\",\"reason\":\"RolloutComplete\"}\n\n";
        try (TestServer server = new TestServer(r -> r.method().equals("POST") ? new TestServer.Answer(202, "application/json", deployment("PENDING"))
                : r.path().endsWith("/events") ? new TestServer.Answer(200, "text/event-stream", events)
                : new TestServer.Answer(200, "application/json", deployment("SUCCEEDED")))) {
            CliRun result = run(server, "deploy", "-a", "shop", "-e", "staging", "--image", "nginx:1.27", "--wait", "--timeout", "30s", "-o", "json");
            assertEquals(ExitCodes.OK, result.exitCode(), result.err());
            assertTrue(result.err().contains("APPLYING") && result.err().contains("SUCCEEDED  RolloutComplete"), result.err());
            assertEquals("SUCCEEDED", JSON.readTree(result.out()).get("status").asText());
            var create = server.requests.get(0);
            assertTrue(create.body().contains("\"image\":\"nginx:1.27\"") && create.body().contains("\"name\":\"web\""), create.body());
            assertTrue(create.headers().getFirst("Idempotency-Key") != null, "creates carry an Idempotency-Key");
        }
    }

    @Test
    void aFailedDeploymentExitsThree() throws Exception {
        try (TestServer server = new TestServer(r -> r.method().equals("POST") ? new TestServer.Answer(202, "application/json", deployment("PENDING"))
                : new TestServer.Answer(200, "application/json", deployment("FAILED")))) {
            CliRun result = run(server, "deploy", "-a", "shop", "-e", "staging", "--image", "nginx:fail", "--wait");
            assertEquals(ExitCodes.DEPLOYMENT_FAILED, result.exitCode(), result.err());
            assertTrue(result.err().contains("ended FAILED"), result.err());
        }
    }

    @Test
    void aWaitThatRunsOutExitsFour() throws Exception {
        try (TestServer server = new TestServer(r -> r.method().equals("POST") ? new TestServer.Answer(202, "application/json", deployment("PENDING"))
                : new TestServer.Answer(200, "application/json", deployment("PROGRESSING")))) {
            CliRun result = run(server, "deploy", "-a", "shop", "-e", "staging", "--image", "nginx:1.27", "--wait", "--timeout", "1s");
            assertEquals(ExitCodes.TIMED_OUT, result.exitCode(), result.err());
        }
    }

    @Test
    void refusalsExitFiveWithOneReadableLineAndTheWholeProblemWithVerbose() throws Exception {
        String frozen = problem(409, "Conflict", "a freeze is in force on shop/staging: release-week until 2026-12-10T00:00:00Z");
        try (TestServer server = new TestServer(r -> new TestServer.Answer(409, "application/problem+json", frozen))) {
            CliRun result = run(server, "deploy", "-a", "shop", "-e", "staging", "--image", "nginx:1.27");
            assertEquals(ExitCodes.REFUSED, result.exitCode());
            assertEquals("slipway: Conflict: a freeze is in force on shop/staging: release-week until 2026-12-10T00:00:00Z (HTTP 409)\n",
                    result.err());
            CliRun verbose = run(server, "deploy", "-a", "shop", "-e", "staging", "--image", "nginx:1.27", "--verbose");
            assertTrue(verbose.err().contains("\"type\":\"https://slipway.dev/problems/x\""), verbose.err());
        }
        try (TestServer server = new TestServer(r -> new TestServer.Answer(403, "application/problem+json", problem(403, "Forbidden", "needs deployer")))) {
            assertEquals(ExitCodes.REFUSED, run(server, "apps", "get", "shop").exitCode());
        }
    }

    @Test
    void aRejectedTokenExitsSevenAndServerErrorsExitOne() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(401, "application/problem+json", problem(401, "Unauthorized", "bad token")))) {
            assertEquals(ExitCodes.NOT_AUTHENTICATED, run(server, "apps", "list").exitCode());
        }
        try (TestServer server = new TestServer(r -> new TestServer.Answer(500, "application/problem+json", problem(500, "Internal error", "boom")))) {
            assertEquals(ExitCodes.ERROR, run(server, "apps", "list").exitCode());
        }
    }

    @Test
    void anUnreachableServerExitsSixAndMissingCredentialsSeven() {
        CliRun unreachable = CliRun.run(config, Map.of("SLIPWAY_TOKEN", "t"), "", "apps", "list", "--server", "http://127.0.0.1:9");
        assertEquals(ExitCodes.UNREACHABLE, unreachable.exitCode(), unreachable.err());
        assertTrue(unreachable.err().startsWith("slipway: cannot reach http://127.0.0.1:9"), unreachable.err());
        CliRun anonymous = CliRun.run(config, Map.of("SLIPWAY_URL", "http://127.0.0.1:9"), "", "apps", "list");
        assertEquals(ExitCodes.NOT_AUTHENTICATED, anonymous.exitCode());
        assertTrue(anonymous.err().contains("slipway login"), anonymous.err());
    }

    @Test
    void wrongCommandLinesExitTwo() {
        assertEquals(ExitCodes.USAGE, CliRun.run(config, Map.of(), "", "deploy", "-a", "shop", "-e", "staging").exitCode(), "no workload");
        assertEquals(ExitCodes.USAGE, CliRun.run(config, Map.of(), "", "deploy", "-a", "shop", "-e", "staging", "--image", "x", "--config-only").exitCode(),
                "two workloads");
        assertEquals(ExitCodes.USAGE, CliRun.run(config, Map.of(), "", "apps", "list", "-o", "xml").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.run(config, Map.of(), "", "no-such-command").exitCode());
        assertEquals(ExitCodes.USAGE, CliRun.run(config, Map.of("SLIPWAY_TOKEN", "t"), "", "deploy", "-a", "a", "-e", "b", "--image", "x",
                "--wait", "--timeout", "soon").exitCode());
    }

    @Test
    void secretsComeFromStandardInputWithoutTheTrailingNewline() throws Exception {
        try (TestServer server = new TestServer(r -> new TestServer.Answer(200, "application/json",
                "{\"application\":\"shop\",\"environment\":\"staging\",\"revision\":3,\"entries\":[{\"name\":\"DB_PASSWORD\",\"type\":\"SECRET\",\"secret\":{\"set\":true,\"version\":1}}]}"))) {
            CliRun result = CliRun.run(config, Map.of("SLIPWAY_URL", server.url(), "SLIPWAY_TOKEN", "t"), "hunter2\n",
                    "config", "secret", "-a", "shop", "-e", "staging", "DB_PASSWORD");
            assertEquals(0, result.exitCode(), result.err());
            var patch = server.requests.get(0);
            assertEquals("PATCH", patch.method());
            assertTrue(patch.path().endsWith("/applications/shop/environments/staging/config"), patch.path());
            assertTrue(patch.body().contains("\"secret\":\"hunter2\""), patch.body());
            assertFalse(result.out().contains("hunter2"));
            assertTrue(result.out().contains("(secret, version 1)"), result.out());
        }
    }

    @Test
    void accessCheckExitsZeroWhenAllowedAndFiveWhenNot() throws Exception {
        AtomicInteger call = new AtomicInteger();
        try (TestServer server = new TestServer(r -> new TestServer.Answer(200, "application/json",
                call.incrementAndGet() == 1 ? "{\"allowed\":true,\"action\":\"deployment.create\"}" : "{\"allowed\":false,\"reason\":\"no binding\"}"))) {
            assertEquals(ExitCodes.OK, run(server, "access", "check", "--action", "deployment.create", "-a", "shop").exitCode());
            CliRun denied = run(server, "access", "check", "--action", "application.delete", "-a", "shop");
            assertEquals(ExitCodes.REFUSED, denied.exitCode());
            assertTrue(denied.out().contains("no binding"), denied.out());
        }
    }

    @Test
    void completionPrintsABashScript() {
        CliRun completion = CliRun.run(config, Map.of(), "", "completion");
        assertEquals(0, completion.exitCode(), completion.err());
        assertTrue(completion.out().contains("complete -F") && completion.out().contains("deploy"), completion.out());
    }

    @Test
    void durationsAreGoStyle() {
        assertEquals(90, DeploymentReports.duration("90s").toSeconds());
        assertEquals(5400, DeploymentReports.duration("1h30m").toSeconds());
        assertEquals(600, DeploymentReports.duration("10m").toSeconds());
    }
}
