-- Backbone schema: clusters, environment types, applications, environments, idempotency keys.
-- Ids are application-assigned UUIDs; "version" backs optimistic locking and the ETags.

CREATE TABLE clusters (
    id              uuid PRIMARY KEY,
    name            varchar(40)  NOT NULL UNIQUE,
    description     varchar(1000),
    kind            varchar(20)  NOT NULL,             -- SANDBOX | IN_CLUSTER | EXTERNAL
    api_url         varchar(2048),
    credentials_ref varchar(512),                      -- a reference (e.g. secret:ns/name), never a credential
    is_default      boolean      NOT NULL DEFAULT false,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(255) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL
);
-- At most one default cluster.
CREATE UNIQUE INDEX clusters_single_default ON clusters (is_default) WHERE is_default;

CREATE TABLE environment_types (
    id              uuid PRIMARY KEY,
    name            varchar(40)  NOT NULL UNIQUE,
    description     varchar(1000),
    is_protected    boolean      NOT NULL DEFAULT false,
    promotion_order integer      NOT NULL,
    default_cluster varchar(40)  REFERENCES clusters (name) ON UPDATE CASCADE,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(255) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL
);

CREATE TABLE applications (
    id              uuid PRIMARY KEY,
    name            varchar(40)  NOT NULL UNIQUE,
    display_name    varchar(200),
    description     varchar(4000),
    owner_group     varchar(255) NOT NULL,
    repository_url  varchar(2048),
    labels          jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(255) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL
);
-- Lists page by name (the unique index above); these keep the filters fast at 10k+ rows.
CREATE INDEX applications_owner_group_name ON applications (owner_group, name);
CREATE INDEX applications_labels ON applications USING gin (labels jsonb_path_ops);

CREATE TABLE environments (
    id              uuid PRIMARY KEY,
    application_id  uuid         NOT NULL REFERENCES applications (id),
    name            varchar(40)  NOT NULL,
    type            varchar(40)  NOT NULL REFERENCES environment_types (name) ON UPDATE CASCADE,
    cluster         varchar(40)  NOT NULL REFERENCES clusters (name) ON UPDATE CASCADE,
    namespace       varchar(63)  NOT NULL,
    labels          jsonb        NOT NULL DEFAULT '{}'::jsonb,
    status          varchar(20)  NOT NULL,
    created_at      timestamptz  NOT NULL,
    created_by      varchar(255) NOT NULL,
    updated_at      timestamptz  NOT NULL,
    version         bigint       NOT NULL,
    CONSTRAINT environments_name_per_application UNIQUE (application_id, name),
    CONSTRAINT environments_namespace_per_cluster UNIQUE (cluster, namespace)
);
CREATE INDEX environments_labels ON environments USING gin (labels jsonb_path_ops);
CREATE INDEX environments_type ON environments (type);

-- Idempotency-Key (REST) and request_id (gRPC) records. A row is IN_FLIGHT while the first
-- request runs, COMPLETED with the response it produced, and is removed when that request failed
-- so the caller can retry with the same key.
CREATE TABLE idempotency_keys (
    scope_key       varchar(600) PRIMARY KEY,          -- caller subject + key
    fingerprint     varchar(64)  NOT NULL,             -- sha-256 of operation + request
    state           varchar(20)  NOT NULL,             -- IN_FLIGHT | COMPLETED
    response_status integer,
    response_body   jsonb,
    claimed_at      timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Seed: the sandbox cluster and the three standard environment types.
INSERT INTO clusters (id, name, description, kind, is_default, created_at, created_by, updated_at, version)
VALUES ('00000000-0000-4000-8000-000000000001', 'sandbox',
        'In-process Kubernetes API server with a simulated controller; no real workloads run here.',
        'SANDBOX', true, now(), 'system', now(), 0);

INSERT INTO environment_types (id, name, description, is_protected, promotion_order, default_cluster, created_at, created_by, updated_at, version)
VALUES ('00000000-0000-4000-8000-000000000011', 'development', 'Day-to-day development and previews.', false, 10, 'sandbox', now(), 'system', now(), 0),
       ('00000000-0000-4000-8000-000000000012', 'staging', 'Pre-production verification.', false, 20, 'sandbox', now(), 'system', now(), 0),
       ('00000000-0000-4000-8000-000000000013', 'production', 'Live traffic; deploys need an approval or a deployer.', true, 30, 'sandbox', now(), 'system', now(), 0);
