// The README's example, type-checked by `npm run build` (tsconfig.examples.json) so that it keeps
// compiling against the generated client as the contract changes.
import {
  SlipwayClient,
  allItems,
  clientCredentials,
  ifMatch,
  waitForDeployment,
  watchDeployment,
  DeploymentStatus,
  type Deployment,
} from '../src/index.js';

/** Deploys an image to an environment from a CI job and reports how it went. */
export async function deployFromCi(baseUrl: string, issuer: string, clientSecret: string, image: string): Promise<Deployment> {
  const slipway = new SlipwayClient({
    baseUrl,
    // Tokens for the CI client, fetched when needed and renewed before they expire.
    token: clientCredentials({ issuer, clientId: 'slipway-ci', clientSecret }),
  });

  // Every list is paged; allItems fetches the next page when the loop gets there.
  for await (const app of allItems((pageToken) => slipway.applications.listApplications({ pageToken, labelSelector: 'team=payments' }))) {
    console.log(app.name, app.ownerGroup);
  }

  // Safe updates: If-Match from the etag of what was read; a concurrent change answers 412.
  const app = await slipway.applications.getApplication({ name: 'checkout' });
  await slipway.applications.updateApplication({
    name: 'checkout',
    ifMatch: ifMatch(app),
    applicationPatch: { description: 'Checkout service' },
  });

  // Creates carry an Idempotency-Key (a random UUID unless you pass idempotencyKey), so the
  // client's retries of a failed request cannot start two deployments.
  const accepted = await slipway.deployments.createDeployment({
    application: 'checkout',
    environment: 'dev',
    createDeploymentRequest: {
      reason: `deploy ${image}`,
      spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 80 }] }], servicePorts: [{ port: 80 }] },
    },
  });
  const ref = { application: 'checkout', environment: 'dev', id: accepted.id! };

  // Either follow its events as they happen (the loop ends with the deployment)...
  for await (const event of watchDeployment(slipway, ref, { lastEventId: '0' })) {
    console.log(event.data.createdAt?.toISOString(), event.data.status, event.data.message ?? '');
  }
  // ...or just wait for the outcome (long-poll).
  const done = await waitForDeployment(slipway, ref, { timeoutMs: 5 * 60_000 });
  if (done.status !== DeploymentStatus.Succeeded) {
    throw new Error(`deployment ${done.id} ended ${done.status}: ${done.statusMessage ?? ''}`);
  }
  return done;
}
