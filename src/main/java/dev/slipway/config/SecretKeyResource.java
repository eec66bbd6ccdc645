package dev.slipway.config;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** REST adapter for the platform's secret keys. */
@Path("/api/v1/secrets:reencrypt")
@Authenticated
@Tag(name = "Configuration")
@Produces(MediaType.APPLICATION_JSON)
public class SecretKeyResource {
    private final SecretKeyService service;

    public SecretKeyResource(SecretKeyService service) {
        this.service = service;
    }

    @POST
    @Operation(operationId = "reencryptSecrets", summary = "Re-encrypt secrets",
            description = "Platform admins: moves every stored secret value to the active key (slipway.secrets.active-key), the "
                    + "last step of a key rotation, and reports how many values each key still protects. Safe to repeat.")
    public Uni<SecretReencryptionView> reencrypt() {
        return service.reencrypt();
    }
}
