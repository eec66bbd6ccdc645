import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SlipwayClient, SlipwayError, ifMatch, isTerminal, statusOf, waitForDeployment, watchDeployment, watchEvents } from '../../dist/src/index.js';

const ref = { application: 'shop', environment: 'dev', id: '6f1c2d9e-0000-4000-8000-000000000001' };

function clientAnswering(answer) {
  const requests = [];
  const fetch = async (url, init = {}) => {
    const request = { url: new URL(String(url)), headers: new Headers(init.headers) };
    requests.push(request);
    return answer(request, requests.length);
  };
  return { client: new SlipwayClient({ baseUrl: 'https://slipway.test', token: 'tok', fetch, retry: false }), requests };
}

function eventStream(text) {
  return new Response(new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      // Left open, as the server leaves it: only the terminal event may end the loop.
    },
  }), { headers: { 'Content-Type': 'text/event-stream' } });
}

function sse(id, status) {
  return `id: ${id}\nevent: deployment\ndata: ${JSON.stringify({ id, deploymentId: ref.id, application: 'shop', environment: 'dev', status, createdAt: '2026-12-07T10:00:00Z' })}\n\n`;
}

test('terminal statuses', () => {
  assert.deepEqual(['SUCCEEDED', 'FAILED', 'SUPERSEDED', 'CANCELLED', 'PROGRESSING', 'PENDING', undefined].map(isTerminal),
    [true, true, true, true, false, false, false]);
});

test('waitForDeployment long-polls until the deployment ends', async () => {
  const { client, requests } = clientAnswering((request, n) => Response.json({ id: ref.id, status: n < 2 ? 'PROGRESSING' : 'SUCCEEDED' }));
  const deployment = await waitForDeployment(client, ref, { timeoutMs: 90_000 });
  assert.equal(deployment.status, 'SUCCEEDED');
  assert.equal(requests.length, 2);
  assert.equal(requests[0].url.pathname, `/api/v1/applications/shop/environments/dev/deployments/${ref.id}`);
  assert.equal(requests[0].url.searchParams.get('waitFor'), 'terminal');
  assert.match(requests[0].url.searchParams.get('timeout'), /^(89|90)s$/);
});

test('waitForDeployment gives up at its timeout', async () => {
  const { client } = clientAnswering(() => Response.json({ id: ref.id, status: 'PROGRESSING' }));
  await assert.rejects(waitForDeployment(client, ref, { timeoutMs: 1 }), /still PROGRESSING/);
});

test('watchDeployment yields typed events and ends after the terminal one', async () => {
  const { client, requests } = clientAnswering(() => eventStream(sse(1, 'PENDING') + sse(2, 'APPLYING') + sse(3, 'SUCCEEDED') + sse(4, 'PENDING')));
  const events = [];
  for await (const event of watchDeployment(client, ref, { lastEventId: '0' })) events.push(event);
  assert.deepEqual(events.map((e) => [e.id, e.event, e.data.status]), [['1', 'deployment', 'PENDING'], ['2', 'deployment', 'APPLYING'], ['3', 'deployment', 'SUCCEEDED']]);
  assert.ok(events[0].data.createdAt instanceof Date, 'createdAt is typed as a Date');
  assert.equal(requests[0].url.pathname, `/api/v1/applications/shop/environments/dev/deployments/${ref.id}/events`);
  assert.equal(requests[0].headers.get('Accept'), 'text/event-stream');
  assert.equal(requests[0].headers.get('Last-Event-ID'), '0');
  assert.equal(requests[0].headers.get('Authorization'), 'Bearer tok');
});

test('a dropped stream resumes after the last event received', async () => {
  const { client, requests } = clientAnswering((request, n) => {
    if (n === 1) {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(sse(5, 'APPLYING')));
          setTimeout(() => controller.error(new TypeError('terminated')), 5);
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }
    return eventStream(sse(6, 'SUCCEEDED'));
  });
  const statuses = [];
  for await (const event of watchDeployment(client, ref)) statuses.push(event.data.status);
  assert.deepEqual(statuses, ['APPLYING', 'SUCCEEDED']);
  assert.equal(requests[0].headers.has('Last-Event-ID'), false);
  assert.equal(requests[1].headers.get('Last-Event-ID'), '5');
});

test('watchEvents filters by query and stops when the loop breaks', async () => {
  const { client, requests } = clientAnswering(() => eventStream(sse(1, 'AWAITING_APPROVAL') + sse(2, 'SUCCEEDED')));
  for await (const event of watchEvents(client, { application: 'shop', approvals: true })) {
    assert.equal(event.data.status, 'AWAITING_APPROVAL');
    break;
  }
  assert.equal(requests[0].url.pathname, '/api/v1/events');
  assert.equal(requests[0].url.search, '?application=shop&approvals=true');
});

test('a refused stream throws a SlipwayError with the problem document', async () => {
  const { client } = clientAnswering(() => new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such deployment' }),
    { status: 404, headers: { 'Content-Type': 'application/problem+json' } }));
  await assert.rejects(async () => {
    for await (const event of watchDeployment(client, ref)) void event;
  }, (error) => error instanceof SlipwayError && error.status === 404 && error.problem.detail === 'no such deployment');
});

test('statusOf answers the status of a failed generated call', async () => {
  const { client } = clientAnswering(() => new Response('{"status":412,"title":"Precondition Failed"}', { status: 412, headers: { 'Content-Type': 'application/problem+json' } }));
  assert.equal(await statusOf(client.applications.deleteApplication({ name: 'shop', ifMatch: '"1"' })), 412);
});

test('ifMatch answers the etag, and refuses an object without one', () => {
  assert.equal(ifMatch({ etag: '"3"' }), '"3"');
  assert.throws(() => ifMatch({}), /no etag/);
});
