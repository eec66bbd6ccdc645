package dev.slipway.client.sdk;

/** No access token could be obtained (the identity provider refused or could not be reached). */
public class TokenException extends RuntimeException {
    private final String error;

    public TokenException(String message, String error, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    public TokenException(String message) {
        this(message, null, null);
    }

    /** The OAuth error code the identity provider answered (invalid_grant, ...), or null. */
    public String error() {
        return error;
    }
}
