-- Routes (issue 13). How routes are exposed (Ingress class, Gateway, TLS) is set per cluster and
-- per environment type (the type's fields win); null: the defaults (an Ingress of the cluster's
-- default class, no TLS). Objects at the top: Hibernate Reactive reads jsonb objects only.
ALTER TABLE clusters ADD COLUMN routing jsonb;
ALTER TABLE environment_types ADD COLUMN routing jsonb;

-- The routes a deployment exposes, placeholders resolved, as the runner rendered them
-- ({"items": [{url, host, path, workload, port}]}); no row for one without routes. A table of its
-- own: the deployments row maps whole onto the API's entity. Copied to the environment when the
-- deployment becomes its current one, so that reading an environment needs no join.
CREATE TABLE deployment_routes (
    deployment_id uuid  PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    routes        jsonb NOT NULL
);
ALTER TABLE environments ADD COLUMN routes jsonb;

-- A host belongs to one environment (of one application) across the platform. Literal hosts are
-- claimed when a deployment is accepted, hosts from placeholders when the runner resolves them;
-- a success releases the hosts neither it nor a deployment still to run routes. Deleting the
-- environment drops its claims.
CREATE TABLE route_hosts (
    host           varchar(253) PRIMARY KEY,
    application_id uuid         NOT NULL,
    environment_id uuid         NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    claimed_at     timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX route_hosts_environment ON route_hosts (environment_id);
