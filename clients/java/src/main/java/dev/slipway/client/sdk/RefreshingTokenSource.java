package dev.slipway.client.sdk;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Holds tokens and gets new ones shortly before the access token runs out, so a long-running
 * program (a wait for a deployment, a followed log) never sends an expired token.
 */
public final class RefreshingTokenSource implements TokenSource {
    /** Renew this long before expiry: a request must not carry a token that expires on the way. */
    static final long MARGIN_SECONDS = 30;

    private final UnaryOperator<Tokens> renew;
    private final Consumer<Tokens> onRenewed;
    private final Clock clock;
    private Tokens current;

    /**
     * @param initial   tokens to start with, or null to get some at the first request
     * @param renew     new tokens, given the current ones (null before the first)
     * @param onRenewed sees each new set of tokens (to keep them in a cache)
     */
    public RefreshingTokenSource(Tokens initial, UnaryOperator<Tokens> renew, Consumer<Tokens> onRenewed, Clock clock) {
        this.current = initial;
        this.renew = renew;
        this.onRenewed = onRenewed;
        this.clock = clock;
    }

    /** OIDC client credentials: fetches a token from the provider, and a new one before each expiry. */
    public static RefreshingTokenSource clientCredentials(OidcProvider provider, String clientId, String clientSecret, String scope) {
        return new RefreshingTokenSource(null, ignored -> provider.clientCredentials(clientId, clientSecret, scope), t -> {
        }, Clock.systemUTC());
    }

    /**
     * Tokens a person obtained (for example by a device login), renewed with the refresh token;
     * {@code onRenewed} sees each new set, to keep it in a cache.
     */
    public static RefreshingTokenSource refreshing(OidcProvider provider, String clientId, Tokens tokens, Consumer<Tokens> onRenewed) {
        return new RefreshingTokenSource(tokens, current -> {
            String refresh = current == null ? null : current.refreshToken();
            if (refresh == null) {
                throw new TokenException("the session has expired and has no refresh token: log in again");
            }
            Tokens renewed = provider.refresh(clientId, refresh);
            // Some providers do not rotate refresh tokens: keep the one we have.
            return renewed.refreshToken() == null ? new Tokens(renewed.accessToken(), refresh, renewed.expiresAt()) : renewed;
        }, onRenewed, Clock.systemUTC());
    }

    @Override
    public synchronized String accessToken() {
        if (current == null || current.expiresWithin(clock.instant(), MARGIN_SECONDS)) {
            current = renew.apply(current);
            onRenewed.accept(current);
        }
        return current.accessToken();
    }

    /** The tokens in use now (after any renewal). */
    public synchronized Tokens current() {
        return current;
    }
}
