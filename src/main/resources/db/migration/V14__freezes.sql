-- Freezes and sync windows: times when deployments into a target are refused (409) unless an
-- owner or an admin breaks the glass. A freeze applies to one environment (environment_id), to
-- every environment of a type (environment_type, optionally of one application), or to the whole
-- platform. Its window is one-off (starts_at, optional ends_at) or recurring (a Unix cron
-- expression, a duration and an IANA time zone, as Argo CD's sync windows). Freezes of an
-- application or environment go with it (cascade); so do those of a deleted environment type.
CREATE TABLE freezes (
    id               uuid PRIMARY KEY,
    name             varchar(40)   NOT NULL UNIQUE,
    scope            varchar(20)   NOT NULL,      -- ENVIRONMENT | ENVIRONMENT_TYPE | PLATFORM
    application_id   uuid          REFERENCES applications (id) ON DELETE CASCADE,
    application      varchar(40),
    environment_id   uuid          REFERENCES environments (id) ON DELETE CASCADE,
    environment      varchar(40),
    environment_type varchar(40)   REFERENCES environment_types (name) ON UPDATE CASCADE ON DELETE CASCADE,
    reason           varchar(2000) NOT NULL,
    starts_at        timestamptz,
    ends_at          timestamptz,
    cron             varchar(200),
    duration         varchar(20),
    time_zone        varchar(100),
    created_at       timestamptz   NOT NULL,
    created_by       varchar(200)  NOT NULL,
    version          bigint        NOT NULL DEFAULT 0,
    CONSTRAINT freezes_scope CHECK (
        (scope = 'ENVIRONMENT' AND environment_id IS NOT NULL AND application_id IS NOT NULL AND environment_type IS NULL)
        OR (scope = 'ENVIRONMENT_TYPE' AND environment_id IS NULL AND environment_type IS NOT NULL)
        OR (scope = 'PLATFORM' AND environment_id IS NULL AND application_id IS NULL AND environment_type IS NULL)),
    CONSTRAINT freezes_window CHECK (
        (cron IS NULL AND starts_at IS NOT NULL AND (ends_at IS NULL OR ends_at > starts_at))
        OR (cron IS NOT NULL AND duration IS NOT NULL AND time_zone IS NOT NULL AND starts_at IS NULL AND ends_at IS NULL))
);
CREATE INDEX freezes_environment ON freezes (environment_id) WHERE environment_id IS NOT NULL;
CREATE INDEX freezes_environment_type ON freezes (environment_type) WHERE environment_type IS NOT NULL;

-- A deployment that broke the glass through a freeze says who did and why.
ALTER TABLE deployments
    ADD COLUMN break_glass_by     varchar(200),
    ADD COLUMN break_glass_reason varchar(2000);
