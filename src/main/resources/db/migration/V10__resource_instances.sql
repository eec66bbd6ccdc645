-- Provisioned infrastructure: the resources of an environment (one per name, shared by every
-- deployment of the environment that asks for it) and the deployment phase that provisions them.

-- status: PROVISIONING | READY | FAILED | DELETING | RETAINED.
-- outputs holds the plain outputs; secret_outputs and generated hold, per name, the id of an
-- encrypted value in config_secret_values (owned by the application), never a value.
-- applied is what the driver put into the cluster ({"items": [...]}), for deprovisioning and for a
-- provision resumed after a crash; params_hash tells an unchanged request from a changed one.
CREATE TABLE resource_instances (
    id                 uuid PRIMARY KEY,
    environment_id     uuid          NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    application_id     uuid          NOT NULL REFERENCES applications (id),
    name               varchar(63)   NOT NULL,
    type               varchar(40)   NOT NULL,
    resource_class     varchar(40)   NOT NULL,
    params             jsonb         NOT NULL,
    params_hash        varchar(64)   NOT NULL,
    definition_name    varchar(40),
    definition_version bigint,
    driver             varchar(40),
    retain             boolean       NOT NULL DEFAULT false,
    status             varchar(20)   NOT NULL,
    status_reason      varchar(100),
    status_message     varchar(2000),
    outputs            jsonb         NOT NULL DEFAULT '{}'::jsonb,
    secret_outputs     jsonb         NOT NULL DEFAULT '{}'::jsonb,
    generated          jsonb         NOT NULL DEFAULT '{}'::jsonb,
    applied            jsonb         NOT NULL DEFAULT '{"items": []}'::jsonb,
    deployment_id      uuid,
    created_at         timestamptz   NOT NULL,
    updated_at         timestamptz   NOT NULL,
    version            bigint        NOT NULL,
    CONSTRAINT resource_instances_name_per_environment UNIQUE (environment_id, name)
);

ALTER TABLE deployments ADD COLUMN provisioning_at timestamptz;

-- Tearing an environment down is durable work, claimed like a deployment job: the lease says who
-- is doing it. cluster_footprint turns true before Slipway first puts anything into the cluster
-- for the environment (an environment without one is deleted at once); namespace_created says
-- whether Slipway made the namespace (and so may delete it).
ALTER TABLE environments ADD COLUMN cluster_footprint boolean NOT NULL DEFAULT false;
ALTER TABLE environments ADD COLUMN teardown_lease_owner varchar(100);
ALTER TABLE environments ADD COLUMN teardown_lease_expires_at timestamptz;
ALTER TABLE environments ADD COLUMN namespace_created boolean NOT NULL DEFAULT false;
-- Environments deployed to before this migration have something in their cluster.
UPDATE environments e SET cluster_footprint = true WHERE EXISTS (SELECT 1 FROM deployments d WHERE d.environment_id = e.id);
CREATE INDEX environments_deleting ON environments (status) WHERE status = 'DELETING';

-- Definitions and other data Slipway ships are created once per store (at start-up, by whichever
-- replica claims the name here first); an admin who deletes or changes one is not overruled later.
CREATE TABLE platform_seeds (
    name      varchar(100) PRIMARY KEY,
    seeded_at timestamptz  NOT NULL
);
