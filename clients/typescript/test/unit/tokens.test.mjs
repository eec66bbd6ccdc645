import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientCredentials, tokenProvider } from '../../dist/src/index.js';

function issuer({ expiresIn = 300, status = 200 } = {}) {
  const requests = [];
  let issued = 0;
  const fetch = async (url, init) => {
    requests.push({ url: String(url), body: init?.body && String(init.body) });
    if (String(url).endsWith('/.well-known/openid-configuration')) {
      return Response.json({ token_endpoint: 'https://idp.test/realms/r/token' });
    }
    if (status !== 200) return new Response('{"error":"invalid_client"}', { status });
    issued++;
    return Response.json({ access_token: `t${issued}`, expires_in: expiresIn, token_type: 'Bearer' });
  };
  return { fetch, requests };
}

test('a static token is answered as it is', async () => {
  assert.equal(await tokenProvider('abc')(), 'abc');
});

test('client credentials: one request, the token kept until shortly before it expires, then refreshed', async () => {
  const idp = issuer({ expiresIn: 300 });
  let clock = 1_000_000;
  const token = clientCredentials({ tokenUrl: 'https://idp.test/token', clientId: 'ci', clientSecret: 's', fetch: idp.fetch, now: () => clock });
  assert.equal(await token(), 't1');
  clock += 260_000; // 40 s before expiry: still outside the 30 s margin
  assert.equal(await token(), 't1');
  clock += 15_000; // 25 s before expiry: inside the margin
  assert.equal(await token(), 't2');
  assert.equal(idp.requests.length, 2);
  const form = new URLSearchParams(idp.requests[0].body);
  assert.equal(form.get('grant_type'), 'client_credentials');
  assert.equal(form.get('client_id'), 'ci');
  assert.equal(form.get('client_secret'), 's');
});

test('client credentials: concurrent callers share one token request', async () => {
  const idp = issuer();
  const token = clientCredentials({ tokenUrl: 'https://idp.test/token', clientId: 'ci', clientSecret: 's', fetch: idp.fetch });
  const tokens = await Promise.all([token(), token(), token()]);
  assert.deepEqual(tokens, ['t1', 't1', 't1']);
  assert.equal(idp.requests.length, 1);
});

test('client credentials: the token endpoint is found through the issuer discovery document', async () => {
  const idp = issuer();
  const token = clientCredentials({ issuer: 'https://idp.test/realms/r/', clientId: 'ci', clientSecret: 's', fetch: idp.fetch });
  assert.equal(await token(), 't1');
  assert.deepEqual(idp.requests.map((r) => r.url), ['https://idp.test/realms/r/.well-known/openid-configuration', 'https://idp.test/realms/r/token']);
});

test('client credentials: a refused request fails with the status', async () => {
  const token = clientCredentials({ tokenUrl: 'https://idp.test/token', clientId: 'ci', clientSecret: 'wrong', fetch: issuer({ status: 401 }).fetch });
  await assert.rejects(token(), /HTTP 401/);
});

test('client credentials: short-lived tokens are still reused for half their lifetime', async () => {
  const idp = issuer({ expiresIn: 20 });
  let clock = 0;
  const token = clientCredentials({ tokenUrl: 'https://idp.test/token', clientId: 'ci', clientSecret: 's', fetch: idp.fetch, now: () => clock });
  await token();
  clock += 9_000;
  await token();
  assert.equal(idp.requests.length, 1);
  clock += 2_000;
  await token();
  assert.equal(idp.requests.length, 2);
});
