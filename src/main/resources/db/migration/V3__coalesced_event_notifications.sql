-- NOTIFY inside a writing transaction serialises every such commit on PostgreSQL's global
-- notification lock, fsync included: with one NOTIFY per deployment write, accepting deployments
-- could not go faster than the disk. The trigger now only records the event; each replica sends
-- one coalesced wake-up NOTIFY after its commits (outside any write transaction), and every
-- replica reads the new events from the table (DeploymentEventHub).
CREATE OR REPLACE FUNCTION record_deployment_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO deployment_events (deployment_id, application, environment, status, reason, message, created_at)
        VALUES (NEW.id, NEW.application, NEW.environment, NEW.status, NEW.status_reason, NEW.status_message, clock_timestamp());
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER deployment_jobs_announce ON deployment_jobs;
DROP FUNCTION announce_deployment_job();
