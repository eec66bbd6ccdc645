package dev.slipway.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;

import dev.slipway.testing.Api;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Each kind of forged or unusable token is refused with 401 and leaves an audit record, without
 * the token's content in it.
 */
@QuarkusTest
class BadTokenTest {

    private static JwtClaimsBuilder claims() {
        return Jwt.preferredUserName("mallory").subject("sub-mallory").groups(java.util.Set.of("slipway-admins"))
                .issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).expiresIn(600);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String algNone() {
        long now = System.currentTimeMillis() / 1000;
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode("{\"iss\":\"" + TestTokens.ISSUER + "\",\"aud\":\""
                + TestTokens.AUDIENCE + "\",\"sub\":\"sub-mallory\",\"preferred_username\":\"mallory\",\"groups\":[\"slipway-admins\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 600) + "}") + ".";
    }

    /** The classic key-confusion forgery: HMAC keyed with the provider's public key. */
    private static String hs256WithThePublicKey() {
        try (InputStream jwk = BadTokenTest.class.getClassLoader().getResourceAsStream("publicKey.jwk")) {
            byte[] publicKey = jwk.readAllBytes();
            return claims().jws().keyId("1").algorithm(SignatureAlgorithm.HS256).sign(new SecretKeySpec(publicKey, "HmacSHA256"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered() {
        String[] parts = TestTokens.user("mallory").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"mallory\"", "\"platform-admin\"");
        return parts[0] + "." + encode(payload) + "." + parts[2];
    }

    private static String unknownKid() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims().jws().keyId("rotated-away").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyBadTokenIsRefusedAndAudited() {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Supplier<String>> tokens = new java.util.LinkedHashMap<>();
        tokens.put("alg none", BadTokenTest::algNone);
        tokens.put("HS256 keyed with the public key", BadTokenTest::hs256WithThePublicKey);
        tokens.put("wrong issuer", () -> claims().issuer("https://evil.example.com").sign());
        tokens.put("another client's audience", () -> claims().audience("https://other-client.example.com").sign());
        tokens.put("expired", () -> claims().issuedAt(now - 3600).expiresAt(now - 1800).sign());
        tokens.put("not yet valid", () -> claims().claim("nbf", now + 1800).sign());
        tokens.put("tampered payload", BadTokenTest::tampered);
        tokens.put("unknown kid", BadTokenTest::unknownKid);

        for (Map.Entry<String, Supplier<String>> token : tokens.entrySet()) {
            String requestId = "bad-token-" + UUID.randomUUID();
            given().header("Authorization", "Bearer " + token.getValue().get()).header("X-Request-Id", requestId)
                    .get("/api/v1/applications")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("status", equalTo(401));

            Map<String, Object> event = Api.awaitAuthenticationAudit(requestId);
            assertEquals("DENIED", event.get("outcome"), token.getKey());
            assertEquals("ANONYMOUS", event.get("subjectType"), token.getKey());
            String reason = (String) event.get("reason");
            assertFalse(reason.contains("eyJ"), token.getKey() + ": the reason quotes the token: " + reason);
        }
    }

    @Test
    void aMissingTokenIs401() {
        given().get("/api/v1/applications").then().statusCode(401).contentType("application/problem+json");
    }
}
