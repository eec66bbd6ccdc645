-- Webhooks: subscriptions (of one application, or platform-wide when application_id is null) and
-- their deliveries, an outbox. Deliveries are written by triggers in the transaction that records
-- what happened (a deployment event, a freeze, an expiry, a failed resource), so an event is never
-- lost between its commit and its delivery, and the features that write those rows know nothing of
-- webhooks. Delivery workers on any replica claim due rows with FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE webhook_subscriptions (
    id             uuid PRIMARY KEY,
    application_id uuid          REFERENCES applications (id) ON DELETE CASCADE,
    application    varchar(40),
    url            varchar(2048) NOT NULL,
    event_types    varchar(2100) NOT NULL,   -- event type names, comma-separated (names hold no commas)
    description    varchar(1000),
    enabled        boolean       NOT NULL DEFAULT true,
    -- the signing secret, sealed with the keyring and bound to the subscription's id
    key_id         varchar(64)   NOT NULL,
    format         smallint      NOT NULL,
    nonce          bytea         NOT NULL,
    ciphertext     bytea         NOT NULL,
    created_at     timestamptz   NOT NULL,
    created_by     varchar(200)  NOT NULL,
    updated_at     timestamptz   NOT NULL,
    version        bigint        NOT NULL DEFAULT 0,
    CONSTRAINT webhook_subscriptions_application CHECK ((application_id IS NULL) = (application IS NULL))
);
CREATE INDEX webhook_subscriptions_application ON webhook_subscriptions (application) WHERE enabled;
CREATE INDEX webhook_subscriptions_platform ON webhook_subscriptions (id) WHERE enabled AND application IS NULL;
CREATE INDEX webhook_subscriptions_key ON webhook_subscriptions (key_id);

CREATE TABLE webhook_deliveries (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),  -- webhook-id: stable across retries
    seq              bigint GENERATED ALWAYS AS IDENTITY,          -- the delivery log's order
    subscription_id  uuid          NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         varchar(200)  NOT NULL,                       -- the CloudEvent id
    event_type       varchar(100)  NOT NULL,
    source           varchar(500)  NOT NULL,
    subject          varchar(500),
    occurred_at      timestamptz   NOT NULL,
    data             jsonb         NOT NULL,
    state            varchar(20)   NOT NULL DEFAULT 'pending',     -- pending | delivered | failed
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    give_up_at       timestamptz   NOT NULL,                       -- retries stop after this (24 h)
    lease_owner      varchar(100),
    lease_expires_at timestamptz,
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_latency_ms  integer,
    last_error       varchar(1000),
    delivered_at     timestamptz,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT webhook_deliveries_state CHECK (state IN ('pending', 'delivered', 'failed')),
    CONSTRAINT webhook_deliveries_once UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, seq);

-- One delivery per enabled subscription that wants the event type: the application's own and the
-- platform-wide ones (p_application null: platform events, seen by platform-wide subscriptions only).
CREATE FUNCTION webhook_enqueue(p_application varchar, p_type varchar, p_event_id varchar, p_source varchar,
                                p_subject varchar, p_data jsonb) RETURNS void AS $$
BEGIN
    INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, source, subject, occurred_at, data,
                                    next_attempt_at, give_up_at)
    SELECT s.id, p_event_id, p_type, p_source, p_subject, now(), p_data, now(), now() + interval '24 hours'
    FROM webhook_subscriptions s
    WHERE s.enabled
      AND (s.application IS NULL OR s.application = p_application)
      AND p_type = ANY (string_to_array(s.event_types, ','))
    ON CONFLICT (subscription_id, event_id) DO NOTHING;
END;
$$ LANGUAGE plpgsql;

-- Deployment status changes (every event), and approvals asked for (a deployment entering AWAITING_APPROVAL).
CREATE FUNCTION webhook_deployment_event() RETURNS trigger AS $$
DECLARE
    payload jsonb := jsonb_strip_nulls(jsonb_build_object(
        'deploymentId', NEW.deployment_id, 'application', NEW.application, 'environment', NEW.environment,
        'status', NEW.status, 'reason', NEW.reason, 'message', NEW.message, 'eventId', NEW.id));
    source varchar := '/api/v1/applications/' || NEW.application || '/environments/' || NEW.environment;
    subject varchar := 'deployments/' || NEW.deployment_id;
