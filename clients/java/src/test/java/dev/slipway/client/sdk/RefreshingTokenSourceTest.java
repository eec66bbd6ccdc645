package dev.slipway.client.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshingTokenSourceTest {

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void clientCredentialsAreFetchedOnceAndAgainShortlyBeforeExpiry() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        try (TestServer idp = new TestServer(r -> r.path().endsWith("/.well-known/openid-configuration")
                ? new TestServer.Answer(200, "application/json", "{\"token_endpoint\":\"" + "http://127.0.0.1:PORT/token\"}")
                : new TestServer.Answer(200, "application/json",
                        "{\"access_token\":\"t" + issued.incrementAndGet() + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}"))) {
            MovableClock clock = new MovableClock();
            OidcProvider provider = new OidcProvider(HttpClient.newHttpClient(), clock, java.net.URI.create(idp.url() + "/token"), null);
            RefreshingTokenSource source = new RefreshingTokenSource(null, t -> provider.clientCredentials("ci", "s3cret", null), t -> {
            }, clock);
            assertEquals("t1", source.accessToken());
            clock.now = clock.now.plusSeconds(200);
            assertEquals("t1", source.accessToken());
            clock.now = clock.now.plusSeconds(75); // 25 s left: inside the margin
            assertEquals("t2", source.accessToken());
            String form = idp.requests.get(0).body();
            assertTrue(form.contains("grant_type=client_credentials") && form.contains("client_id=ci") && form.contains("client_secret=s3cret"),
                    form);
        }
    }

    @Test
    void refreshUsesTheRefreshTokenKeepsItWhenNotRotatedAndReportsNewTokens() throws Exception {
        try (TestServer idp = new TestServer(r -> new TestServer.Answer(200, "application/json",
                "{\"access_token\":\"fresh\",\"expires_in\":300}"))) {
            MovableClock clock = new MovableClock();
            OidcProvider provider = new OidcProvider(HttpClient.newHttpClient(), clock, java.net.URI.create(idp.url() + "/token"), null);
            List<Tokens> saved = new ArrayList<>();
            RefreshingTokenSource source = RefreshingTokenSource.refreshing(provider, "slipway-cli",
                    new Tokens("stale", "r1", clock.now.minusSeconds(1)), saved::add);
            assertEquals("fresh", source.accessToken());
            assertEquals("r1", saved.get(0).refreshToken());
            assertTrue(idp.requests.get(0).body().contains("grant_type=refresh_token"));
            assertTrue(idp.requests.get(0).body().contains("refresh_token=r1"));
        }
    }

    @Test
    void aRefusalCarriesTheOauthError() throws Exception {
        try (TestServer idp = new TestServer(r -> new TestServer.Answer(400, "application/json",
                "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}"))) {
            OidcProvider provider = new OidcProvider(HttpClient.newHttpClient(), Clock.systemUTC(), java.net.URI.create(idp.url() + "/token"), null);
            TokenException e = assertThrows(TokenException.class, () -> provider.refresh("slipway-cli", "old"));
            assertEquals("invalid_grant", e.error());
            assertTrue(e.getMessage().contains("Token is not active"));
        }
    }
}
