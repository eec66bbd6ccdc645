import {
  AccessApi,
  ApplicationsApi,
  ClustersApi,
  Configuration,
  ConfigurationApi,
  DeploymentsApi,
  EnvironmentTypesApi,
  EnvironmentsApi,
  FreezesApi,
  InfrastructureApi,
  OperationsApi,
  type Middleware,
} from '../generated/index.js';
import { idempotencyKeys, retryingFetch, type RetryOptions } from './idempotency.js';
import { type TokenProvider, type TokenSupply, tokenProvider } from './tokens.js';

/** How to reach Slipway. */
export interface SlipwayClientOptions {
  /** The server's base URL, e.g. https://slipway.example.com (no trailing /api/v1). */
  baseUrl: string;
  /** A bearer token, or a provider such as {@link clientCredentials}. */
  token: TokenSupply;
  /** The fetch to use; default the platform's. */
  fetch?: typeof fetch;
  /** Retries of transient failures for repeatable requests; `false` turns them off. */
  retry?: RetryOptions | false;
  /** Extra middleware for the generated calls (logging, tracing headers). */
  middleware?: Middleware[];
}

/**
 * The generated API classes, configured once: the base URL, the token on every request, an
 * Idempotency-Key on every create and retries of transient failures where they are safe.
 *
 * ```ts
 * const slipway = new SlipwayClient({ baseUrl: 'https://slipway.example.com', token: process.env.SLIPWAY_TOKEN! });
 * const app = await slipway.applications.getApplication({ name: 'checkout' });
 * ```
 */
export class SlipwayClient {
  readonly baseUrl: string;
  /** Answers the token for the next request; also used by the event streams. */
  readonly token: TokenProvider;
  /** The fetch every generated call goes through (with retries when enabled). */
  readonly fetch: typeof fetch;
  /** The fetch without retries, for the event streams (which resume by event id instead). */
  readonly streamFetch: typeof fetch;
  readonly configuration: Configuration;

  readonly access: AccessApi;
  readonly applications: ApplicationsApi;
  readonly clusters: ClustersApi;
  readonly config: ConfigurationApi;
  readonly deployments: DeploymentsApi;
  readonly environmentTypes: EnvironmentTypesApi;
  readonly environments: EnvironmentsApi;
  readonly freezes: FreezesApi;
  readonly infrastructure: InfrastructureApi;
  readonly operations: OperationsApi;

  constructor(options: SlipwayClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = tokenProvider(options.token);
    // Bound late so that a fetch patched after construction (tests, polyfills) is used.
    const platformFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.streamFetch = platformFetch;
    this.fetch = options.retry === false ? platformFetch : retryingFetch(platformFetch, options.retry);
    this.configuration = new Configuration({
      basePath: this.baseUrl,
      accessToken: () => this.token(),
      fetchApi: this.fetch,
      middleware: [idempotencyKeys(), ...(options.middleware ?? [])],
    });
    this.access = new AccessApi(this.configuration);
    this.applications = new ApplicationsApi(this.configuration);
    this.clusters = new ClustersApi(this.configuration);
    this.config = new ConfigurationApi(this.configuration);
    this.deployments = new DeploymentsApi(this.configuration);
    this.environmentTypes = new EnvironmentTypesApi(this.configuration);
    this.environments = new EnvironmentsApi(this.configuration);
    this.freezes = new FreezesApi(this.configuration);
    this.infrastructure = new InfrastructureApi(this.configuration);
    this.operations = new OperationsApi(this.configuration);
  }
}
