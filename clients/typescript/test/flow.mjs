#!/usr/bin/env node
// End-to-end flow of the TypeScript SDK against a running Slipway: creates an application and
// environments (unique names), sets configuration and a secret, deploys to the sandbox cluster and
// waits, watches the events, rolls back, and checks permissions, asserting each answer.
//
// Usage: SLIPWAY_URL=http://127.0.0.1:8080 SLIPWAY_TOKEN=... SLIPWAY_ADMIN_TOKEN=... node test/flow.mjs
//   SLIPWAY_TOKEN        a user who is not a platform admin (the admin makes them the application's owner)
//   SLIPWAY_ADMIN_TOKEN  a platform admin
//   SLIPWAY_IMAGE        optional, default nginx:1.27
//   SLIPWAY_OIDC_ISSUER, SLIPWAY_CLIENT_ID, SLIPWAY_CLIENT_SECRET  optional: a confidential client with
//                        the client credentials grant; when set, the SDK's token provider is checked too
// Needs the built SDK (npm ci && npm run build in clients/typescript) and Node 20+. Exits 1 on any
// failed check, 2 when the environment is incomplete.
import { SlipwayClient, allItems, asSlipwayError, clientCredentials, ifMatch, waitForDeployment, watchDeployment, watchEvents } from '../dist/src/index.js';

const { SLIPWAY_URL, SLIPWAY_TOKEN, SLIPWAY_ADMIN_TOKEN } = process.env;
if (!SLIPWAY_URL || !SLIPWAY_TOKEN || !SLIPWAY_ADMIN_TOKEN) {
  console.error('usage: SLIPWAY_URL=... SLIPWAY_TOKEN=... SLIPWAY_ADMIN_TOKEN=... node test/flow.mjs');
  process.exit(2);
}
const image = process.env.SLIPWAY_IMAGE ?? 'nginx:1.27';
const user = new SlipwayClient({ baseUrl: SLIPWAY_URL, token: SLIPWAY_TOKEN });
const admin = new SlipwayClient({ baseUrl: SLIPWAY_URL, token: SLIPWAY_ADMIN_TOKEN });

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
const application = `ts-flow-${suffix}`;
let checks = 0;

