package dev.slipway.store.crypto;

/** A stored secret value that cannot be opened: its key is missing or wrong, or it was altered. */
public class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String message) {
        super(message, null, false, false);
    }
}
