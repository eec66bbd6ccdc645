-- An environment's formation (Heroku's word): how many pods each of its long-running workloads
-- runs. Written with what each deployment applied and by :scale; a deployment whose spec leaves a
-- workload's replicas unset keeps the formation's number, so a scale survives the next release.
-- Workloads under an autoscaler have no row: their replicas belong to the autoscaler.
CREATE TABLE environment_formations (
    environment_id uuid        NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    workload       varchar(40) NOT NULL,
    replicas       integer     NOT NULL CHECK (replicas BETWEEN 0 AND 100),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (environment_id, workload)
);
