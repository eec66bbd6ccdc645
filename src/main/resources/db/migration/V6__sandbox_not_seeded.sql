-- The sandbox is a simulated, in-process cluster for dev mode, tests and demos. V1 seeded it as the
-- platform default and as the default cluster of every environment type, production included, so a
-- production database started out deploying into memory. From here on it is not seeded: Slipway
-- registers it at start-up only where slipway.sandbox.enabled=true (dev.slipway.local.sandbox), and
-- then never as the default cluster of a protected type.

-- Every default that points at the sandbox goes; where the sandbox is enabled, start-up sets the
-- platform default and the development/staging defaults again.
UPDATE environment_types SET default_cluster = NULL, updated_at = now(), version = version + 1
 WHERE default_cluster = 'sandbox';
UPDATE clusters SET is_default = false, updated_at = now(), version = version + 1
 WHERE name = 'sandbox' AND kind = 'SANDBOX' AND is_default;

-- The seeded row itself goes unless an environment runs on it (their history stays intact).
DELETE FROM clusters
 WHERE name = 'sandbox' AND kind = 'SANDBOX'
   AND NOT EXISTS (SELECT 1 FROM environments WHERE environments.cluster = clusters.name);
