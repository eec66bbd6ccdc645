// A scripted end-to-end flow that calls every operation of openapi/slipway.yaml, in success and
// error cases, through Stoplight Prism's validating proxy (src/test/e2e/prism.sh starts both).
// Fails (exit 1) when Prism reports a request or response violation, when a status is not the
// expected one, or when an operation of the contract was never called: a new operation without
// flow coverage fails CI. Node 20, no dependencies (built-in fetch).
//
// Environment: SLIPWAY_PROXY (Prism), SLIPWAY_DIRECT (the jar itself: event streams, a call without
// a token, and calls Prism refuses that the server accepts),
// CONTRACT_JSON (the contract as JSON), TOKEN_ADMIN, TOKEN_OWNER (group team-prism), TOKEN_DEPLOYER,
// TOKEN_VIEWER (both given their roles by this flow), TOKEN_STRANGER (no access to the application).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const env = process.env;
const PROXY = env.SLIPWAY_PROXY;
const DIRECT = env.SLIPWAY_DIRECT;
const ADMIN = env.TOKEN_ADMIN;
const OWNER = env.TOKEN_OWNER;
const DEPLOYER = env.TOKEN_DEPLOYER;
const VIEWER = env.TOKEN_VIEWER;
const STRANGER = env.TOKEN_STRANGER;
const PRISM_ERROR = 'https://stoplight.io/prism/errors#';

const contract = JSON.parse(readFileSync(env.CONTRACT_JSON, 'utf8'));
const operations = new Map();
for (const [path, item] of Object.entries(contract.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (operation && operation.operationId) operations.set(operation.operationId, { method: method.toUpperCase(), path });
  }
}

const statusesSeen = new Map(); // operationId -> Set of statuses received
const defaultOnly = new Map(); // status -> operationIds that answered it while only their default response covers it
const undeclaredHeaders = new Map(); // header -> Set of "operationId status" that sent it undeclared
const notedOperations = new Set();
const violations = [];
const failures = [];
let checks = 0;

/**
 * Calls an operation by its operationId through the proxy and checks the answer.
 * options: params (path), query, body (object: JSON; string: sent as is), contentType, token,
 * headers, expect (status or statuses), what (a short description).
 */
async function call(operationId, options = {}) {
  const { params = {}, query, body, contentType, token, headers = {}, what = '', direct = false } = options;
  const expected = [].concat(options.expect ?? 200);
  const operation = operations.get(operationId);
  if (!operation) throw new Error(`the flow calls ${operationId}, which is not in the contract`);
  const url = new URL((direct ? DIRECT : PROXY) + operation.path.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined) throw new Error(`${operationId}: no value for path parameter ${name}`);
    return encodeURIComponent(params[name]);
  }));
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, String(value));
  const requestHeaders = { Accept: 'application/json, application/problem+json', ...headers };
  if (token) requestHeaders.Authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    requestHeaders['Content-Type'] = contentType ?? 'application/json';
  }
  const label = `${operation.method} ${operation.path} (${operationId}${direct ? ', straight to the jar' : ''})${what ? ': ' + what : ''}`;
  let response;
  let text;
  try {
    response = await fetch(url, { method: operation.method, headers: requestHeaders, body: payload, signal: AbortSignal.timeout(70_000) });
    text = await response.text();
  } catch (error) {
    checks++;
    failures.push(`${label}: no answer (${error.message})`);
    console.log(`FAIL ${label}: no answer (${error.message})`);
    return { status: 0, headers: new Headers(), text: '' };
  }
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  record(operationId, response.status);
  if (!direct && !(typeof json?.type === 'string' && json.type.startsWith(PRISM_ERROR))) noteUndeclared(operationId, response);
  checks++;
  const prismError = typeof json?.type === 'string' && json.type.startsWith(PRISM_ERROR) ? json.type.slice(PRISM_ERROR.length) : undefined;
  if (!reportViolations(operationId, label, response, json) && !expected.includes(response.status)) {
    failures.push(`${label}: ${response.status}, expected ${expected.join(' or ')}: ${text.slice(0, 300)}`);
    console.log(`FAIL ${label}: ${response.status}, expected ${expected.join(' or ')}: ${text.slice(0, 300)}`);
  } else if (expected.includes(response.status)) {
    console.log(`ok   ${label} (${response.status})`);
  }
  return { status: response.status, headers: response.headers, json, text, prismError };
}

/**
 * Calls an operation without a request body, as clients may when every field of the body is
 * optional. Where the contract says the body is required, Prism refuses the request (a violation,
 * recorded); the same call then goes straight to the jar, to show that the server accepts it and
 * so that the rest of the flow still runs.
 */
async function callWithoutBody(operationId, options) {
  const what = `${options.what ? options.what + ', ' : ''}without a body (all its fields are optional)`;
  const answer = await call(operationId, { ...options, what });
  if (answer.prismError !== 'UNPROCESSABLE_ENTITY') return answer;
  return call(operationId, { ...options, what, direct: true });
}

// Headers every answer may carry (HTTP itself, Prism's CORS headers): not part of an operation's contract.
const GENERIC_HEADERS = /^(content-type|content-length|date|connection|keep-alive|transfer-encoding|vary|access-control-.*|sl-violations)$/;

/**
 * Prism accepts a status the operation does not list when a default response covers it, and a
 * header the contract does not declare; both are noted (not failed) so the contract can name them.
 */
function noteUndeclared(operationId, response) {
  const operation = operations.get(operationId);
  const declared = contract.paths[operation.path][operation.method.toLowerCase()].responses;
  notedOperations.add(operationId);
  if (!declared[String(response.status)]) {
    if (!defaultOnly.has(response.status)) defaultOnly.set(response.status, new Set());
    defaultOnly.get(response.status).add(operationId);
  }
  const declaredHeaders = Object.keys(declared[String(response.status)]?.headers ?? {}).map(h => h.toLowerCase());
  for (const [header] of response.headers) {
    if (GENERIC_HEADERS.test(header) || declaredHeaders.includes(header)) continue;
    if (!undeclaredHeaders.has(header)) undeclaredHeaders.set(header, new Set());
    undeclaredHeaders.get(header).add(`${operationId} ${response.status}`);
  }
}

function printUndeclared() {
  if (defaultOnly.size === 0 && undeclaredHeaders.size === 0) return;
  console.log('\nNot failed, for the contract to name: statuses Prism let through under default, headers it does not declare');
  for (const [status, ids] of [...defaultOnly].sort()) console.log(`  status ${status} (only under default): ${[...ids].sort().join(', ')}`);
  for (const [header, answers] of [...undeclaredHeaders].sort()) {
    const statuses = [...new Set([...answers].map(answer => answer.split(' ')[1]))].sort().join('/');
    const ids = [...new Set([...answers].map(answer => answer.split(' ')[0]))].sort();
    console.log(`  header ${header} (on ${statuses}): ${ids.length === notedOperations.size ? 'every operation' : ids.join(', ')}`);
  }
}

function record(operationId, status) {
  if (!statusesSeen.has(operationId)) statusesSeen.set(operationId, new Set());
  statusesSeen.get(operationId).add(status);
}

/** Prism answers a violating request or response with its own problem document (--errors) and an sl-violations header. */
function reportViolations(operationId, label, response, json) {
  const found = [];
  if (json && typeof json.type === 'string' && json.type.startsWith(PRISM_ERROR)) {
    const details = (json.validation ?? []).map(v => `${(v.location ?? []).join('.') || 'request'}: ${v.message}`);
    found.push(`Prism ${json.type.slice(PRISM_ERROR.length)} (${json.title ?? ''})${details.length ? ': ' + details.join('; ') : ''}`);
  }
  // Without --errors (or for warnings) Prism passes the answer on and lists violations in a header; with an
  // error document the header repeats it.
  const header = found.length ? undefined : response.headers.get('sl-violations');
  if (header) {
    try {
      for (const v of JSON.parse(header)) found.push(`${v.severity ?? ''} ${(v.location ?? []).join('.')}: ${v.message}`);
    } catch { found.push(`sl-violations: ${header}`); }
  }
  if (found.length === 0) return false;
  violations.push(`${label} -> ${response.status}: ${found.join('; ')}`);
  console.log(`VIOLATION ${label} -> ${response.status}: ${found.join('; ')}`);
  return true;
}

