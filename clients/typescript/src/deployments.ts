import { GetDeploymentWaitForEnum } from '../generated/apis/DeploymentsApi.js';
import { type Deployment, DeploymentStatus } from '../generated/models/index.js';
import { type DeploymentEvent, DeploymentEventFromJSON } from '../generated/models/DeploymentEvent.js';
import type { SlipwayClient } from './client.js';
import { errorFromResponse } from './problems.js';
import { parseEventStream } from './sse.js';

const TERMINAL: ReadonlySet<string> = new Set([
  DeploymentStatus.Succeeded,
  DeploymentStatus.Failed,
  DeploymentStatus.Superseded,
  DeploymentStatus.Cancelled,
]);

/** Whether a deployment status is final: SUCCEEDED, FAILED, SUPERSEDED or CANCELLED. */
export function isTerminal(status: DeploymentStatus | string | undefined): boolean {
  return status !== undefined && TERMINAL.has(status);
}

/** Names a deployment. */
export interface DeploymentRef {
  application: string;
  environment: string;
  id: string;
}

/** How long {@link waitForDeployment} waits. */
export interface WaitOptions {
  /** Give up after this long, in milliseconds; default 10 minutes. */
  timeoutMs?: number;
  /** Stop waiting when this signal aborts. */
  signal?: AbortSignal;
}

/**
 * Waits until a deployment ends (SUCCEEDED, FAILED, SUPERSEDED or CANCELLED) and answers it as it
 * ended. Uses the server's long-poll (GET ...?waitFor=terminal), so it holds one request open at a
 * time instead of polling; it does not throw for a failed deployment, so check its status.
 * Throws when the timeout passes first.
 */
export async function waitForDeployment(client: SlipwayClient, ref: DeploymentRef, options: WaitOptions = {}): Promise<Deployment> {
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  for (;;) {
    options.signal?.throwIfAborted();
    const remainingSeconds = Math.ceil((deadline - Date.now()) / 1000);
    // The server waits 5 minutes at most per request; ask for less near the deadline.
    const waitSeconds = Math.max(1, Math.min(remainingSeconds, 300));
    const deployment = await client.deployments.getDeployment(
      { ...ref, waitFor: GetDeploymentWaitForEnum.Terminal, timeout: `${waitSeconds}s` },
      { signal: options.signal },
    );
    if (isTerminal(deployment.status)) {
      return deployment;
    }
    if (Date.now() >= deadline) {
      throw new Error(`deployment ${ref.id} still ${deployment.status} after ${options.timeoutMs ?? 600_000} ms`);
    }
  }
}

/** A deployment event as the stream delivers it. */
export interface TypedDeploymentEvent {
  /** The SSE event id: send it as lastEventId to resume after this event. */
  id?: string;
  /** The SSE event name ("deployment"). */
  event: string;
  data: DeploymentEvent;
}

/** Options of the event streams. */
export interface WatchOptions {
  /** Resume after this event id; "0" replays the retained history from the start. */
  lastEventId?: string;
  /** Closes the stream when aborted (the loop then ends with the abort error). */
  signal?: AbortSignal;
  /** Reconnections (with Last-Event-ID) after the connection drops; default 3. */
  reconnects?: number;
}

/** Options of {@link watchEvents}. */
export interface WatchEventsOptions extends WatchOptions {
  /** Only this application's events. */
  application?: string;
  /** Only this environment's events (needs application). */
  environment?: string;
  /** Only events about approvals. */
  approvals?: boolean;
}

/**
 * The events of one deployment, from GET .../deployments/{id}/events (Server-Sent Events). With
 * `untilTerminal` (the default) the loop ends after the event that ends the deployment;
 * otherwise it runs until the server closes the stream, the signal aborts or the loop breaks.
 */
export function watchDeployment(
  client: SlipwayClient,
  ref: DeploymentRef,
  options: WatchOptions & { untilTerminal?: boolean } = {},
): AsyncGenerator<TypedDeploymentEvent, void, undefined> {
  const path =
    `/api/v1/applications/${encodeURIComponent(ref.application)}/environments/${encodeURIComponent(ref.environment)}` +
    `/deployments/${encodeURIComponent(ref.id)}/events`;
  const untilTerminal = options.untilTerminal ?? true;
  return streamEvents(client, path, options, (event) => untilTerminal && isTerminal(event.data.status));
}

/** Deployment events across the applications the caller may read, from GET /api/v1/events. */
export function watchEvents(client: SlipwayClient, options: WatchEventsOptions = {}): AsyncGenerator<TypedDeploymentEvent, void, undefined> {
  const query = new URLSearchParams();
  if (options.application) query.set('application', options.application);
  if (options.environment) query.set('environment', options.environment);
  if (options.approvals) query.set('approvals', 'true');
  const search = query.toString();
  const path = '/api/v1/events' + (search ? `?${search}` : '');
  return streamEvents(client, path, options, () => false);
}

/**
 * Reads a deployment event stream with a plain fetch (the generated call would wait for the whole
 * body as JSON). The event ids are remembered so that a dropped connection resumes where it broke.
 */
async function* streamEvents(
  client: SlipwayClient,
  path: string,
  options: WatchOptions,
  isLast: (event: TypedDeploymentEvent) => boolean,
): AsyncGenerator<TypedDeploymentEvent, void, undefined> {
  let lastEventId = options.lastEventId;
  let reconnectsLeft = options.reconnects ?? 3;
  for (;;) {
    const headers: Record<string, string> = {
      Accept: 'text/event-stream',
      Authorization: `Bearer ${await client.token()}`,
    };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    // Not client.fetch: its retries are for whole responses, the stream resumes by event id.
    const response = await client.streamFetch(client.baseUrl + path, { headers, signal: options.signal });
    if (!response.ok) {
      throw await errorFromResponse(response);
    }
    if (!response.body) {
      throw new Error('the event stream has no body');
    }
    try {
      for await (const sse of parseEventStream(response.body)) {
        if (sse.id !== undefined) lastEventId = sse.id;
        const event: TypedDeploymentEvent = { id: sse.id, event: sse.event, data: DeploymentEventFromJSON(JSON.parse(sse.data)) };
        yield event;
        if (isLast(event)) {
          return;
        }
      }
      // The server ended the stream (e.g. on shutdown): resume like a dropped connection.
    } catch (error) {
      if (options.signal?.aborted || reconnectsLeft <= 0 || !(error instanceof TypeError)) {
        throw error;
      }
    }
    if (reconnectsLeft-- <= 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
