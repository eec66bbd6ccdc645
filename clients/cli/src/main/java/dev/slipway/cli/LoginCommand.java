package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.client.sdk.OidcProvider;
import dev.slipway.client.sdk.Tokens;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Logs a person in with the OAuth device authorization grant: prints where to go and which code
 * to enter, waits for the approval in any browser (on any machine), and caches the tokens of the
 * context so later commands refresh them on their own.
 */
@Command(name = "login", description = "Log in with your identity provider (device authorization grant); tokens are kept in the context.")
class LoginCommand extends BaseCommand {

    @Option(names = "--client-id", paramLabel = "ID", description = "OIDC client to log in with (default: the context's, else slipway-cli).")
    String clientId;

    @Option(names = "--scope", paramLabel = "SCOPES", defaultValue = "openid", description = "Scopes to ask for (default ${DEFAULT-VALUE}).")
    String scope;

    @Override
    int run() {
        SlipwayCli root = root();
        String issuer = root.issuerUrlOrNull();
        if (issuer == null) {
            throw new CliFailure(ExitCodes.USAGE, "no issuer: pass --issuer, set SLIPWAY_ISSUER, or add a context with one");
        }
        String name = root.contextName();
        CliSettings.Context previous = root.currentContext();
        String client = clientId != null ? clientId
                : previous != null && previous.issuer() != null && previous.issuer().equals(issuer) ? previous.clientIdOrDefault()
                : CliSettings.DEFAULT_CLIENT_ID;

        OidcProvider provider = OidcProvider.discover(issuer);
        OidcProvider.DeviceAuthorization device = provider.startDeviceAuthorization(client, scope);
        // On stderr: stdout stays clean for scripts, and a person reads both.
        PrintWriter err = spec.commandLine().getErr();
        err.println("To log in, open " + device.verificationUri() + " and enter the code " + device.userCode());
        if (device.verificationUriComplete() != null) {
            err.println("(or open " + device.verificationUriComplete() + ")");
        }
        err.println("Waiting for the approval...");
        err.flush();
        Tokens tokens = provider.awaitDeviceApproval(client, device);

        root.settings.saveTokens(name, new CliSettings.CachedTokens(tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(),
                issuer, client));
        CliSettings.Contexts contexts = root.settings.contexts();
        String server = root.serverUrlOrNull();
        contexts.contexts.put(name, new CliSettings.Context(server, issuer, client));
        if (contexts.current == null) {
            contexts.current = name;
        }
        root.settings.save(contexts);
        output().message("Logged in as " + who(tokens.accessToken()) + " (context " + name + ")");
        return ExitCodes.OK;
    }

    /** The person's name from the access token's claims, for the confirmation only (the token is not verified here). */
    static String who(String accessToken) {
        try {
            String[] parts = accessToken.split("\\.");
            JsonNode claims = new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.path("preferred_username").asText(claims.path("sub").asText("unknown"));
        } catch (Exception notAJwt) {
            return "unknown (opaque token)";
        }
    }
}