BEGIN
    PERFORM webhook_enqueue(NEW.application, 'dev.slipway.deployment.status_changed', 'deployment-event-' || NEW.id,
                            source, subject, payload);
    IF NEW.status = 'AWAITING_APPROVAL' THEN
        PERFORM webhook_enqueue(NEW.application, 'dev.slipway.deployment.approval_requested',
                                'deployment-event-' || NEW.id || '-approval', source, subject, payload);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_deployment_events AFTER INSERT ON deployment_events
    FOR EACH ROW EXECUTE FUNCTION webhook_deployment_event();

-- Freezes created and lifted (deleted). A freeze whose one-off window simply runs out sends nothing.
CREATE FUNCTION webhook_freeze_event() RETURNS trigger AS $$
DECLARE
    f freezes;
    kind varchar;
BEGIN
    IF TG_OP = 'INSERT' THEN f := NEW; kind := 'created'; ELSE f := OLD; kind := 'ended'; END IF;
    PERFORM webhook_enqueue(f.application, 'dev.slipway.freeze.' || kind, 'freeze-' || f.id || '-' || kind,
                            '/api/v1/freezes', 'freezes/' || f.name,
                            jsonb_strip_nulls(jsonb_build_object('name', f.name, 'scope', f.scope, 'application', f.application,
                                'environment', f.environment, 'environmentType', f.environment_type, 'reason', f.reason,
                                'start', f.starts_at, 'end', f.ends_at, 'cron', f.cron, 'duration', f.duration,
                                'timeZone', f.time_zone)));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_freezes AFTER INSERT OR DELETE ON freezes
    FOR EACH ROW EXECUTE FUNCTION webhook_freeze_event();

-- Environments expired: the reaper marks an ACTIVE environment whose expiry has passed DELETING, with
-- updated_at at its clock's now (the clock that decided the expiry, which tests may set).
CREATE FUNCTION webhook_environment_expired() RETURNS trigger AS $$
DECLARE
    app varchar;
BEGIN
    SELECT name INTO app FROM applications WHERE id = NEW.application_id;
    PERFORM webhook_enqueue(app, 'dev.slipway.environment.expired', 'environment-' || NEW.id || '-expired',
                            '/api/v1/applications/' || app, 'environments/' || NEW.name,
                            jsonb_build_object('application', app, 'environment', NEW.name, 'type', NEW.type,
                                               'expiresAt', NEW.expires_at));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_environments_expired AFTER UPDATE OF status ON environments
    FOR EACH ROW WHEN (OLD.status = 'ACTIVE' AND NEW.status = 'DELETING' AND NEW.expires_at IS NOT NULL
                       AND NEW.expires_at <= NEW.updated_at)
    EXECUTE FUNCTION webhook_environment_expired();

-- Resources whose provisioning failed (each entry into FAILED is one event).
CREATE FUNCTION webhook_resource_failed() RETURNS trigger AS $$
DECLARE
    app varchar;
    env varchar;
BEGIN
    SELECT a.name, e.name INTO app, env FROM environments e JOIN applications a ON a.id = e.application_id
    WHERE e.id = NEW.environment_id;
    PERFORM webhook_enqueue(app, 'dev.slipway.resource.failed', 'resource-' || NEW.id || '-failed-' || NEW.version,
                            '/api/v1/applications/' || app || '/environments/' || env, 'resources/' || NEW.name,
                            jsonb_strip_nulls(jsonb_build_object('application', app, 'environment', env, 'resource', NEW.name,
                                'type', NEW.type, 'class', NEW.resource_class, 'reason', NEW.status_reason,
                                'message', NEW.status_message)));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_resources_failed_at_once AFTER INSERT ON resource_instances
    FOR EACH ROW WHEN (NEW.status = 'FAILED')
    EXECUTE FUNCTION webhook_resource_failed();
CREATE TRIGGER webhook_resources_failed AFTER UPDATE OF status ON resource_instances
    FOR EACH ROW WHEN (OLD.status <> 'FAILED' AND NEW.status = 'FAILED')
    EXECUTE FUNCTION webhook_resource_failed();
