package dev.slipway.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.client.sdk.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the CLI keeps in the user's slipway folder: named contexts (config.json: server, issuer,
 * client id; which one is current) and the tokens of each context's login (credentials.json).
 */
final class CliSettings {
    static final String CONFIG = "config.json";
    static final String CREDENTIALS = "credentials.json";
    static final String DEFAULT_CONTEXT = "default";
    static final String DEFAULT_CLIENT_ID = "slipway-cli";

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** A named server: where it is, and where its users log in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Context(String server, String issuer, String clientId) {
        String clientIdOrDefault() {
            return clientId == null ? DEFAULT_CLIENT_ID : clientId;
        }
    }

    /** config.json. */
    static final class Contexts {
        public String current;
        public Map<String, Context> contexts = new TreeMap<>();
    }

    /** One login's tokens as cached. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CachedTokens(String accessToken, String refreshToken, Instant expiresAt, String issuer, String clientId) {
        Tokens tokens() {
            return new Tokens(accessToken, refreshToken, expiresAt);
        }
    }

    private final ConfigDir dir;

    CliSettings(ConfigDir dir) {
        this.dir = dir;
    }

    ConfigDir dir() {
        return dir;
    }

    Contexts contexts() {
        try {
            String text = dir.read(CONFIG);
            Contexts contexts = text == null ? new Contexts() : JSON.readValue(text, Contexts.class);
            if (contexts.contexts == null) {
                contexts.contexts = new TreeMap<>();
            }
            return contexts;
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.ERROR, "cannot read " + dir.path(CONFIG) + ": " + e.getMessage());
        }
    }

    void save(Contexts contexts) {
        write(CONFIG, contexts);
    }

    CachedTokens tokens(String context) {
        return credentials().get(context);
    }

    void saveTokens(String context, CachedTokens tokens) {
        Map<String, CachedTokens> all = credentials();
        if (tokens == null) {
            all.remove(context);
        } else {
            all.put(context, tokens);
        }
        write(CREDENTIALS, all);
    }

    private Map<String, CachedTokens> credentials() {
        try {
            String text = dir.read(CREDENTIALS);
            return text == null ? new TreeMap<>()
                    : JSON.readValue(text, JSON.getTypeFactory().constructMapType(TreeMap.class, String.class,
                            CachedTokens.class));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.ERROR, "cannot read " + dir.path(CREDENTIALS) + ": " + e.getMessage());
        }
    }

    private void write(String name, Object value) {
        try {
            dir.writePrivate(name, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.path(name), e);
        }
    }
}