function check(what, condition, detail = '') {
  checks++;
  if (condition) console.log(`ok   ${what}`);
  else { failures.push(`${what}${detail ? ': ' + detail : ''}`); console.log(`FAIL ${what}${detail ? ': ' + detail : ''}`); }
}

/**
 * Reads an event stream for a short while. Prism's proxy waits for the whole upstream body before
 * it validates and forwards it, so an open-ended stream (the platform's events, a followed log)
 * never comes through it; those are read straight from the jar and checked for status, content
 * type and event syntax here. A stream that ends by itself (a terminal deployment's events) goes
 * through the proxy like any other call.
 */
async function readStream(operationId, { params = {}, query, token, headers = {}, direct, expect = 200, millis = 1500, what = '' }) {
  const operation = operations.get(operationId);
  const base = direct ? DIRECT : PROXY;
  const url = new URL(base + operation.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name])));
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, String(value));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), millis);
  const label = `${operation.method} ${operation.path} (${operationId}, stream${direct ? ' read directly' : ''})${what ? ': ' + what : ''}`;
  let text = '';
  let status;
  let contentType = '';
  let json;
  try {
    const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) }, signal: controller.signal });
    status = response.status;
    contentType = response.headers.get('content-type') ?? '';
    record(operationId, status);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    if (!contentType.startsWith('text/event-stream')) {
      try { json = JSON.parse(text); } catch { json = undefined; }
      if (reportViolations(operationId, label, response, json)) return { status, text };
    }
  } catch (error) {
    if (error.name !== 'AbortError' && error.name !== 'TimeoutError') {
      checks++;
      failures.push(`${label}: the stream broke off (${error.message}${error.cause ? ': ' + error.cause.message : ''})`);
      console.log(`FAIL ${label}: the stream broke off (${error.message})`);
      return { status, contentType, text, events: parseEvents(text) };
    }
  } finally {
    clearTimeout(timer);
  }
  checks++;
  if (status === 200 && !contentType.startsWith('text/event-stream')) {
    failures.push(`${label}: 200 with ${contentType}, not text/event-stream`);
    console.log(`FAIL ${label}: 200 with ${contentType}, not text/event-stream`);
  } else if (status !== expect) {
    failures.push(`${label}: ${status}, expected ${expect}: ${text.slice(0, 300)}`);
    console.log(`FAIL ${label}: ${status}, expected ${expect}: ${text.slice(0, 300)}`);
  } else {
    console.log(`ok   ${label} (${status}, ${contentType}, ${text.length} bytes)`);
  }
  return { status, contentType, text, events: parseEvents(text) };
}

/**
 * What Prism would check in the events it cannot see: each event's data against the schema the
 * contract gives the stream's 200 response (types, enums, patterns, date-times, required fields).
 */
function checkEvents(operationId, events) {
  const operation = operations.get(operationId);
  const spec = contract.paths[operation.path][operation.method.toLowerCase()];
  const schema = spec.responses['200'].content['text/event-stream'].schema;
  const problems = [];
  for (const event of events) {
    if (event.data === undefined) continue;
    let data;
    try { data = JSON.parse(event.data); } catch { problems.push(`event data is not JSON: ${event.data.slice(0, 100)}`); continue; }
    problems.push(...validate(data, schema, 'data'));
  }
  for (const problem of problems) {
    violations.push(`${operation.method} ${operation.path} (${operationId}, stream read directly) -> 200: ${problem}`);
    console.log(`VIOLATION ${operationId} stream: ${problem}`);
  }
  check(`${operationId}: ${events.length} streamed events match the contract's schema`, problems.length === 0);
}

function validate(value, schema, at) {
  const resolved = resolve(schema);
  const types = [].concat(schema.type ?? resolved.type ?? []);
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${at}: ${actual}, the contract says ${types.join(' or ')}`];
  const problems = [];
  if (resolved.enum && !resolved.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${resolved.enum.join(', ')}`);
  const pattern = schema.pattern ?? resolved.pattern;
  if (pattern && typeof value === 'string' && !new RegExp(pattern, 'u').test(value)) problems.push(`${at}: ${value} does not match ${pattern}`);
  if ((schema.format ?? resolved.format) === 'date-time' && Number.isNaN(Date.parse(value))) problems.push(`${at}: ${value} is not a date-time`);
  if (actual === 'object') {
    for (const required of resolved.required ?? []) if (!(required in value)) problems.push(`${at}.${required} is required`);
    for (const [key, item] of Object.entries(value)) {
      const property = resolved.properties?.[key] ?? (typeof resolved.additionalProperties === 'object' ? resolved.additionalProperties : undefined);
      if (property) problems.push(...validate(item, property, `${at}.${key}`));
    }
  }
  if (actual === 'array' && resolved.items) value.forEach((item, index) => problems.push(...validate(item, resolved.items, `${at}[${index}]`)));
  return problems;
}

function parseEvents(text) {
  return text.split(/\n\n/).filter(block => block.trim()).map(block => {
    const event = {};
    for (const line of block.split('\n')) {
      const at = line.indexOf(':');
      if (at <= 0) continue;
      const field = line.slice(0, at);
      const value = line.slice(at + 1).replace(/^ /, '');
      event[field] = event[field] === undefined ? value : event[field] + '\n' + value;
    }
    return event;
  });
}

const run = Date.now().toString(36).slice(-6);
const name = prefix => `${prefix}-${run}`;
const randomId = '00000000-0000-4000-8000-000000000000';

/**
 * A request the contract forbids (an environment name against its pattern) must be refused by Prism
 * itself; otherwise the proxy does not validate and every other check here would pass vacuously.
 * prism.sh leaves this canary's line (application prism-canary) out of its scan of Prism's log.
 */
async function canary() {
  const response = await fetch(`${PROXY}/api/v1/applications/prism-canary/environments`, {
    method: 'POST', body: JSON.stringify({ name: 'Not A Name', type: 'development' }),
    headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
  });
  const json = await response.json().catch(() => ({}));
  check('Prism validates: it refuses a request the contract forbids (the canary)',
    response.status === 422 && json.type === `${PRISM_ERROR}UNPROCESSABLE_ENTITY` && JSON.stringify(json.validation ?? []).includes('name'),
    `${response.status} ${JSON.stringify(json).slice(0, 300)}`);
}

