-- Scratch tables for the pgbench side of the throughput comparison: the same columns, keys and
-- indexes as deployments / deployment_jobs in src/main/resources/db/migration/V2__deployments.sql,
-- in their own schema, without Slipway's triggers (event row + NOTIFY). Recreated every run.
DROP SCHEMA IF EXISTS pgbench_deploy CASCADE;
CREATE SCHEMA pgbench_deploy;
SET search_path = pgbench_deploy;

CREATE TABLE environments (
    id   uuid PRIMARY KEY,
    name varchar(40) NOT NULL
);
INSERT INTO environments (id, name)
SELECT md5('pgbench-env-' || n)::uuid, 'thr-' || n FROM generate_series(1, :envs) AS n;

CREATE TABLE deployments (
    id                     uuid PRIMARY KEY,
    environment_id         uuid         NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    application            varchar(40)  NOT NULL,
    environment            varchar(40)  NOT NULL,
    spec                   jsonb        NOT NULL,
    status                 varchar(20)  NOT NULL,
    status_reason          varchar(100),
    status_message         varchar(2000),
    requested_by           varchar(255) NOT NULL,
    request_reason         varchar(2000),
    source_commit          varchar(100),
    source_url             varchar(2048),
    previous_deployment_id uuid,
    rollback_of            uuid,
    promoted_from          uuid,
    desired_replicas       integer      NOT NULL,
    observed_replicas      integer,
    created_at             timestamptz  NOT NULL,
    applying_at            timestamptz,
    progressing_at         timestamptz,
    finished_at            timestamptz,
    updated_at             timestamptz  NOT NULL,
    version                bigint       NOT NULL
);
CREATE INDEX deployments_history ON deployments (environment_id, created_at DESC, id DESC);
CREATE INDEX deployments_in_progress ON deployments (environment_id, created_at) WHERE status IN ('PENDING', 'APPLYING', 'PROGRESSING');
CREATE INDEX deployments_succeeded ON deployments (environment_id, finished_at DESC) WHERE status = 'SUCCEEDED';

CREATE TABLE deployment_jobs (
    deployment_id    uuid PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    environment_id   uuid         NOT NULL,
    attempts         integer      NOT NULL DEFAULT 0,
    available_at     timestamptz  NOT NULL,
    lease_owner      varchar(100),
    lease_expires_at timestamptz,
    last_error       varchar(2000),
    created_at       timestamptz  NOT NULL
);
CREATE INDEX deployment_jobs_ready ON deployment_jobs (available_at, created_at);
CREATE INDEX deployment_jobs_environment ON deployment_jobs (environment_id);
