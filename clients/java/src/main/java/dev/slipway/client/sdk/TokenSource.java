package dev.slipway.client.sdk;

/**
 * Supplies the OIDC access token for each request. Implementations refresh on their own, so a
 * long-running program never sends an expired token.
 */
@FunctionalInterface
public interface TokenSource {

    /** The access token to send now (without the "Bearer " prefix). */
    String accessToken() throws TokenException;

    /** A token that never changes, for scripts and CI jobs that were handed one. */
    static TokenSource of(String accessToken) {
        if (accessToken == null || accessToken.isBlank()) {
            throw new IllegalArgumentException("access token is empty");
        }
        String token = accessToken.trim();
        return () -> token;
    }
}
