package dev.slipway.api;

/**
 * A caller-chosen key that makes a create safe to retry (REST Idempotency-Key, gRPC request_id).
 * Keys are scoped to the caller, so two CI systems choosing the same key never collide.
 */
public record IdempotencyKey(String value) {
    public static final int MAX_LENGTH = 255;

    /** Validates a raw header or field; null or empty means the request is not idempotent. */
    public static IdempotencyKey ofNullable(String raw, String field) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.length() > MAX_LENGTH || !raw.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw SlipwayException.Invalid.field(field, "must be 1-" + MAX_LENGTH + " visible ASCII characters");
        }
        return new IdempotencyKey(raw);
    }
}
