package dev.slipway.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The token endpoints of an OpenID Connect issuer, found by discovery
 * ({@code <issuer>/.well-known/openid-configuration}): client credentials, refresh, and the device
 * authorization grant (RFC 8628) for people at a terminal.
 */
public final class OidcProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Clock clock;
    private final URI tokenEndpoint;
    private final URI deviceAuthorizationEndpoint;

    OidcProvider(HttpClient http, Clock clock, URI tokenEndpoint, URI deviceAuthorizationEndpoint) {
        this.http = http;
        this.clock = clock;
        this.tokenEndpoint = tokenEndpoint;
        this.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
    }

    /** Reads the issuer's discovery document. */
    public static OidcProvider discover(String issuer) {
        return discover(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC(), issuer);
    }

    static OidcProvider discover(HttpClient http, Clock clock, String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        URI discovery = URI.create(base + "/.well-known/openid-configuration");
        JsonNode document;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(20))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new TokenException("OIDC discovery at " + discovery + " answered HTTP " + response.statusCode());
            }
            document = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TokenException("cannot read OIDC discovery at " + discovery + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted", null, e);
        }
        String token = document.path("token_endpoint").asText(null);
        if (token == null) {
            throw new TokenException("OIDC discovery at " + discovery + " has no token_endpoint");
        }
        String device = document.path("device_authorization_endpoint").asText(null);
        return new OidcProvider(http, clock, URI.create(token), device == null ? null : URI.create(device));
    }

    /** A provider whose token endpoint is known (no discovery). */
    public static OidcProvider withTokenEndpoint(String tokenEndpoint) {
        return new OidcProvider(HttpClient.newHttpClient(), Clock.systemUTC(), URI.create(tokenEndpoint), null);
    }

    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    /** Client credentials grant, for services and CI jobs. */
    public Tokens clientCredentials(String clientId, String clientSecret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        return tokens(post(tokenEndpoint, form));
    }

    /** Refresh grant: new tokens for a refresh token (public clients send no secret). */
    public Tokens refresh(String clientId, String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        form.put("refresh_token", refreshToken);
        return tokens(post(tokenEndpoint, form));
    }

    /** Starts a device authorization: what to show the person, and the code to poll with. */
    public DeviceAuthorization startDeviceAuthorization(String clientId, String scope) {
        if (deviceAuthorizationEndpoint == null) {
            throw new TokenException("the issuer offers no device authorization endpoint");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        JsonNode answer = post(deviceAuthorizationEndpoint, form);
        return new DeviceAuthorization(answer.path("device_code").asText(), answer.path("user_code").asText(),
                answer.path("verification_uri").asText(), answer.path("verification_uri_complete").asText(null),
                answer.path("interval").asInt(5), clock.instant().plusSeconds(answer.path("expires_in").asLong(600)));
    }

    /**
     * Polls the token endpoint until the person approves, refuses, or the code runs out, waiting
     * the interval the provider asks for (longer after slow_down).
     */
    public Tokens awaitDeviceApproval(String clientId, DeviceAuthorization authorization) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:device_code");
        form.put("client_id", clientId);
        form.put("device_code", authorization.deviceCode());
        long interval = Math.max(1, authorization.intervalSeconds());
        while (clock.instant().isBefore(authorization.expiresAt())) {
            sleep(Duration.ofSeconds(interval));
            try {
                return tokens(post(tokenEndpoint, form));
            } catch (TokenException e) {
                if ("slow_down".equals(e.error())) {
                    interval += 5;
                } else if (!"authorization_pending".equals(e.error())) {
                    throw e;
                }
            }
        }
        throw new TokenException("the device code expired before it was approved", "expired_token", null);
    }

    private Tokens tokens(JsonNode answer) {
        String access = answer.path("access_token").asText(null);
        if (access == null) {
            throw new TokenException("the token endpoint answered no access_token");
        }
        Instant expiresAt = answer.has("expires_in") ? clock.instant().plusSeconds(answer.get("expires_in").asLong()) : null;
        return new Tokens(access, answer.path("refresh_token").asText(null), expiresAt);
    }

    private JsonNode post(URI endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TokenException("cannot reach the identity provider at " + endpoint + ": " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted", null, e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TokenException("the identity provider answered HTTP " + response.statusCode() + " without JSON", null, e);
        }
        if (response.statusCode() / 100 != 2) {
            String error = answer.path("error").asText(null);
            String description = answer.path("error_description").asText("");
            throw new TokenException("the identity provider refused: " + error + (description.isEmpty() ? "" : " (" + description + ")"),
                    error, null);
        }
        return answer;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenException("interrupted", null, e);
        }
    }

    /** What the person needs to approve a device login, and what the program polls with. */
    public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
            int intervalSeconds, Instant expiresAt) {
    }
}
