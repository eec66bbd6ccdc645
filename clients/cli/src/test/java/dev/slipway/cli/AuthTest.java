package dev.slipway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device login, the token cache (its permissions), refresh, client credentials and contexts, against a fake identity provider. */
class AuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path config;

    /** An unsigned JWT-shaped token naming a user: enough for the CLI, which only reads the name. */
    static String jwt(String user, int n) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"preferred_username\":\"" + user + "\",\"n\":" + n + "}").getBytes());
        return "eyJhbGciOiJub25lIn0." + payload + ".sig";
    }

    /** A fake issuer: discovery, device authorization (pending once), token endpoint for every grant. */
    static TestServer identityProvider(AtomicInteger issued) throws Exception {
        String[] base = new String[1];
        AtomicInteger polls = new AtomicInteger();
        TestServer idp = new TestServer(r -> {
            if (r.path().endsWith("/.well-known/openid-configuration")) {
                return new TestServer.Answer(200, "application/json", "{\"token_endpoint\":\"" + base[0] + "/token\","
                        + "\"device_authorization_endpoint\":\"" + base[0] + "/device\"}");
            }
            if (r.path().equals("/device")) {
                return new TestServer.Answer(200, "application/json", "{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\","
                        + "\"verification_uri\":\"" + base[0] + "/activate\",\"expires_in\":60,\"interval\":1}");
            }
            if (r.body().contains("device_code") && polls.incrementAndGet() == 1) {
                return new TestServer.Answer(400, "application/json", "{\"error\":\"authorization_pending\"}");
            }
            int n = issued.incrementAndGet();
            return new TestServer.Answer(200, "application/json", "{\"access_token\":\"" + jwt("dana", n) + "\",\"expires_in\":300,"
                    + "\"refresh_token\":\"refresh-" + n + "\"}");
        });
        base[0] = idp.url();
        return idp;
    }

    @Test
    void deviceLoginCachesTokensOwnerOnlyAndLaterCommandsUseThem() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (TestServer idp = identityProvider(issued);
                TestServer slipway = new TestServer(r -> new TestServer.Answer(200, "application/json", "{\"name\":\"shop\"}"))) {
            CliRun login = CliRun.run(config, Map.of(), "", "login", "--issuer", idp.url(), "--server", slipway.url());
            assertEquals(0, login.exitCode(), login.err());
            assertTrue(login.err().contains("open " + idp.url() + "/activate and enter the code ABCD-EFGH"), login.err());
            assertTrue(login.out().contains("Logged in as dana (context default)"), login.out());
            assertTrue(idp.requests.stream().anyMatch(r -> r.body().contains("client_id=slipway-cli")), "the default client");

            Path dir = config.resolve("slipway");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("credentials.json"))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.json"))));
            JsonNode contexts = JSON.readTree(dir.resolve("config.json").toFile());
            assertEquals("default", contexts.get("current").asText());
            assertEquals(slipway.url(), contexts.get("contexts").get("default").get("server").asText());

            CliRun get = CliRun.run(config, Map.of(), "", "apps", "get", "shop");
            assertEquals(0, get.exitCode(), get.err());
            assertEquals("Bearer " + jwt("dana", 1), slipway.requests.get(0).headers().getFirst("Authorization"));
        }
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndCachedAgain() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (TestServer idp = identityProvider(issued);
                TestServer slipway = new TestServer(r -> new TestServer.Answer(200, "application/json", "{\"name\":\"shop\"}"))) {
            CliRun.run(config, Map.of(), "", "context", "add", "prod", "--server", slipway.url(), "--issuer", idp.url());
            CliSettings settings = new CliSettings(new ConfigDir(config.resolve("slipway")));
            settings.saveTokens("prod", new CliSettings.CachedTokens("old", "refresh-0", java.time.Instant.now().minusSeconds(5), idp.url(), "slipway-cli"));

            CliRun get = CliRun.run(config, Map.of(), "", "apps", "get", "shop");
            assertEquals(0, get.exitCode(), get.err());
            assertEquals("Bearer " + jwt("dana", 1), slipway.requests.get(0).headers().getFirst("Authorization"));
            assertTrue(idp.requests.stream().anyMatch(r -> r.body().contains("grant_type=refresh_token") && r.body().contains("refresh_token=refresh-0")));
            assertEquals("refresh-1", settings.tokens("prod").refreshToken());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.resolve("slipway/credentials.json"))));
        }
    }

    @Test
    void clientCredentialsFromTheEnvironmentForCi() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (TestServer idp = identityProvider(issued);
                TestServer slipway = new TestServer(r -> new TestServer.Answer(200, "application/json", "{\"items\":[]}"))) {
            CliRun list = CliRun.run(config, Map.of("SLIPWAY_URL", slipway.url(), "SLIPWAY_ISSUER", idp.url(), "SLIPWAY_CLIENT_ID", "ci",
                    "SLIPWAY_CLIENT_SECRET", "s3cret"), "", "apps", "list");
            assertEquals(0, list.exitCode(), list.err());
            assertTrue(idp.requests.stream().anyMatch(r -> r.body().contains("grant_type=client_credentials") && r.body().contains("client_secret=s3cret")));
            assertEquals("Bearer " + jwt("dana", 1), slipway.requests.get(0).headers().getFirst("Authorization"));
        }
    }

    @Test
    void contextsChooseTheServer() throws Exception {
        try (TestServer a = new TestServer(r -> new TestServer.Answer(200, "application/json", "{\"items\":[{\"name\":\"from-a\"}]}"));
                TestServer b = new TestServer(r -> new TestServer.Answer(200, "application/json", "{\"items\":[{\"name\":\"from-b\"}]}"))) {
            Map<String, String> token = Map.of("SLIPWAY_TOKEN", "t");
            assertEquals(0, CliRun.run(config, token, "", "context", "add", "a", "--server", a.url()).exitCode());
            assertEquals(0, CliRun.run(config, token, "", "context", "add", "b", "--server", b.url()).exitCode());
            assertTrue(CliRun.run(config, token, "", "apps", "list").out().contains("from-a"), "the first context added is current");
            assertEquals(0, CliRun.run(config, token, "", "context", "use", "b").exitCode());
            assertTrue(CliRun.run(config, token, "", "apps", "list").out().contains("from-b"));
            assertTrue(CliRun.run(config, token, "", "apps", "list", "--context", "a").out().contains("from-a"));
            CliRun list = CliRun.run(config, token, "", "context", "list");
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("*") && l.contains(" b ")), list.out());
            assertEquals(ExitCodes.USAGE, CliRun.run(config, token, "", "context", "use", "nope").exitCode());
        }
    }
}
