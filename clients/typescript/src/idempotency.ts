import type { Middleware, RequestContext, FetchParams } from '../generated/runtime.js';

/**
 * The POST operations that take an Idempotency-Key: creates, and a rollback (which creates a
 * deployment). Matched on the end of the URL's path so that a base URL with a path prefix works.
 * test/unit/idempotency.test.mjs checks this list against the generated operations, so a new
 * create in the contract fails the build until it is added here.
 */
const IDEMPOTENT_CREATES: readonly RegExp[] = [
  /\/api\/v1\/(applications|clusters|environment-types|freezes|resource-definitions|resource-types|role-bindings|webhooks)$/,
  /\/api\/v1\/applications\/[^/]+\/environments$/,
  /\/api\/v1\/applications\/[^/]+\/environments\/[^/]+\/deployments$/,
  /\/api\/v1\/applications\/[^/]+\/environments\/[^/]+\/deployments\/[^/]+:rollback$/,
];

/** Whether a request is a create that the server deduplicates by Idempotency-Key. */
export function isIdempotentCreate(method: string | undefined, url: string): boolean {
  if ((method ?? 'GET').toUpperCase() !== 'POST') {
    return false;
  }
  const path = new URL(url, 'http://base.invalid').pathname;
  return IDEMPOTENT_CREATES.some((pattern) => pattern.test(path));
}

/** A fresh key: a random UUID from Web Crypto (Node 20+, browsers in secure contexts). */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Middleware giving every create an Idempotency-Key unless the caller passed one, so that a
 * retry of the same request (see {@link retryingFetch}) cannot create the object twice. Pass your
 * own key (e.g. the CI run id) to make retries across processes safe too.
 */
export function idempotencyKeys(newKey: () => string = newIdempotencyKey): Middleware {
  return {
    pre: async (context: RequestContext): Promise<FetchParams | void> => {
      if (!isIdempotentCreate(context.init.method, context.url)) {
        return;
      }
      const headers = new Headers(context.init.headers);
      if (headers.has('Idempotency-Key')) {
        return;
      }
      headers.set('Idempotency-Key', newKey());
      return { url: context.url, init: { ...context.init, headers } };
    },
  };
}

/** Retry settings for {@link retryingFetch}. */
export interface RetryOptions {
  /** Attempts after the first; default 2. */
  retries?: number;
  /** Delay before the first retry, doubled for each further one; default 200 ms. */
  initialDelayMs?: number;
}

const TRANSIENT_STATUSES = new Set([502, 503, 504]);

/**
 * A fetch that tries again after a network error or a 502/503/504, but only for requests that are
 * safe to repeat: reads (GET, HEAD) and requests carrying an Idempotency-Key. A request body that
 * is a stream cannot be sent twice, so such requests are never retried.
 */
export function retryingFetch(inner: typeof fetch, options: RetryOptions = {}): typeof fetch {
  const retries = options.retries ?? 2;
  const initialDelayMs = options.initialDelayMs ?? 200;
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const repeatable =
      (method === 'GET' || method === 'HEAD' || new Headers(init?.headers).has('Idempotency-Key')) &&
      !(typeof ReadableStream !== 'undefined' && init?.body instanceof ReadableStream);
    for (let attempt = 0; ; attempt++) {
      const last = !repeatable || attempt >= retries;
      try {
        const response = await inner(input, init);
        if (last || !TRANSIENT_STATUSES.has(response.status)) {
          return response;
        }
        await response.body?.cancel();
      } catch (error) {
        // An abort is the caller's decision, never a reason to try again.
        if (last || (error instanceof Error && error.name === 'AbortError')) {
          throw error;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, initialDelayMs * 2 ** attempt));
    }
  };
}
