package dev.slipway.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Dev mode only: the local OIDC provider listens on a random port, so its token endpoint is
 * written to .slipway/oidc-token-endpoint and logged, for the README's curl commands.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevTokenHint {
    private static final Logger LOG = Logger.getLogger(DevTokenHint.class);

    void announce(@Observes StartupEvent startup, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String issuer) {
        String tokenEndpoint = issuer.replaceAll("/+$", "") + "/token";
        try {
            Path file = Path.of(".slipway", "oidc-token-endpoint");
            Files.createDirectories(file.getParent());
            Files.writeString(file, tokenEndpoint + "\n");
        } catch (IOException e) {
            LOG.debug("could not write .slipway/oidc-token-endpoint", e);
        }
        LOG.infof("Local OIDC provider: get a token with curl -d 'grant_type=password&username=alice&password=alice"
                + "&client_id=quarkus-app&client_secret=secret' %s (users alice: admin, bob: member of group 'user')", tokenEndpoint);
    }
}
