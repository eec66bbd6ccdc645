package dev.slipway.testing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Starts the in-process OIDC provider once for the whole test run (the annotation is global),
 * so every @QuarkusTest shares one application instance.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class OidcProvider {
    private OidcProvider() {
    }
}
