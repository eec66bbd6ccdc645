package dev.slipway.client.sdk;

import java.time.Instant;

/**
 * Tokens an identity provider issued.
 *
 * @param accessToken  the bearer token for Slipway
 * @param refreshToken the token to get a new access token with, or null
 * @param expiresAt    when the access token runs out (null: unknown)
 */
public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {

    /** True when the access token runs out within {@code marginSeconds} from {@code now}. */
    public boolean expiresWithin(Instant now, long marginSeconds) {
        return expiresAt != null && !now.plusSeconds(marginSeconds).isBefore(expiresAt);
    }
}
