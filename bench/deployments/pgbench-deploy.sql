-- One pgbench transaction = what accepting a deployment must write: a deployment row with a
-- jsonb spec and its outbox (job) row, committed together (fsync and synchronous_commit as the
-- server is configured). The id is derived from two random numbers so no extra round trip is
-- needed to learn it. Tables are found through search_path (the schema made by pgbench-schema.sql):
--   PGOPTIONS='-c search_path=pgbench_deploy' pgbench -n -M prepared -D envs=N -f pgbench-deploy.sql
\set e random(1, :envs)
\set a random(1, 9223372036854775807)
\set b random(1, 9223372036854775807)
BEGIN;
INSERT INTO deployments (id, environment_id, application, environment, spec, status, requested_by,
        request_reason, source_commit, desired_replicas, created_at, updated_at, version)
VALUES (md5(:a::text || '-' || :b::text)::uuid, md5('pgbench-env-' || :e::text)::uuid, 'bench', 'thr-' || :e::text,
        '{"containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}], "replicas": 2, "servicePorts": [{"port": 80}]}'::jsonb,
        'PENDING', 'bench', 'pgbench throughput run', '0123456789abcdef0123456789abcdef01234567', 2, now(), now(), 0);
INSERT INTO deployment_jobs (deployment_id, environment_id, attempts, available_at, created_at)
VALUES (md5(:a::text || '-' || :b::text)::uuid, md5('pgbench-env-' || :e::text)::uuid, 0, now(), now());
END;
