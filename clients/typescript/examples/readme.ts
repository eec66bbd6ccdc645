// The TypeScript example of clients/README.md, verbatim below the marker: the build type-checks it
// (tsconfig.examples.json) and test/unit/readme.test.mjs fails when the README shows other code.
declare const clientSecret: string;
// ---- README ----
import { SlipwayClient, clientCredentials, waitForDeployment, watchDeployment } from '@slipway/client';

const slipway = new SlipwayClient({
  baseUrl: 'https://slipway.example.com',
  token: clientCredentials({ issuer: 'https://keycloak.example.com/realms/slipway', clientId: 'slipway-ci', clientSecret }),
});
const accepted = await slipway.deployments.createDeployment({
  application: 'checkout', environment: 'dev',
  createDeploymentRequest: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] }, reason: 'release 1.4.2' },
});
const ref = { application: 'checkout', environment: 'dev', id: accepted.id! };
for await (const event of watchDeployment(slipway, ref, { lastEventId: '0' })) console.log(event.data.status);
const done = await waitForDeployment(slipway, ref);
