package dev.slipway.testing;

import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Access tokens signed by the in-process OIDC provider's key, with the groups and roles a test
 * needs. Issuer and audience match the test profile's OIDC settings.
 */
public final class TestTokens {
    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://service.example.com";

    private TestTokens() {
    }

    public static String user(String username, String... groups) {
        return token(username, Set.of(groups), Set.of());
    }

    public static String admin() {
        return token("platform-admin", Set.of("slipway-admins"), Set.of());
    }

    /** A client-credentials token as Keycloak issues it: client_id names the client, no user. */
    public static String serviceAccount(String clientId) {
        return Jwt.preferredUserName("service-account-" + clientId)
                .subject(java.util.UUID.nameUUIDFromBytes(clientId.getBytes()).toString())
                .claim("client_id", clientId)
                .claim("azp", clientId)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .expiresIn(600)
                .sign();
    }

    public static String token(String username, Set<String> groups, Set<String> roles) {
        return Jwt.preferredUserName(username)
                .subject("sub-" + username)
                .groups(groups)
                .claim("realm_access", Map.of("roles", roles))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .expiresIn(600)
                .sign();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
