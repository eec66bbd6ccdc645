package dev.slipway.config;

import dev.slipway.api.SlipwayException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** REST adapter for the platform's secret keys. */
@Path("/api/v1")
@Authenticated
@Tag(name = "Configuration")
@Produces(MediaType.APPLICATION_JSON)
public class SecretKeyResource {
    private final SecretKeys service;

    public SecretKeyResource(SecretKeys service) {
        this.service = service;
    }

    @POST
    @Path("secrets:reencrypt")
    @Operation(operationId = "reencryptSecrets", summary = "Re-encrypt secrets", description = "Platform admins: moves every stored secret value to the active key (slipway.secrets.active-key), the "
            + "last step of a key rotation, and reports how many values each key still protects. Safe to repeat.")
    public Uni<SecretReencryptionView> reencrypt() {
        return service.reencrypt();
    }

    /**
     * Clients that percent-encode the ':' of a custom method (secrets%3Areencrypt) miss the route
     * above, which matches the raw path; this catches them and dispatches the same way.
     */
    @POST
    @Path("secrets{method}")
    @Operation(hidden = true)
    public Uni<SecretReencryptionView> encoded(@PathParam("method") String method) {
        if (!method.equals(":reencrypt")) {
            throw new SlipwayException.NotFound("no resource at /api/v1/secrets" + method);
        }
        return reencrypt();
    }
}