async function main() {
  await canary();
  const app = name('pa');
  const other = name('pb');
  const envPath = environment => ({ application: app, environment });

  // ---- 401 for every operation, with a token whose signature does not verify. Prism itself answers a
  // request without any Authorization header (its own UNAUTHORIZED, the server never sees it), so the
  // calls carry a forged token, which Prism passes on and the server refuses; one call without a
  // token goes straight to the jar.
  const forged = STRANGER.replace(/\.[^.]+$/, '.AAAA');
  for (const [operationId, operation] of operations) {
    const params = {};
    for (const [, param] of operation.path.matchAll(/\{(\w+)\}/g)) params[param] = param === 'id' ? randomId : param === 'revision' ? '1' : 'x-' + run;
    const needsBody = ['post', 'patch', 'put'].includes(operation.method.toLowerCase());
    const spec = contract.paths[operation.path][operation.method.toLowerCase()];
    const mediaType = Object.keys(spec.requestBody?.content ?? {})[0];
    const query = {};
    for (const param of spec.parameters ?? []) if (param.in === 'query' && param.required) query[param.name] = 'x';
    if (operation.path.endsWith('/events')) continue; // the event streams: below
    await call(operationId, {
      params, query, token: forged, expect: 401, what: 'a forged token',
      ...(needsBody && mediaType ? { body: minimalBody(spec, mediaType), contentType: mediaType } : {}),
    });
  }
  const anonymous = await fetch(`${DIRECT}/api/v1/applications`);
  check('without a token the jar answers 401 with a problem document (read directly)',
    anonymous.status === 401 && (anonymous.headers.get('content-type') ?? '').startsWith('application/problem+json'),
    `${anonymous.status} ${anonymous.headers.get('content-type')}`);
  await readStream('watchEvents', { token: forged, expect: 401, what: 'a forged token' });
  await readStream('watchDeployment', { token: forged, params: { application: 'x-' + run, environment: 'x-' + run, id: randomId }, expect: 401, what: 'a forged token' });

  // ---- Clusters (platform admins)
  const clusters = await call('listClusters', { token: ADMIN, query: { pageSize: 10 } });
  check('the sandbox cluster is registered', clusters.json?.items?.some(c => c.name === 'sandbox'));
  await call('getCluster', { token: OWNER, params: { name: 'sandbox' } });
  await call('checkClusterHealth', { token: OWNER, params: { name: 'sandbox' } });
  await call('getCluster', { token: ADMIN, params: { name: name('nocluster') }, expect: 404, what: 'unknown name' });
  const clusterName = name('ext');
  const clusterSpec = { name: clusterName, kind: 'EXTERNAL', apiUrl: 'https://kubernetes.example.invalid:6443', credentials: { token: 'e2e-token' } };
  const cluster = await call('createCluster', { token: ADMIN, body: clusterSpec, expect: 201 });
  await call('createCluster', { token: ADMIN, body: clusterSpec, expect: 409, what: 'the same name again' });
  await call('createCluster', { token: OWNER, body: { ...clusterSpec, name: name('ext2') }, expect: 403, what: 'not an admin' });
  await call('createCluster', { token: ADMIN, body: { name: name('ext3'), kind: 'EXTERNAL', apiUrl: 'ftp://nowhere' }, expect: 400, what: 'an ftp API URL' });
  const clusterEtag = cluster.headers.get('etag');
  await call('checkClusterHealth', { token: OWNER, params: { name: clusterName }, what: 'a cluster that does not answer' });
  await call('createCluster', { token: ADMIN, expect: 201, what: 'credentials by reference', body: { name: name('ref'), kind: 'EXTERNAL',
    apiUrl: 'https://kubernetes.example.invalid:6443', credentialsRef: 'secret:slipway/cluster-credentials' } });
  await call('getCluster', { token: OWNER, params: { name: name('ref') }, what: 'credentials by reference' });
  await call('deleteCluster', { token: ADMIN, params: { name: name('ref') }, expect: 204, what: 'credentials by reference' });
  await call('updateCluster', { token: ADMIN, params: { name: clusterName }, body: { credentials: { token: 'e2e-token-2' } },
    contentType: 'application/merge-patch+json', headers: { 'If-Match': clusterEtag }, what: 'rotate credentials' });
  await call('updateCluster', { token: ADMIN, params: { name: clusterName }, body: { default: false },
    contentType: 'application/merge-patch+json', headers: { 'If-Match': clusterEtag }, expect: 412, what: 'stale If-Match' });

  // ---- Environment types
  await call('listEnvironmentTypes', { token: VIEWER });
  await call('getEnvironmentType', { token: OWNER, params: { name: 'production' } });
  await call('getEnvironmentType', { token: OWNER, params: { name: name('notype') }, expect: 404, what: 'unknown name' });
  const typeName = name('et');
  const type = await call('createEnvironmentType', { token: ADMIN, body: { name: typeName, order: 15, requiredApprovals: 0, defaultTtl: '24h', maxTtl: '72h' }, expect: 201 });
  await call('createEnvironmentType', { token: ADMIN, body: { name: typeName, order: 15 }, expect: 409, what: 'the same name again' });
  await call('createEnvironmentType', { token: OWNER, body: { name: name('et2'), order: 17 }, expect: 403, what: 'not an admin' });
  await call('createEnvironmentType', { token: ADMIN, body: { name: name('et3'), order: 18, defaultTtl: 'soon' }, expect: 400, what: 'a TTL that is no duration' });
  await call('updateEnvironmentType', { token: ADMIN, params: { name: typeName }, body: { defaultCluster: 'sandbox' },
    contentType: 'application/merge-patch+json', headers: { 'If-Match': type.headers.get('etag') } });
  await call('updateEnvironmentType', { token: ADMIN, params: { name: typeName }, body: { order: 16 },
    contentType: 'application/merge-patch+json', headers: { 'If-Match': type.headers.get('etag') }, expect: 412, what: 'stale If-Match' });

  // ---- Resource types and definitions
  await call('listResourceTypes', { token: VIEWER });
  await call('getResourceType', { token: OWNER, params: { name: 'postgres' } });
  await call('getResourceType', { token: OWNER, params: { name: name('nort') }, expect: 404, what: 'unknown name' });
  const resourceType = name('rt');
  const registered = await call('createResourceType', { token: ADMIN, body: { name: resourceType, outputs: [{ name: 'host' }, { name: 'password', secret: true }] }, expect: 201 });
  await call('createResourceType', { token: ADMIN, body: { name: resourceType, outputs: [{ name: 'host' }] }, expect: 409, what: 'the same name again' });
  await call('createResourceType', { token: OWNER, body: { name: name('rt2'), outputs: [{ name: 'host' }] }, expect: 403, what: 'not an admin' });
  await call('createResourceType', { token: ADMIN, body: { name: name('rt3'), outputs: [{ name: 'not a name!' }] }, expect: 400, what: 'an invalid output name' });
  await call('updateResourceType', { token: ADMIN, params: { name: resourceType }, contentType: 'application/merge-patch+json',
    headers: { 'If-Match': registered.headers.get('etag') }, body: { outputs: [{ name: 'host', description: 'where it runs' }, { name: 'password', secret: true }] } });
  await call('updateResourceType', { token: ADMIN, params: { name: 'postgres' }, contentType: 'application/merge-patch+json',
    body: { description: 'changed' }, expect: 409, what: 'a built-in type' });
  await call('listResourceDefinitions', { token: VIEWER, query: { type: resourceType } });
  const definitionName = name('rd');
  const definitionSpec = { name: definitionName, type: resourceType, driver: 'static',
    driverInputs: { values: { host: 'cache.internal' }, secrets: { password: 's3cret' } }, criteria: [{ application: app }] };
  const definition = await call('createResourceDefinition', { token: ADMIN, body: definitionSpec, expect: 201 });
  await call('createResourceDefinition', { token: ADMIN, body: { ...definitionSpec, name: name('rd2') }, expect: 409, what: 'an identical criterion (a tie)' });
  await call('createResourceDefinition', { token: OWNER, body: { ...definitionSpec, name: name('rd3') }, expect: 403, what: 'not an admin' });
  await call('createResourceDefinition', { token: ADMIN, body: { ...definitionSpec, name: name('rd4'), driver: 'no-such-driver' }, expect: 400, what: 'an unknown driver' });
  await call('getResourceDefinition', { token: VIEWER, params: { name: definitionName } });
  await call('getResourceDefinition', { token: VIEWER, params: { name: name('nord') }, expect: 404, what: 'unknown name' });
  await call('updateResourceDefinition', { token: ADMIN, params: { name: definitionName }, contentType: 'application/merge-patch+json',
    headers: { 'If-Match': definition.headers.get('etag') }, body: { driverInputs: { values: { host: 'cache2.internal' } } } });
  await call('updateResourceDefinition', { token: ADMIN, params: { name: definitionName }, contentType: 'application/merge-patch+json',
    headers: { 'If-Match': definition.headers.get('etag') }, body: { retain: true }, expect: 412, what: 'stale If-Match' });

  // ---- Applications
  const appBody = { name: app, ownerGroup: 'team-prism', displayName: 'Prism flow', repositoryUrl: 'https://git.example.com/prism.git', labels: { tier: 'web' } };
  const created = await call('createApplication', { token: OWNER, body: appBody, headers: { 'Idempotency-Key': `k-${run}` }, expect: 201 });
  const replayed = await call('createApplication', { token: OWNER, body: appBody, headers: { 'Idempotency-Key': `k-${run}` }, expect: 201, what: 'replayed Idempotency-Key' });
  check('a replayed Idempotency-Key returns the first response', created.json?.id && replayed.json?.id === created.json?.id);
  await call('createApplication', { token: OWNER, body: appBody, expect: 409, what: 'the same name again' });
  await call('createApplication', { token: OWNER, body: { name: name('pc'), ownerGroup: 'team-elsewhere' }, expect: 403, what: 'a group the caller is not in' });
  await call('createApplication', { token: OWNER, body: { name: name('pd'), ownerGroup: 'team-prism', repositoryUrl: 'ftp://git.example.com/x' }, expect: 400, what: 'an ftp repository URL' });
  await call('createApplication', { token: OWNER, body: { name: other, ownerGroup: 'team-prism' }, expect: 201, what: 'a second application' });
  await call('listApplications', { token: OWNER, query: { ownerGroup: 'team-prism', pageSize: 1 } });
  await call('listApplications', { token: OWNER, query: { labelSelector: 'tier=web' } });
  const read = await call('getApplication', { token: OWNER, params: { name: app } });
  await call('getApplication', { token: STRANGER, params: { name: app }, expect: 404, what: 'hidden from a stranger' });
  await call('getApplication', { token: OWNER, params: { name: name('noapp') }, expect: 404, what: 'unknown name' });
  await call('updateApplication', { token: OWNER, params: { name: app }, contentType: 'application/merge-patch+json',
    headers: { 'If-Match': read.headers.get('etag') }, body: { description: 'drives every operation through Prism', labels: { tier: 'web', team: 'prism' } } });
  await call('updateApplication', { token: OWNER, params: { name: app }, contentType: 'application/merge-patch+json',
    headers: { 'If-Match': read.headers.get('etag') }, body: { displayName: 'stale' }, expect: 412, what: 'stale If-Match' });
  await call('updateApplication', { token: OWNER, params: { name: app }, contentType: 'application/merge-patch+json',
    body: { repositoryUrl: 'ftp://x' }, expect: 400, what: 'an ftp repository URL' });

  // ---- Role bindings and access checks
  const viewerBinding = await call('createRoleBinding', { token: OWNER, body: { subject: 'user:e2e-viewer', role: 'viewer', scope: `application:${app}` }, expect: 201 });
  await call('createRoleBinding', { token: OWNER, body: { subject: 'user:e2e-deployer', role: 'deployer', scope: `application:${app}` }, expect: 201 });
  await call('createRoleBinding', { token: OWNER, body: { subject: 'user:e2e-viewer', role: 'viewer', scope: `application:${app}` }, expect: 409, what: 'the same binding again' });
  await call('createRoleBinding', { token: OWNER, body: { subject: 'user:e2e-viewer', role: 'admin', scope: 'platform' }, expect: 403, what: 'above the owner\'s role' });
  await call('createRoleBinding', { token: VIEWER, body: { subject: 'user:e2e-viewer', role: 'owner', scope: `application:${app}` }, expect: 403, what: 'a viewer grants' });
  await call('createRoleBinding', { token: OWNER, body: { subject: 'nobody', role: 'viewer', scope: `application:${app}` }, expect: 400, what: 'a subject without a kind' });
  const spare = await call('createRoleBinding', { token: OWNER, body: { subject: 'group:team-spare', role: 'developer', scope: `application:${app}` }, expect: 201, what: 'a binding to revoke' });
  await call('listRoleBindings', { token: OWNER, query: { application: app } });
  await call('listRoleBindings', { token: VIEWER, query: { subject: 'user:e2e-viewer' } });
  await call('getRoleBinding', { token: OWNER, params: { id: viewerBinding.json?.id } });
  await call('getRoleBinding', { token: OWNER, params: { id: randomId }, expect: 404, what: 'unknown id' });
  await call('deleteRoleBinding', { token: VIEWER, params: { id: spare.json?.id }, expect: 403, what: 'a viewer revokes' });
  await call('deleteRoleBinding', { token: OWNER, params: { id: spare.json?.id }, expect: 204 });
  await call('deleteRoleBinding', { token: OWNER, params: { id: spare.json?.id }, expect: 404, what: 'already revoked' });
  const allowed = await call('checkAccess', { token: OWNER, body: { action: 'deployment.create', application: app } });
  check('the owner may deploy', allowed.json?.allowed === true, allowed.text);
  await call('checkAccess', { token: ADMIN, body: { action: 'config.update', application: app, subject: 'user:e2e-viewer' } });
  await call('checkAccess', { token: VIEWER, body: { action: 'config.update', application: app, subject: 'user:e2e-deployer' }, expect: 403, what: 'a non-admin asks about someone else' });
  await call('checkAccess', { token: OWNER, body: { action: 'no.such-action', application: app }, expect: 400, what: 'an unknown action' });

  // ---- Environments
  const dev = await call('createEnvironment', { token: OWNER, params: { application: app }, body: { name: 'dev', type: 'development', labels: { stage: 'dev' } }, expect: 201 });
  await call('createEnvironment', { token: OWNER, params: { application: app }, body: { name: 'prod', type: 'production' }, expect: 201 });
  await call('createEnvironment', { token: OWNER, params: { application: app }, body: { name: 'dev', type: 'development' }, expect: 409, what: 'the same name again' });
  await call('createEnvironment', { token: VIEWER, params: { application: app }, body: { name: 'qa1', type: 'development' }, expect: 403, what: 'a viewer creates' });
  await call('createEnvironment', { token: OWNER, params: { application: app }, body: { name: 'qa1', type: name('notype') }, expect: 400, what: 'an unknown type' });
  await call('createEnvironment', { token: OWNER, params: { application: name('noapp') }, body: { name: 'qa1', type: 'development' }, expect: 404, what: 'an unknown application' });
  const preview = await call('createEnvironment', { token: OWNER, params: { application: app }, body: { name: 'pr-1', type: typeName, ttl: '2h' }, expect: 201, what: 'a preview with a TTL' });
  check('the preview expires', Boolean(preview.json?.expiresAt), preview.text);
  await call('extendEnvironment', { token: OWNER, params: envPath('pr-1'), body: { ttl: '48h' } });
  await call('extendEnvironment', { token: OWNER, params: envPath('pr-1'), body: { ttl: '1000h' }, expect: 400, what: 'beyond the type\'s maxTtl' });
  await call('extendEnvironment', { token: VIEWER, params: envPath('pr-1'), body: { ttl: '4h' }, expect: 403, what: 'a viewer extends' });
  await call('listEnvironments', { token: VIEWER, params: { application: app }, query: { labelSelector: 'stage=dev' } });
  await call('listEnvironments', { token: VIEWER, params: { application: app }, query: { expiresBefore: new Date(Date.now() + 7 * 86_400_000).toISOString() } });
  await call('getEnvironment', { token: VIEWER, params: envPath('dev') });
  await call('getEnvironment', { token: VIEWER, params: envPath('nope'), expect: 404, what: 'unknown name' });
  await call('updateEnvironment', { token: OWNER, params: envPath('dev'), contentType: 'application/merge-patch+json',
    headers: { 'If-Match': dev.headers.get('etag') }, body: { labels: { stage: 'dev', team: 'prism' }, autoRollback: true } });
  await call('updateEnvironment', { token: OWNER, params: envPath('dev'), contentType: 'application/merge-patch+json',
    headers: { 'If-Match': dev.headers.get('etag') }, body: { labels: {} }, expect: 412, what: 'stale If-Match' });
  await call('updateEnvironment', { token: VIEWER, params: envPath('dev'), contentType: 'application/merge-patch+json',
    body: { labels: {} }, expect: 403, what: 'a viewer updates' });
  await call('deleteEnvironment', { token: OWNER, params: envPath('pr-1'), expect: 204, what: 'nothing in its cluster yet' });

  // ---- Configuration
  const baseConfig = await call('updateApplicationConfig', { token: OWNER, params: { application: app },
    body: { changes: [{ name: 'GREETING', value: 'hello' }, { name: 'API_KEY', secret: 'k-' + run }], message: 'first' } });
  await call('updateApplicationConfig', { token: OWNER, params: { application: app }, headers: { 'If-Match': '"0"' },
    body: { changes: [{ name: 'GREETING', value: 'hi' }] }, expect: 412, what: 'stale If-Match' });
  await call('updateApplicationConfig', { token: OWNER, params: { application: app },
    body: { changes: [{ name: 'GREETING', value: 'x', secret: 'y' }] }, expect: 400, what: 'a value and a secret at once' });
  await call('updateApplicationConfig', { token: VIEWER, params: { application: app },
    body: { changes: [{ name: 'GREETING', value: 'x' }] }, expect: 403, what: 'a viewer changes' });
  await call('getApplicationConfig', { token: VIEWER, params: { application: app } });
  await call('updateEnvironmentConfig', { token: OWNER, params: envPath('dev'),
    body: { changes: [{ name: 'GREETING', value: 'hello dev' }, { name: 'LOG_LEVEL', value: 'debug' }] } });
  await call('updateEnvironmentConfig', { token: OWNER, params: envPath('dev'),
    body: { changes: [{ name: 'LOG_LEVEL', remove: true }, { name: 'LOG_LEVEL', value: 'x' }] }, expect: 400, what: 'one name twice' });
  await call('updateEnvironmentConfig', { token: OWNER, params: envPath('dev'), what: 'a secret reference, a secret and a removal',
    body: { changes: [{ name: 'DB_PASSWORD', secretRef: { name: 'db', key: 'password' } }, { name: 'TOKEN', secret: 't-' + run }, { name: 'GREETING', remove: true }] } });
  await call('diffConfig', { token: VIEWER, params: { application: app }, query: { from: 'prod', to: 'dev' }, what: 'two environments, with secrets' });
  await call('getEnvironmentConfig', { token: VIEWER, params: envPath('dev') });
  await call('getEnvironmentConfig', { token: VIEWER, params: envPath('dev'), query: { revision: 1 }, what: 'as of revision 1' });
  await call('listConfigRevisions', { token: VIEWER, params: { application: app }, query: { environment: 'dev' } });
  await call('getConfigRevision', { token: VIEWER, params: { application: app, revision: '1' } });
  await call('getConfigRevision', { token: VIEWER, params: { application: app, revision: '999' }, expect: 404, what: 'unknown revision' });
  await call('diffConfig', { token: VIEWER, params: { application: app }, query: { from: '1', to: 'dev' } });
  await call('diffConfig', { token: VIEWER, params: { application: app }, query: { from: 'nowhere', to: 'dev' }, expect: [400, 404], what: 'an unknown environment' });
  await call('restoreApplicationConfig', { token: OWNER, params: { application: app }, body: { revision: 1, message: 'back to 1' } });
  await call('restoreApplicationConfig', { token: OWNER, params: { application: app }, body: { revision: 999 }, expect: [400, 404], what: 'unknown revision' });
  await call('restoreEnvironmentConfig', { token: OWNER, params: envPath('dev'), body: { revision: 2 } });
  await call('restoreEnvironmentConfig', { token: VIEWER, params: envPath('dev'), body: { revision: 2 }, expect: 403, what: 'a viewer restores' });
  check('configuration answers carry no secret value', !JSON.stringify(baseConfig.json ?? {}).includes('k-' + run));

  // ---- Deployments on the sandbox
  const spec = { containers: [{ name: 'web', image: 'nginx:1.27', env: { CACHE_HOST: '${resources.cache.host}' } }],
    resources: { cache: { type: resourceType } } };
  const first = await call('createDeployment', { token: OWNER, params: envPath('dev'), body: { spec, reason: 'first' },
    headers: { 'Idempotency-Key': `d-${run}` }, expect: 202 });
  const firstId = first.json?.id;
  const again = await call('createDeployment', { token: OWNER, params: envPath('dev'), body: { spec, reason: 'first' },
    headers: { 'Idempotency-Key': `d-${run}` }, expect: 202, what: 'replayed Idempotency-Key' });
  check('a replayed deployment is the same deployment', firstId && again.json?.id === firstId, again.text.slice(0, 200));
  await call('createDeployment', { token: OWNER, params: envPath('dev'), body: { spec, reason: 'another body' },
    headers: { 'Idempotency-Key': `d-${run}` }, expect: [409, 422], what: 'the same Idempotency-Key with another body' });
  await call('createDeployment', { token: VIEWER, params: envPath('dev'), body: { spec }, expect: 403, what: 'a viewer deploys' });
  await call('createDeployment', { token: OWNER, params: envPath('dev'), body: { spec: { containers: [] } }, expect: 400, what: 'no containers' });
  await call('createDeployment', { token: OWNER, params: envPath('nope'), body: { spec }, expect: 404, what: 'unknown environment' });
  const done = await call('getDeployment', { token: VIEWER, params: { ...envPath('dev'), id: firstId }, query: { waitFor: 'terminal', timeout: '60s' } });
  check('the first deployment succeeded', done.json?.status === 'SUCCEEDED', done.text.slice(0, 300));
  await call('getDeployment', { token: VIEWER, params: { ...envPath('dev'), id: randomId }, expect: 404, what: 'unknown id' });
  const events = await readStream('watchDeployment', { token: VIEWER, direct: true, params: { ...envPath('dev'), id: firstId }, headers: { 'Last-Event-ID': '0' }, millis: 1500, what: 'replayed from the start' });
  check('the deployment\'s stream replays its terminal status', events.events.some(e => e.data?.includes('SUCCEEDED')), events.text.slice(0, 300));
  checkEvents('watchDeployment', events.events);
  await call('listEnvironmentResources', { token: VIEWER, params: envPath('dev') });
  await call('getEnvironmentResource', { token: VIEWER, params: { ...envPath('dev'), name: 'cache' } });
  await readStream('watchDeployment', { token: STRANGER, params: { ...envPath('dev'), id: firstId }, expect: 404, what: 'hidden from a stranger' });
  const score = `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${app}\ncontainers:\n  web:\n    image: nginx:1.27\n`;
  const scored = await call('createDeployment', { token: OWNER, params: envPath('dev'), body: score, contentType: 'application/vnd.score+yaml', expect: 202, what: 'a Score workload' });
  await call('createDeployment', { token: OWNER, params: envPath('dev'), body: 'apiVersion: score.dev/v1b1\n', contentType: 'application/vnd.score+yaml', expect: 400, what: 'a Score workload without containers' });
  await call('getDeployment', { token: OWNER, params: { ...envPath('dev'), id: scored.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the Score deployment ends' });
  await call('listDeployments', { token: VIEWER, params: envPath('dev'), query: { status: 'SUCCEEDED', pageSize: 5 } });
  await call('getEnvironmentResource', { token: VIEWER, params: { ...envPath('dev'), name: 'nope' }, expect: 404, what: 'unknown name' });
  await call('matchResourceDefinition', { token: OWNER, body: { application: app, environment: 'dev', type: resourceType } });
  await call('matchResourceDefinition', { token: STRANGER, body: { application: app, environment: 'dev', type: resourceType }, expect: 404, what: 'hidden from a stranger' });

  // ---- More shapes: a failing image (FAILED, automatic rollback), several workloads (worker, cron,
  // release job, route), paging through lists.
  const failing = await call('createDeployment', { token: OWNER, params: envPath('dev'), expect: 202, what: 'an image that cannot be pulled',
    body: { spec: { containers: [{ name: 'web', image: 'nginx:fail' }] }, reason: 'fails' } });
  const failed = await call('getDeployment', { token: OWNER, params: { ...envPath('dev'), id: failing.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the failing deployment ends' });
  check('the failing deployment FAILED', failed.json?.status === 'FAILED', failed.text.slice(0, 300));
  await call('getRuntime', { token: VIEWER, params: envPath('dev'), what: 'after a failed rollout' });
  const several = await call('createDeployment', { token: OWNER, params: envPath('dev'), expect: 202, what: 'a service, a worker, a cron job, a release job and a route',
    body: { reason: 'several workloads', spec: {
      workloads: {
        api: { kind: 'service', containers: [{ name: 'api', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }], servicePorts: [{ port: 80 }] },
        worker: { kind: 'worker', replicas: 2, containers: [{ name: 'worker', image: 'busybox:1.36' }] },
        nightly: { kind: 'cron', schedule: '0 3 * * *', containers: [{ name: 'report', image: 'busybox:1.36' }] },
      },
      release: { containers: [{ name: 'migrate', image: 'busybox:1.36', args: ['migrate'] }] },
      routes: [{ host: `${app}-\${environment.name}.localtest.me`, workload: 'api', port: 80 }],
    } } });
  const severalDone = await call('getDeployment', { token: OWNER, params: { ...envPath('dev'), id: several.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the multi-workload deployment ends' });
  check('the multi-workload deployment succeeded', severalDone.json?.status === 'SUCCEEDED', severalDone.text.slice(0, 300));
  await call('getEnvironment', { token: VIEWER, params: envPath('dev'), what: 'with routes' });
  await call('getRuntime', { token: VIEWER, params: envPath('dev'), what: 'service, worker and cron job' });
  await call('getLogs', { token: OWNER, params: envPath('dev'), query: { workload: 'worker', tailLines: 3, sinceSeconds: 600 }, what: 'one workload' });
  await call('scaleEnvironment', { token: OWNER, params: envPath('dev'), body: { workload: 'nightly', replicas: 1 }, expect: 400, what: 'a cron job' });
  await call('listDeployments', { token: VIEWER, params: envPath('dev'), query: { status: 'FAILED' } });
  const page = await call('listDeployments', { token: VIEWER, params: envPath('dev'), query: { pageSize: 2 }, what: 'a page of two' });
  check('a page of two has a next page', Boolean(page.json?.nextPageToken), page.text.slice(0, 200));
  if (page.json?.nextPageToken) await call('listDeployments', { token: VIEWER, params: envPath('dev'), query: { pageSize: 2, pageToken: page.json.nextPageToken }, what: 'the next page' });
  await call('listDeployments', { token: VIEWER, params: envPath('dev'), query: { pageToken: 'not-a-token' }, expect: 400, what: 'a page token that is not one' });
  const apps = await call('listApplications', { token: ADMIN, query: { pageSize: 1 }, what: 'a page of one' });
  if (apps.json?.nextPageToken) await call('listApplications', { token: ADMIN, query: { pageSize: 1, pageToken: apps.json.nextPageToken }, what: 'the next page' });

  // An environment on a cluster that does not answer: 503 problems, a deployment FAILED with ClusterUnavailable.
  await call('createEnvironment', { token: ADMIN, params: { application: app }, body: { name: 'far', type: 'development', cluster: clusterName }, expect: 201, what: 'on the unreachable cluster' });
  const unreachable = await call('createDeployment', { token: OWNER, params: envPath('far'), body: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }, expect: 202, what: 'to the unreachable cluster' });
  const unavailable = await call('getDeployment', { token: OWNER, params: { ...envPath('far'), id: unreachable.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the deployment to the unreachable cluster ends' });
  check('the deployment to the unreachable cluster FAILED', unavailable.json?.status === 'FAILED', unavailable.text.slice(0, 300));
  await call('getRuntime', { token: VIEWER, params: envPath('far'), expect: [200, 503], what: 'on the unreachable cluster' });
  await call('getDrift', { token: VIEWER, params: envPath('far'), expect: [200, 409, 503], what: 'on the unreachable cluster' });

  // ---- Day-2 operations
  await call('getRuntime', { token: VIEWER, params: envPath('dev') });
  await call('getRuntime', { token: VIEWER, params: envPath('prod'), what: 'nothing deployed yet' });
  await call('getLogs', { token: OWNER, params: envPath('dev'), query: { tailLines: 5 } });
  await call('getLogs', { token: VIEWER, params: envPath('dev'), query: { tailLines: 5 }, expect: 403, what: 'a viewer reads logs' });
  const followed = await readStream('getLogs', { token: OWNER, direct: true, params: envPath('dev'), query: { follow: true, tailLines: 1 }, what: 'followed' });
  checkEvents('getLogs', followed.events);
  await call('getDrift', { token: VIEWER, params: envPath('dev') });
  await call('scaleEnvironment', { token: OWNER, params: envPath('dev'), body: { workload: 'api', replicas: 2 } });
  await call('scaleEnvironment', { token: OWNER, params: envPath('dev'), body: { workload: 'nope', replicas: 2 }, expect: 400, what: 'unknown workload' });
  await call('scaleEnvironment', { token: VIEWER, params: envPath('dev'), body: { replicas: 1 }, expect: 403, what: 'a viewer scales' });
  await call('restartEnvironment', { token: OWNER, params: envPath('dev'), body: {} });
  await call('scaleEnvironment', { token: OWNER, params: envPath('dev'), body: { replicas: 2 }, expect: 400, what: 'several workloads, none named' });
  await call('restartEnvironment', { token: OWNER, params: envPath('prod'), body: {}, expect: 409, what: 'nothing deployed' });
  // Restarts replace pods, and a pod replaced while getLogs reads it makes that answer a 503: logs are read before.
  await call('scaleEnvironment', { token: OWNER, params: envPath('dev'), body: { workload: 'worker', replicas: 3 }, what: 'the worker' });
  await call('restartEnvironment', { token: OWNER, params: envPath('dev'), body: { workload: 'api' }, what: 'one workload' });
  await callWithoutBody('restartEnvironment', { token: OWNER, params: envPath('dev'), what: 'every workload' });
  await call('getDrift', { token: VIEWER, params: envPath('dev'), what: 'after scaling outside a release' });

  // ---- Rollback, promotion and approvals
  const rolledBack = await call('rollbackDeployment', { token: OWNER, params: { ...envPath('dev'), id: firstId }, body: { reason: 'back to the first' }, expect: 202 });
  await call('getDeployment', { token: OWNER, params: { ...envPath('dev'), id: rolledBack.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the rollback ends' });
  await callWithoutBody('rollbackDeployment', { token: OWNER, params: { ...envPath('dev'), id: firstId }, expect: 202 });
  await call('rollbackDeployment', { token: VIEWER, params: { ...envPath('dev'), id: firstId }, body: {}, expect: 403, what: 'a viewer rolls back' });
  const promote = { promoteFrom: { environment: 'dev', deploymentId: firstId }, reason: 'release' };
  const release = await call('createDeployment', { token: OWNER, params: envPath('prod'), body: promote, expect: 202, what: 'promote dev to prod' });
  check('a production deployment awaits approval', release.json?.status === 'AWAITING_APPROVAL', release.text.slice(0, 300));
  await call('approveDeployment', { token: OWNER, params: { ...envPath('prod'), id: release.json?.id }, body: {}, expect: [403, 409], what: 'the requester approves' });
  await call('approveDeployment', { token: VIEWER, params: { ...envPath('prod'), id: release.json?.id }, body: {}, expect: 403, what: 'a viewer approves' });
  await call('approveDeployment', { token: DEPLOYER, params: { ...envPath('prod'), id: release.json?.id }, body: { comment: 'looks good' } });
  await call('approveDeployment', { token: DEPLOYER, params: { ...envPath('prod'), id: release.json?.id }, body: {}, expect: 409, what: 'no longer awaiting approval' });
  const prodDone = await call('getDeployment', { token: OWNER, params: { ...envPath('prod'), id: release.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the release ends' });
  const second = await call('createDeployment', { token: OWNER, params: envPath('prod'), body: promote, expect: 202, what: 'a release approved without a comment' });
  await callWithoutBody('approveDeployment', { token: DEPLOYER, params: { ...envPath('prod'), id: second.json?.id } });
  await call('getDeployment', { token: OWNER, params: { ...envPath('prod'), id: second.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the second release ends' });
  await call('createDeployment', { token: OWNER, params: envPath('dev'), body: { promoteFrom: { environment: 'prod', deploymentId: prodDone.json?.id } }, expect: 409, what: 'promotion against the order' });
  const rejected = await call('createDeployment', { token: OWNER, params: envPath('prod'), body: promote, expect: 202, what: 'a release to reject' });
  await call('rejectDeployment', { token: VIEWER, params: { ...envPath('prod'), id: rejected.json?.id }, body: {}, expect: 403, what: 'a viewer rejects' });
  await callWithoutBody('rejectDeployment', { token: DEPLOYER, params: { ...envPath('prod'), id: rejected.json?.id } });
  await call('rejectDeployment', { token: DEPLOYER, params: { ...envPath('prod'), id: rejected.json?.id }, body: {}, expect: 409, what: 'already rejected' });
  const cancelled = await call('createDeployment', { token: OWNER, params: envPath('prod'), body: promote, expect: 202, what: 'a release to cancel' });
  await call('cancelDeployment', { token: VIEWER, params: { ...envPath('prod'), id: cancelled.json?.id }, expect: 403, what: 'a viewer cancels' });
  await call('cancelDeployment', { token: OWNER, params: { ...envPath('prod'), id: cancelled.json?.id } });
  await call('cancelDeployment', { token: OWNER, params: { ...envPath('dev'), id: firstId }, expect: 409, what: 'a finished deployment' });

  // ---- Freezes
  const freezeName = name('fz');
  const freezeSpec = { name: freezeName, reason: 'prism flow', scope: { kind: 'ENVIRONMENT', application: app, environment: 'dev' },
    start: new Date(Date.now() - 60_000).toISOString(), end: new Date(Date.now() + 3_600_000).toISOString() };
  const freeze = await call('createFreeze', { token: OWNER, body: freezeSpec, expect: 201 });
  await call('createFreeze', { token: OWNER, body: freezeSpec, expect: 409, what: 'the same name again' });
  await call('createFreeze', { token: OWNER, body: { name: name('fz2'), reason: 'all', scope: { kind: 'PLATFORM' } }, expect: 403, what: 'platform-wide by an owner' });
  await call('createFreeze', { token: OWNER, body: { name: name('fz3'), reason: 'bad cron', scope: { kind: 'ENVIRONMENT', application: app, environment: 'dev' },
    recurring: { cron: 'every friday', duration: '2h', timeZone: 'Europe/Berlin' } }, expect: 400, what: 'an invalid cron expression' });
  await call('createFreeze', { token: OWNER, expect: 201, what: 'a recurring window', body: { name: name('fzw'), reason: 'no weekend releases',
    scope: { kind: 'ENVIRONMENT', application: app, environment: 'prod' }, recurring: { cron: '0 18 * * 5', duration: '62h', timeZone: 'Europe/Berlin' } } });
  await call('getFreeze', { token: VIEWER, params: { name: name('fzw') }, what: 'a recurring window' });
  await call('createFreeze', { token: ADMIN, expect: 201, what: 'type-wide, in the past', body: { name: name('fzt'), reason: 'was frozen',
    scope: { kind: 'ENVIRONMENT_TYPE', environmentType: 'production' }, start: '2026-01-01T00:00:00Z', end: '2026-01-02T00:00:00Z' } });
  await call('getActiveFreezes', { token: VIEWER, query: { application: app, environment: 'prod' }, what: 'not now' });
  const active = await call('getActiveFreezes', { token: VIEWER, query: { application: app, environment: 'dev' } });
  check('the freeze is in force', JSON.stringify(active.json ?? {}).includes(freezeName), active.text.slice(0, 300));
  await call('getActiveFreezes', { token: STRANGER, query: { application: app, environment: 'dev' }, expect: 404, what: 'hidden from a stranger' });
  await call('listFreezes', { token: STRANGER, query: { application: app } });
  await call('getFreeze', { token: VIEWER, params: { name: freezeName } });
  await call('getFreeze', { token: VIEWER, params: { name: name('nofz') }, expect: 404, what: 'unknown name' });
  await call('createDeployment', { token: OWNER, params: envPath('dev'), body: { configOnly: true }, expect: 409, what: 'frozen' });
  await call('rollbackDeployment', { token: OWNER, params: { ...envPath('dev'), id: firstId }, body: { reason: 'frozen' }, expect: 409, what: 'frozen' });
  const broken = await call('rollbackDeployment', { token: OWNER, params: { ...envPath('dev'), id: firstId },
    body: { reason: 'hotfix', breakGlass: { reason: 'incident 42' } }, expect: 202, what: 'breaking the glass' });
  await call('getDeployment', { token: OWNER, params: { ...envPath('dev'), id: broken.json?.id }, query: { waitFor: 'terminal', timeout: '60s' }, what: 'the break-glass rollback ends' });
  await call('deleteFreeze', { token: VIEWER, params: { name: freezeName }, expect: 403, what: 'a viewer lifts' });
  await call('deleteFreeze', { token: OWNER, params: { name: freezeName }, headers: { 'If-Match': freeze.headers.get('etag') }, expect: 204 });

  // ---- Webhooks: a receiver on loopback (the jar allows 127.0.0.0/8 and http for this run)
  const received = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', chunk => { body += chunk; });
    request.on('end', () => { received.push({ headers: request.headers, body }); response.writeHead(204).end(); });
  });
  await new Promise(resolve => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${receiver.address().port}/hooks/slipway`;
  const hookSpec = { application: app, url: hookUrl, eventTypes: ['dev.slipway.deployment.status_changed'], description: 'prism flow' };
  const hook = await call('createWebhook', { token: OWNER, body: hookSpec, expect: 201 });
  check('the generated signing secret is shown once, on create', String(hook.json?.secret ?? '').startsWith('whsec_'), hook.text.slice(0, 200));
  await call('createWebhook', { token: OWNER, body: { ...hookSpec, url: 'http://169.254.169.254/latest/meta-data' }, expect: 400, what: 'a metadata address' });
  await call('createWebhook', { token: OWNER, body: { url: hookUrl, eventTypes: ['dev.slipway.freeze.created'] }, expect: 403, what: 'platform-wide by an owner' });
  await call('createWebhook', { token: ADMIN, body: { url: hookUrl, eventTypes: ['dev.slipway.freeze.created'], enabled: false }, expect: 201, what: 'platform-wide by an admin' });
  await call('listWebhooks', { token: OWNER, query: { application: app } });
  const hookPath = { id: hook.json?.id };
  const fetched = await call('getWebhook', { token: OWNER, params: hookPath });
  check('the secret is never returned after the create', fetched.json && fetched.json.secret === undefined, fetched.text.slice(0, 200));
  await call('getWebhook', { token: STRANGER, params: hookPath, expect: 404, what: 'hidden from a stranger' });
  const patched = await call('updateWebhook', { token: OWNER, params: hookPath, contentType: 'application/merge-patch+json',
    body: { description: 'prism flow, renamed' }, headers: { 'If-Match': fetched.headers.get('etag') } });
  await call('updateWebhook', { token: OWNER, params: hookPath, contentType: 'application/merge-patch+json',
    body: { description: 'stale' }, headers: { 'If-Match': fetched.headers.get('etag') }, expect: 412, what: 'stale If-Match' });
  const ping = await call('pingWebhook', { token: OWNER, params: hookPath });
  let delivered;
  for (let i = 0; i < 40 && !delivered; i++) {
    const log = await call('listWebhookDeliveries', { token: OWNER, params: hookPath, query: { state: 'delivered' }, what: i ? 'again' : '' });
    delivered = (log.json?.items ?? []).find(item => item.id === ping.json?.id);
    if (!delivered) await new Promise(resolve => setTimeout(resolve, 250));
  }
  check('the ping reached the receiver, signed', delivered && received.some(r => r.headers['webhook-signature']?.startsWith('v1,')), JSON.stringify(delivered ?? {}));
  await call('redeliverWebhookDelivery', { token: OWNER, params: { ...hookPath, deliveryId: ping.json?.id } });
  await call('redeliverWebhookDelivery', { token: VIEWER, params: { ...hookPath, deliveryId: ping.json?.id }, expect: [403, 404], what: 'by a viewer' });
  await call('deleteWebhook', { token: OWNER, params: hookPath, headers: { 'If-Match': patched.headers.get('etag') }, expect: 204 });
  await call('getWebhook', { token: OWNER, params: hookPath, expect: 404, what: 'deleted' });
  receiver.close();

  // ---- Events, audit, secrets
  const stream = await readStream('watchEvents', { token: OWNER, direct: true, query: { application: app }, headers: { 'Last-Event-ID': '0' }, millis: 1500, what: 'replayed from the start' });
  check('the events stream replays the application\'s deployments', stream.events.length > 3, `${stream.events.length} events`);
  const approvals = await readStream('watchEvents', { token: DEPLOYER, direct: true, query: { approvals: true }, headers: { 'Last-Event-ID': '0' }, millis: 1000, what: 'approvals only' });
  checkEvents('watchEvents', approvals.events);
  check('the events stream is text/event-stream', (stream.contentType ?? '').startsWith('text/event-stream'), stream.contentType);
  checkEvents('watchEvents', stream.events);
  await call('listAuditEvents', { token: ADMIN, query: { outcome: 'DENIED', pageSize: 5 } });
  await call('listAuditEvents', { token: ADMIN, query: { pageSize: 500 }, what: 'every event of the run' });
  await call('listDeployments', { token: VIEWER, params: envPath('dev'), query: { pageSize: 100 }, what: 'every deployment of dev' });
  await call('listDeployments', { token: VIEWER, params: envPath('prod'), query: { pageSize: 100 }, what: 'every deployment of prod (approved, rejected, cancelled)' });
  const revisions = await call('listConfigRevisions', { token: VIEWER, params: { application: app }, query: { pageSize: 100 }, what: 'every revision' });
  for (const revision of revisions.json?.items ?? []) await call('getConfigRevision', { token: VIEWER, params: { application: app, revision: String(revision.revision) }, what: `revision ${revision.revision}` });
  await call('listAuditEvents', { token: OWNER, query: { application: app, since: new Date(Date.now() - 3_600_000).toISOString() } });
  await call('listAuditEvents', { token: VIEWER, query: { application: app }, expect: 403, what: 'a viewer reads the audit log' });
  await call('reencryptSecrets', { token: ADMIN });
  await call('reencryptSecrets', { token: OWNER, expect: 403, what: 'not an admin' });

  // ---- Tear down: what is in use cannot go, then everything goes.
  await call('deleteApplication', { token: OWNER, params: { name: app }, expect: 409, what: 'it still has environments' });
  await call('deleteEnvironmentType', { token: ADMIN, params: { name: 'development' }, expect: 409, what: 'environments use it' });
  await call('deleteEnvironmentType', { token: OWNER, params: { name: typeName }, expect: 403, what: 'not an admin' });
  await call('deleteEnvironmentType', { token: ADMIN, params: { name: typeName }, expect: 204 });
  await call('deleteEnvironment', { token: VIEWER, params: envPath('dev'), expect: 403, what: 'a viewer deletes' });
  await call('deleteEnvironment', { token: OWNER, params: envPath('dev'), expect: 202, what: 'torn down in the background' });
  await call('deleteResourceType', { token: ADMIN, params: { name: resourceType }, expect: 409, what: 'a definition uses it' });
  await call('deleteResourceType', { token: ADMIN, params: { name: 'postgres' }, expect: 409, what: 'a built-in type' });
  await call('deleteResourceDefinition', { token: OWNER, params: { name: definitionName }, expect: 403, what: 'not an admin' });
  await call('deleteResourceDefinition', { token: ADMIN, params: { name: definitionName }, expect: 204 });
  await call('deleteResourceDefinition', { token: ADMIN, params: { name: definitionName }, expect: 404, what: 'already deleted' });
  await call('deleteResourceType', { token: ADMIN, params: { name: resourceType }, expect: 204 });
  await call('deleteCluster', { token: ADMIN, params: { name: 'sandbox' }, expect: 409, what: 'in use' });
  await call('deleteCluster', { token: ADMIN, params: { name: clusterName }, expect: 409, what: 'an environment uses it' });
  await call('deleteEnvironment', { token: OWNER, params: envPath('far'), expect: [202, 204], what: 'on the unreachable cluster' });
  await call('deleteCluster', { token: OWNER, params: { name: clusterName }, expect: 403, what: 'not an admin' });
  await call('deleteCluster', { token: ADMIN, params: { name: clusterName }, expect: 204 });
  await call('deleteApplication', { token: VIEWER, params: { name: other }, expect: 404, what: 'hidden from a viewer of another application' });
  await call('deleteApplication', { token: OWNER, params: { name: other }, headers: { 'If-Match': '"999"' }, expect: 412, what: 'stale If-Match' });
  await call('deleteApplication', { token: OWNER, params: { name: other }, expect: 204 });
}

/** The smallest body the request schema accepts, so that Prism passes a call with a forged token on to the server. */
function minimalBody(spec, mediaType) {
  const schema = resolve(spec.requestBody.content[mediaType].schema ?? {});
  if (schema.type === 'string') return 'x';
  const body = {};
  for (const property of schema.required ?? []) body[property] = sample(resolve(schema.properties?.[property] ?? {}));
  return body;
}

function resolve(schema) {
  let current = schema;
  while (current.$ref) current = current.$ref.split('/').slice(1).reduce((node, key) => node[key], contract);
  return current;
}

function sample(schema) {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'integer': case 'number': return schema.minimum ?? 1;
    case 'boolean': return false;
    case 'array': return Array.from({ length: schema.minItems ?? 0 }, () => sample(resolve(schema.items ?? {})));
    case 'object': {
      const value = {};
      for (const property of schema.required ?? []) value[property] = sample(resolve(schema.properties?.[property] ?? {}));
      return value;
    }
    default: return schema.format === 'uuid' ? randomId : 'abc';
  }
}

const started = Date.now();
try {
  await main();
} catch (error) {
  failures.push(`the flow stopped: ${error.stack}`);
  console.log(`FAIL the flow stopped: ${error.stack}`);
}
const uncovered = [...operations.keys()].filter(id => !statusesSeen.has(id));
check('every operation of the contract was called', uncovered.length === 0, `never called: ${uncovered.join(', ')}`);
const noSuccess = [...operations.keys()].filter(id => ![...(statusesSeen.get(id) ?? [])].some(status => status < 300));
check('every operation answered a success at least once', noSuccess.length === 0, `no success for: ${noSuccess.join(', ')}`);
printUndeclared();
console.log(`\n${checks - failures.length - violations.length} of ${checks} checks passed in ${Math.round((Date.now() - started) / 1000)} s; ${violations.length} contract violations, ${failures.length} other failures`);
if (violations.length) console.log('Contract violations:\n' + violations.map(v => '  ' + v).join('\n'));
process.exit(violations.length || failures.length ? 1 : 0);
