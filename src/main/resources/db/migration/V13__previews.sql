-- Previews: environments that expire and environments cloned from another one.

-- When the environment is torn down by the reaper (null: never); and the environment it was cloned
-- from (its name at the time, kept as text: the source may be deleted long before the clone).
ALTER TABLE environments ADD COLUMN expires_at timestamptz;
ALTER TABLE environments ADD COLUMN cloned_from varchar(40);
-- The reaper's sweep: active environments by expiry.
CREATE INDEX environments_expiring ON environments (expires_at) WHERE status = 'ACTIVE' AND expires_at IS NOT NULL;

-- An environment type's lifetimes, in whole seconds (null: none): the default an environment of the
-- type gets when it asks for none, and the most it may ask for or be extended to.
ALTER TABLE environment_types ADD COLUMN default_ttl_seconds bigint CHECK (default_ttl_seconds > 0);
ALTER TABLE environment_types ADD COLUMN max_ttl_seconds bigint CHECK (max_ttl_seconds > 0);
ALTER TABLE environment_types ADD CONSTRAINT environment_types_default_ttl_within_max
    CHECK (default_ttl_seconds IS NULL OR max_ttl_seconds IS NULL OR default_ttl_seconds <= max_ttl_seconds);

-- Previews (one per pull request, say): before development in the promotion order, not protected,
-- no default cluster (V6: the sandbox is never seeded; where it runs, start-up names it), 72 h by
-- default, at most 14 days. An installation that already made its own 'preview' type keeps it.
INSERT INTO environment_types (id, name, description, is_protected, promotion_order, default_cluster, created_at, created_by,
                               updated_at, version, default_ttl_seconds, max_ttl_seconds)
VALUES ('00000000-0000-4000-8000-000000000014', 'preview', 'Short-lived environments, e.g. one per pull request; they expire.',
        false, 5, NULL, now(), 'system', now(), 0, 259200, 1209600)
ON CONFLICT (name) DO NOTHING;
