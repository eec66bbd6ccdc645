// The generated API classes and models (from openapi/slipway.yaml), and the hand-written layer.
export * from '../generated/index.js';
export { SlipwayClient, type SlipwayClientOptions } from './client.js';
export { type TokenSupply, type TokenProvider, type ClientCredentialsOptions, tokenProvider, clientCredentials } from './tokens.js';
export { type Page, allItems, allPages, listAll } from './paging.js';
export { isIdempotentCreate, newIdempotencyKey, idempotencyKeys, retryingFetch, type RetryOptions } from './idempotency.js';
export { ifMatch } from './etags.js';
export { SlipwayError, errorFromResponse, asSlipwayError, statusOf } from './problems.js';
export { type ServerSentEvent, parseEventStream } from './sse.js';
export {
  type DeploymentRef,
  type WaitOptions,
  type TypedDeploymentEvent,
  type WatchOptions,
  type WatchEventsOptions,
  isTerminal,
  waitForDeployment,
  watchDeployment,
  watchEvents,
} from './deployments.js';