/** One named check: prints ok, or FAIL with the reason and stops with exit code 1. */
async function check(what, body) {
  checks++;
  try {
    const detail = await body();
    console.log(`ok   ${what}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    console.log(`FAIL ${what}: ${error?.stack ?? error}`);
    if (error?.response) console.log(`     answer: HTTP ${error.response.status} ${await error.response.text().catch(() => '')}`);
    process.exit(1);
  }
}
/** Asserts that a call fails with this HTTP status; the message names the status and problem detail it got instead. */
async function expectStatus(call, status, what) {
  let failure;
  try {
    await call;
  } catch (error) {
    failure = await asSlipwayError(error);
    if (!failure) throw error;
  }
  if (failure?.status !== status) {
    throw new Error(`${what}: ${failure ? `${failure.status} ${failure.problem?.detail ?? ''}` : 'succeeded'}, expected ${status}`);
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
function equal(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

let subject;
await check('the caller is who the token says (access check without a subject)', async () => {
  const answer = await user.access.checkAccess({ accessCheckRequest: { action: 'application.create' } });
  subject = answer.subject;
  expect(typeof subject === 'string' && subject.includes(':'), `subject ${subject}`);
  return subject;
});

let app;
await check(`admin creates application ${application}`, async () => {
  app = await admin.applications.createApplication({
    createApplicationRequest: { name: application, ownerGroup: `ts-flow-owners-${suffix}`, displayName: 'SDK flow', labels: { flow: suffix } },
  });
  equal(app.name, application, 'name');
  expect(app.etag, 'etag');
});

await check('the application is hidden from the user before any grant (404, not 403)', async () => {
  await expectStatus(user.applications.getApplication({ name: application }), 404, 'status');
});

await check('admin makes the user owner of the application (role binding)', async () => {
  const binding = await admin.access.createRoleBinding({ createRoleBindingRequest: { subject, role: 'owner', scope: `application:${application}` } });
  equal(binding.subject, subject, 'subject');
  expect(binding.id, 'id');
});

await check('the user reads and updates the application with If-Match; a stale etag answers 412', async () => {
  const fetched = await user.applications.getApplication({ name: application });
  const updated = await user.applications.updateApplication({ name: application, ifMatch: ifMatch(fetched), applicationPatch: { description: 'changed by the SDK flow' } });
  equal(updated.description, 'changed by the SDK flow', 'description');
  expect(updated.etag !== fetched.etag, 'the etag changes with the object');
  await expectStatus(user.applications.updateApplication({ name: application, ifMatch: ifMatch(fetched), applicationPatch: { description: 'lost update' } }), 412, 'stale If-Match');
});

await check('the same Idempotency-Key twice creates one environment', async () => {
  const request = { application, createEnvironmentRequest: { name: 'dev', type: 'development' }, idempotencyKey: `flow-${suffix}` };
  const first = await user.environments.createEnvironment(request);
  const again = await user.environments.createEnvironment(request);
  equal(again.id, first.id, 'id of the replayed create');
  equal(first.cluster, 'sandbox', 'cluster');
});

await check('a second environment (default Idempotency-Key), then every environment through one-item pages', async () => {
  await user.environments.createEnvironment({ application, createEnvironmentRequest: { name: 'test', type: 'development' } });
  const pages = [];
  const names = [];
  for await (const environment of allItems(async (pageToken) => {
    const page = await user.environments.listEnvironments({ application, pageSize: 1, pageToken });
    pages.push(page);
    return page;
  })) {
    names.push(environment.name);
  }
  equal(names.sort().join(','), 'dev,test', 'environments');
  expect(pages.length >= 2, `${pages.length} pages`);
  return `${pages.length} pages`;
});

await check('configuration: a variable and a secret; the secret value is never returned', async () => {
  const base = await user.config.updateApplicationConfig({
    application,
    configChangeRequest: { message: 'SDK flow', changes: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', secret: 's3cr3t' }] },
  });
  const override = await user.config.updateEnvironmentConfig({
    application,
    environment: 'dev',
    configChangeRequest: { changes: [{ name: 'LOG_LEVEL', value: 'debug' }] },
  });
  expect(override.revision > base.revision, `revision ${override.revision} after ${base.revision}`);
  const effective = await user.config.getEnvironmentConfig({ application, environment: 'dev' });
  const entry = (name) => effective.entries?.find((e) => e.name === name);
  equal(entry('LOG_LEVEL')?.value, 'debug', 'LOG_LEVEL in dev');
  equal(entry('LOG_LEVEL')?.source, 'ENVIRONMENT', 'LOG_LEVEL source');
  equal(entry('DB_PASSWORD')?.type, 'SECRET', 'DB_PASSWORD type');
  equal(entry('DB_PASSWORD')?.secret?.set, true, 'DB_PASSWORD set');
  expect(entry('DB_PASSWORD')?.value === undefined && !JSON.stringify(effective).includes('s3cr3t'), 'the secret value leaked');
  return `revision ${effective.revision}`;
});

const spec = (img) => ({ containers: [{ name: 'web', image: img, ports: [{ containerPort: 80 }] }], servicePorts: [{ port: 80 }] });
let first;
await check(`deploy ${image} to dev and wait until it ends`, async () => {
  const accepted = await user.deployments.createDeployment({ application, environment: 'dev', createDeploymentRequest: { spec: spec(image), reason: 'SDK flow release 1' } });
  expect(accepted.id, 'id');
  first = await waitForDeployment(user, { application, environment: 'dev', id: accepted.id }, { timeoutMs: 120_000 });
  equal(first.status, 'SUCCEEDED', `status (${first.statusReason ?? ''} ${first.statusMessage ?? ''})`);
  expect(first.configRevision !== undefined, 'the deployment pins a configuration revision');
  return `${first.id}, config revision ${first.configRevision}`;
});

await check('the deployment\'s events, replayed from the start, end with SUCCEEDED', async () => {
  const statuses = [];
  const ids = [];
  for await (const event of watchDeployment(user, { application, environment: 'dev', id: first.id }, { lastEventId: '0', signal: AbortSignal.timeout(30_000) })) {
    equal(event.data.deploymentId, first.id, 'deploymentId');
    expect(event.data.createdAt instanceof Date, 'createdAt is a Date');
    statuses.push(event.data.status);
    ids.push(Number(event.id));
  }
  equal(statuses.at(-1), 'SUCCEEDED', 'last status');
  expect(ids.every((id, i) => i === 0 || id > ids[i - 1]), `event ids increase: ${ids}`);
  return statuses.join(' > ');
});

let second;
await check('a second release, then a rollback to the first, waited for', async () => {
  const accepted = await user.deployments.createDeployment({ application, environment: 'dev', createDeploymentRequest: { spec: spec(`${image}-alpine`), reason: 'SDK flow release 2' } });
  second = await waitForDeployment(user, { application, environment: 'dev', id: accepted.id }, { timeoutMs: 120_000 });
  equal(second.status, 'SUCCEEDED', 'second release');
  const rollback = await user.deployments.rollbackDeployment({ application, environment: 'dev', id: first.id, rollbackRequest: { reason: 'SDK flow rollback' } });
  equal(rollback.rollbackOf, first.id, 'rollbackOf');
  const done = await waitForDeployment(user, { application, environment: 'dev', id: rollback.id }, { timeoutMs: 120_000 });
  equal(done.status, 'SUCCEEDED', 'rollback');
  equal(done.spec?.containers?.[0]?.image, image, 'image after the rollback');
  const environment = await user.environments.getEnvironment({ application, environment: 'dev' });
  equal(environment.currentDeploymentId, rollback.id, 'the environment runs the rollback');
  return rollback.id;
});

await check('the application\'s event stream carries the rollback\'s events', async () => {
  const seen = new Set();
  for await (const event of watchEvents(user, { application, environment: 'dev', lastEventId: '0', signal: AbortSignal.timeout(30_000) })) {
    seen.add(event.data.deploymentId);
    equal(event.data.application, application, 'application');
    if (event.data.deploymentId !== first.id && event.data.deploymentId !== second.id && event.data.status === 'SUCCEEDED') break;
  }
  equal(seen.size, 3, 'deployments seen');
});

await check('access checks: the owner may deploy and delete, may not manage platform settings; the admin asks on the owner\'s behalf', async () => {
  const deploy = await user.access.checkAccess({ accessCheckRequest: { action: 'deployment.create', application, environment: 'dev' } });
  equal(deploy.allowed, true, 'deployment.create allowed');
  equal(deploy.subject, subject, 'subject');
  const platform = await user.access.checkAccess({ accessCheckRequest: { action: 'environment-type.manage' } });
  equal(platform.allowed, false, 'environment-type.manage allowed');
  const onBehalf = await admin.access.checkAccess({ accessCheckRequest: { action: 'application.delete', application, subject } });
  equal(onBehalf.allowed, true, 'application.delete for the owner');
  equal(onBehalf.subject, subject, 'subject asked about');
  await expectStatus(user.access.checkAccess({ accessCheckRequest: { action: 'deployment.create', application, subject: 'user:someone-else' } }), 403, 'asking about another subject without being admin');
});

await check('what the access check says is what the API does: the owner cannot create an environment type', async () => {
  await expectStatus(user.environmentTypes.createEnvironmentType({ environmentTypeSpec: { name: `ts-flow-${suffix}`, order: 99 } }), 403, 'status');
});

await check('the environment without deployments is deleted with If-Match, and gone', async () => {
  const environment = await user.environments.getEnvironment({ application, environment: 'test' });
  await user.environments.deleteEnvironment({ application, environment: 'test', ifMatch: ifMatch(environment) });
  await expectStatus(user.environments.getEnvironment({ application, environment: 'test' }), 404, 'after the delete');
});

const { SLIPWAY_OIDC_ISSUER, SLIPWAY_CLIENT_ID, SLIPWAY_CLIENT_SECRET } = process.env;
if (SLIPWAY_OIDC_ISSUER && SLIPWAY_CLIENT_ID && SLIPWAY_CLIENT_SECRET) {
  await check('client credentials: the SDK fetches one token for several calls and the server sees the service account', async () => {
    const issuerRequests = [];
    const countingFetch = (input, init) => (issuerRequests.push(String(input)), fetch(input, init));
    const ci = new SlipwayClient({
      baseUrl: SLIPWAY_URL,
      token: clientCredentials({ issuer: SLIPWAY_OIDC_ISSUER, clientId: SLIPWAY_CLIENT_ID, clientSecret: SLIPWAY_CLIENT_SECRET, fetch: countingFetch }),
    });
    // A platform action: the application is hidden from a client without a binding (404).
    const ask = () => ci.access.checkAccess({ accessCheckRequest: { action: 'environment-type.manage' } });
    const answers = await Promise.all([ask(), ask(), ask()]);
    await ask();
    equal(answers[0].subject, `service-account:${SLIPWAY_CLIENT_ID}`, 'subject');
    equal(answers[0].allowed, false, 'environment-type.manage allowed');
    await expectStatus(ci.applications.getApplication({ name: application }), 404, 'the application seen by a client without a binding');
    equal(issuerRequests.length, 2, `requests to the issuer (discovery and one token): ${issuerRequests}`);
  });
} else {
  console.log('skip client credentials: SLIPWAY_OIDC_ISSUER, SLIPWAY_CLIENT_ID and SLIPWAY_CLIENT_SECRET not set');
}

console.log(`all ${checks} checks passed (application ${application})`);
