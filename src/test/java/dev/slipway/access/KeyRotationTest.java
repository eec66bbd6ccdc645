package dev.slipway.access;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The provider rotates its signing key: a token signed with a key the JWKS did not have when
 * Slipway last read it is accepted once the provider publishes the key, without a restart.
 */
@QuarkusTest
class KeyRotationTest {
    private static final String JWKS = "/auth/realms/quarkus/protocol/openid-connect/certs";

    @OidcWireMock
    WireMockServer provider;

    @Test
    void aTokenSignedWithANewlyPublishedKeyIsAccepted() throws Exception {
        KeyPair rotated = newKey();
        String token = Jwt.preferredUserName("rotation").subject("sub-rotation").issuer(TestTokens.ISSUER)
                .audience(TestTokens.AUDIENCE).expiresIn(600).jws().keyId("rotated-2").sign(rotated.getPrivate());

        // Before the provider publishes the key, the token is refused.
        given().header("Authorization", "Bearer " + token).get("/api/v1/applications").then().statusCode(401);

        StubMapping published = provider.stubFor(WireMock.get(JWKS).willReturn(WireMock.aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"keys\": [" + originalKey() + ", " + jwk("rotated-2", (RSAPublicKey) rotated.getPublic()) + "]}")));
        try {
            int status = 0;
            long deadline = System.currentTimeMillis() + 15_000;
            while (status != 200 && System.currentTimeMillis() < deadline) {
                // Slipway re-reads the JWKS for an unknown key id at most once per refresh interval.
                Thread.sleep(500);
                status = given().header("Authorization", "Bearer " + token).get("/api/v1/applications").then().extract().statusCode();
            }
            assertEquals(200, status, "the token signed with the newly published key is accepted");
            // Tokens signed with the old key keep working through the rotation.
            given().header("Authorization", "Bearer " + TestTokens.user("old-key")).get("/api/v1/applications").then().statusCode(200);
        } finally {
            provider.removeStubMapping(published);
        }
    }

    private static KeyPair newKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String originalKey() throws IOException {
        try (InputStream jwk = KeyRotationTest.class.getClassLoader().getResourceAsStream("publicKey.jwk")) {
            return new String(jwk.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String jwk(String kid, RSAPublicKey key) {
        return "{\"kty\": \"RSA\", \"kid\": \"" + kid + "\", \"alg\": \"RS256\", \"use\": \"sig\", \"n\": \"" + base64(key.getModulus())
                + "\", \"e\": \"" + base64(key.getPublicExponent()) + "\"}";
    }

    private static String base64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
