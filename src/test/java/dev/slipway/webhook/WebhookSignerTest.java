package dev.slipway.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signatures and URL rules, pure. */
class WebhookSignerTest {

    @Test
    void signsAsTheStandardWebhooksExampleDoes() {
        // The example of the Standard Webhooks specification's reference libraries.
        String signature = WebhookSigner.signature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    @Test
    void generatedSecretsAreWhsecWith32Bytes() {
        String secret = WebhookSigner.newSecret();
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(32, WebhookSigner.keyOf(secret).length);
        assertNull(WebhookSigner.check(secret));
        assertNotNull(WebhookSigner.check("whsec_c2hvcnQ="));
    }

    @Test
    void httpsIsRequiredUnlessAllowedAndInternalRangesNeedAnAllowance() {
        WebhookUrlGuard strict = new WebhookUrlGuard(List.of(), false);
        assertNotNull(strict.checkSyntax("http://hooks.example.com/x"));
        assertNull(strict.checkSyntax("https://hooks.example.com/x"));
        assertNotNull(strict.check("https://127.0.0.1/x"));
        assertNotNull(strict.check("https://[::ffff:127.0.0.1]/x"));
        assertNotNull(strict.check("https://10.0.0.8/x"));
        assertNull(strict.check("https://93.184.215.14/x"));
        WebhookUrlGuard allowing = new WebhookUrlGuard(List.of("10.20.0.0/16", "fd00:1::/32"), false);
        assertNull(allowing.check("https://10.20.3.4/x"));
        assertNotNull(allowing.check("https://10.21.3.4/x"));
        assertNull(allowing.check("https://[fd00:1::5]/x"));
        assertNotNull(allowing.check("https://metadata.google.internal/x"));
    }
}
