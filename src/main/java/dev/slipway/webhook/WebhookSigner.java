package dev.slipway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets and signatures as the Standard Webhooks specification describes them: a secret
 * {@code whsec_<base64>} whose key is the decoded bytes (any other secret: its UTF-8 bytes), and the
 * header {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}. Pure functions.
 */
public final class WebhookSigner {
    static final String PREFIX = "whsec_";
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigner() {
    }

    /** A new secret: 32 random bytes. */
    static String newSecret() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Null when the secret can sign, else what is wrong with it. */
    static String check(String secret) {
        if (secret.startsWith(PREFIX)) {
            try {
                int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
                return length >= 24 && length <= 64 ? null : "a whsec_ secret must hold 24 to 64 bytes, not " + length;
            } catch (IllegalArgumentException e) {
                return "the part after whsec_ must be base64";
            }
        }
        return null;
    }

    static byte[] keyOf(String secret) {
        return secret.startsWith(PREFIX)
                ? Base64.getDecoder().decode(secret.substring(PREFIX.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The webhook-signature header's value for one message. */
    public static String signature(String secret, String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyOf(secret), "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }
}
