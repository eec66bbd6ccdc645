-- Four eyes: an environment type may ask for approvals before a deployment into it runs.
ALTER TABLE environment_types ADD COLUMN required_approvals integer NOT NULL DEFAULT 0
    CHECK (required_approvals BETWEEN 0 AND 2);
UPDATE environment_types SET required_approvals = 1, updated_at = now(), version = version + 1 WHERE name = 'production';

-- What a deployment needed when it was accepted (a later change of the type does not move the
-- goalposts of a waiting deployment), when its wait ends, and who asked for it by stable subject
-- (the four-eyes check compares subjects, not display names).
ALTER TABLE deployments ADD COLUMN required_approvals integer NOT NULL DEFAULT 0;
ALTER TABLE deployments ADD COLUMN approval_expires_at timestamptz;
ALTER TABLE deployments ADD COLUMN requested_by_subject varchar(255);
CREATE INDEX deployments_awaiting_approval ON deployments (approval_expires_at) WHERE status = 'AWAITING_APPROVAL';

-- Each decision on a waiting deployment: one per person (subject), so a second approval by the
-- same person is refused by the key as well as by the use case.
CREATE TABLE deployment_approvals (
    deployment_id uuid          NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    subject       varchar(255)  NOT NULL,
    name          varchar(255)  NOT NULL,
    subject_type  varchar(20)   NOT NULL,
    decision      varchar(10)   NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED')),
    comment       varchar(2000),
    created_at    timestamptz   NOT NULL,
    PRIMARY KEY (deployment_id, subject)
);
