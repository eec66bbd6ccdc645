-- Deployment management: deployments (immutable but for their status), the job outbox the
-- reconciler claims, and the event log that watchers read and resume from.

ALTER TABLE environments ADD COLUMN auto_rollback boolean NOT NULL DEFAULT false;
-- The last deployment that succeeded here, kept by the reconciler.
ALTER TABLE environments ADD COLUMN current_deployment_id uuid;

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
-- History lists newest first; the partial index finds what is still in progress.
CREATE INDEX deployments_history ON deployments (environment_id, created_at DESC, id DESC);
CREATE INDEX deployments_in_progress ON deployments (environment_id, created_at) WHERE status IN ('PENDING', 'APPLYING', 'PROGRESSING');
CREATE INDEX deployments_succeeded ON deployments (environment_id, finished_at DESC) WHERE status = 'SUCCEEDED';

-- The outbox: one row per deployment still to be driven onto its cluster. Workers claim rows with
-- FOR UPDATE SKIP LOCKED and hold a lease they renew; an expired lease (crashed worker) makes the
-- row claimable again. available_at carries the retry backoff.
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

-- Every status change, in commit order per writer; the id is the SSE event id (Last-Event-ID).
CREATE TABLE deployment_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    deployment_id uuid         NOT NULL,
    application   varchar(40)  NOT NULL,
    environment   varchar(40)  NOT NULL,
    status        varchar(20)  NOT NULL,
    reason        varchar(100),
    message       varchar(2000),
    created_at    timestamptz  NOT NULL
);
CREATE INDEX deployment_events_deployment ON deployment_events (deployment_id, id);
CREATE INDEX deployment_events_scope ON deployment_events (application, environment, id);

-- What Slipway last applied per environment (for drift and pruning).
CREATE TABLE applied_manifests (
    environment_id uuid PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
    deployment_id  uuid        NOT NULL,
    manifests      jsonb       NOT NULL,
    applied_at     timestamptz NOT NULL
);

-- Every status change is recorded and announced by the database itself, in the transaction that
-- makes it, whoever writes it (API or reconciler, any replica). NOTIFY is delivered on commit.
CREATE FUNCTION record_deployment_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    event deployment_events%ROWTYPE;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO deployment_events (deployment_id, application, environment, status, reason, message, created_at)
        VALUES (NEW.id, NEW.application, NEW.environment, NEW.status, NEW.status_reason, NEW.status_message, clock_timestamp())
        RETURNING * INTO event;
        PERFORM pg_notify('slipway_deployment_events', json_build_object(
            'id', event.id, 'deploymentId', event.deployment_id, 'application', event.application,
            'environment', event.environment, 'status', event.status, 'reason', event.reason,
            'message', left(event.message, 1000), 'createdAt', event.created_at)::text);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER deployments_record_event AFTER INSERT OR UPDATE OF status ON deployments
    FOR EACH ROW EXECUTE FUNCTION record_deployment_event();

-- New or retried jobs wake idle workers at once instead of at their next poll.
CREATE FUNCTION announce_deployment_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('slipway_deployment_jobs', NEW.deployment_id::text);
    RETURN NEW;
END $$;
CREATE TRIGGER deployment_jobs_announce AFTER INSERT OR UPDATE OF available_at ON deployment_jobs
    FOR EACH ROW EXECUTE FUNCTION announce_deployment_job();
