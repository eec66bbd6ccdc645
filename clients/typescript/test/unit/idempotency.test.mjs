import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SlipwayClient, isIdempotentCreate, retryingFetch } from '../../dist/src/index.js';

const apis = fileURLToPath(new URL('../../generated/apis/', import.meta.url));

/** Every operation of the generated client: its method, path template and whether it takes an Idempotency-Key. */
function generatedOperations() {
  const operations = [];
  for (const file of readdirSync(apis).filter((name) => name.endsWith('Api.ts'))) {
    const source = readFileSync(apis + file, 'utf8');
    for (const block of source.split(/async \w+RequestOpts\(/).slice(1)) {
      const path = /let urlPath = `([^`]+)`/.exec(block)?.[1];
      const method = /method: '(\w+)'/.exec(block)?.[1];
      if (!path || !method) continue;
      operations.push({ method, path: path.replace(/\$\{[^}]+\}/g, 'x'), takesKey: block.includes("'Idempotency-Key'") });
    }
  }
  return operations;
}

test('exactly the operations whose contract takes an Idempotency-Key get one by default', () => {
  const operations = generatedOperations();
  assert.ok(operations.length >= 60, `found only ${operations.length} operations in ${apis}`);
  assert.ok(operations.filter((op) => op.takesKey).length >= 10);
  for (const op of operations) {
    assert.equal(isIdempotentCreate(op.method, 'https://slipway.test' + op.path), op.takesKey, `${op.method} ${op.path}`);
  }
});

/** A fake server: records requests, answers with the given function. */
function fakeFetch(answer) {
  const requests = [];
  const fetch = async (url, init = {}) => {
    const request = { url: String(url), method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body };
    requests.push(request);
    return answer(request, requests.length);
  };
  return { fetch, requests };
}

const created = () => Response.json({ name: 'shop', etag: '"1"' }, { status: 201 });

test('creates carry a fresh Idempotency-Key and the bearer token; a key the caller passes is kept', async () => {
  const server = fakeFetch(created);
  const client = new SlipwayClient({ baseUrl: 'https://slipway.test/', token: async () => 'tok', fetch: server.fetch });
  await client.applications.createApplication({ createApplicationRequest: { name: 'shop', ownerGroup: 'team' } });
  await client.applications.createApplication({ createApplicationRequest: { name: 'shop', ownerGroup: 'team' } });
  await client.applications.createApplication({ createApplicationRequest: { name: 'shop', ownerGroup: 'team' }, idempotencyKey: 'ci-run-7' });
  const [first, second, third] = server.requests;
  assert.equal(first.url, 'https://slipway.test/api/v1/applications');
  assert.equal(first.headers.get('Authorization'), 'Bearer tok');
  assert.match(first.headers.get('Idempotency-Key'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(first.headers.get('Idempotency-Key'), second.headers.get('Idempotency-Key'));
  assert.equal(third.headers.get('Idempotency-Key'), 'ci-run-7');
});

test('reads and non-create POSTs carry no Idempotency-Key', async () => {
  const server = fakeFetch(() => Response.json({ allowed: true }));
  const client = new SlipwayClient({ baseUrl: 'https://slipway.test', token: 'tok', fetch: server.fetch });
  await client.access.checkAccess({ accessCheckRequest: { action: 'deployment.create' } });
  await client.applications.getApplication({ name: 'shop' });
  assert.deepEqual(server.requests.map((r) => r.headers.has('Idempotency-Key')), [false, false]);
});

test('a create failing with 503 is sent again with the same key; the problem is readable from the error', async () => {
  const server = fakeFetch((request, n) => (n < 3 ? new Response('busy', { status: 503 }) : created()));
  const client = new SlipwayClient({ baseUrl: 'https://slipway.test', token: 'tok', fetch: server.fetch, retry: { initialDelayMs: 1 } });
  await client.applications.createApplication({ createApplicationRequest: { name: 'shop', ownerGroup: 'team' } });
  assert.equal(server.requests.length, 3);
  assert.equal(new Set(server.requests.map((r) => r.headers.get('Idempotency-Key'))).size, 1);
});

test('requests that are not safe to repeat are not retried, nor answers other than 502-504', async () => {
  const server = fakeFetch(() => new Response('busy', { status: 503 }));
  const retrying = retryingFetch(server.fetch, { initialDelayMs: 1 });
  assert.equal((await retrying('https://slipway.test/api/v1/access/check', { method: 'POST' })).status, 503);
  assert.equal(server.requests.length, 1);
  const notFound = fakeFetch(() => new Response('', { status: 404 }));
  assert.equal((await retryingFetch(notFound.fetch, { initialDelayMs: 1 })('https://slipway.test/x')).status, 404);
  assert.equal(notFound.requests.length, 1);
});

test('network errors on reads are retried up to the limit, then thrown', async () => {
  let calls = 0;
  const failing = async () => {
    calls++;
    throw new TypeError('fetch failed');
  };
  await assert.rejects(retryingFetch(failing, { retries: 2, initialDelayMs: 1 })('https://slipway.test/x'), /fetch failed/);
  assert.equal(calls, 3);
});
