/**
 * Where access tokens come from: a fixed token, or a function asked before every request (it may
 * cache, as {@link clientCredentials} does).
 */
export type TokenSupply = string | TokenProvider;

/** Returns a valid access token; called before every request, so it should cache. */
export type TokenProvider = () => string | Promise<string>;

/** Turns either kind of supply into a provider. */
export function tokenProvider(supply: TokenSupply): TokenProvider {
  if (typeof supply === 'string') {
    return () => supply;
  }
  return supply;
}

/** Settings of the OAuth 2.0 client credentials grant (RFC 6749 section 4.4), e.g. for CI jobs. */
export interface ClientCredentialsOptions {
  /** The token endpoint. Give this or `issuer`. */
  tokenUrl?: string;
  /** The OIDC issuer; its discovery document names the token endpoint. Give this or `tokenUrl`. */
  issuer?: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to ask for, if the issuer needs them. */
  scope?: string;
  /** Audience to ask for (Keycloak and others ignore it unless configured). */
  audience?: string;
  /** Fetch a new token this many seconds before the current one expires; default 30. */
  refreshBeforeExpirySeconds?: number;
  /** The fetch to use; default the platform's. */
  fetch?: typeof fetch;
  /** The clock, in epoch milliseconds; for tests. */
  now?: () => number;
}

interface CachedToken {
  value: string;
  /** Epoch milliseconds after which a new token is fetched. */
  refreshAt: number;
}

/**
 * A token provider for the client credentials grant: fetches a token when first asked, keeps it
 * until shortly before it expires, then fetches another. Concurrent callers share one request,
 * so a burst of API calls does not become a burst of token requests.
 */
export function clientCredentials(options: ClientCredentialsOptions): TokenProvider {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? Date.now;
  const skewMs = (options.refreshBeforeExpirySeconds ?? 30) * 1000;
  let cached: CachedToken | undefined;
  let inFlight: Promise<CachedToken> | undefined;
  let tokenUrl: Promise<string> | undefined;

  const endpoint = (): Promise<string> => {
    if (!tokenUrl) {
      tokenUrl = resolveTokenUrl(options, doFetch);
      // A failed discovery is retried on the next call rather than remembered.
      tokenUrl.catch(() => (tokenUrl = undefined));
    }
    return tokenUrl;
  };

  const refresh = async (): Promise<CachedToken> => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    });
    if (options.scope) form.set('scope', options.scope);
    if (options.audience) form.set('audience', options.audience);
    const requestedAt = now();
    const response = await doFetch(await endpoint(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`token request failed: HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
    const body = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new Error('token response has no access_token');
    }
    // Without expires_in the token is used once per minute at most before asking again.
    const lifetimeMs = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 60_000;
    // Measured from the request, not the answer: the issuer's clock started before ours stopped.
    const refreshAt = requestedAt + Math.max(lifetimeMs - skewMs, lifetimeMs / 2);
    return { value: body.access_token, refreshAt };
  };

  return async () => {
    if (cached && now() < cached.refreshAt) {
      return cached.value;
    }
    if (!inFlight) {
      inFlight = refresh().finally(() => (inFlight = undefined));
    }
    cached = await inFlight;
    return cached.value;
  };
}

async function resolveTokenUrl(options: ClientCredentialsOptions, doFetch: typeof fetch): Promise<string> {
  if (options.tokenUrl) {
    return options.tokenUrl;
  }
  if (!options.issuer) {
    throw new Error('clientCredentials needs tokenUrl or issuer');
  }
  const discovery = options.issuer.replace(/\/+$/, '') + '/.well-known/openid-configuration';
  const response = await doFetch(discovery, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`OIDC discovery failed: HTTP ${response.status} from ${discovery}`);
  }
  const document = (await response.json()) as { token_endpoint?: unknown };
  if (typeof document.token_endpoint !== 'string') {
    throw new Error(`OIDC discovery document at ${discovery} names no token_endpoint`);
  }
  return document.token_endpoint;
}
