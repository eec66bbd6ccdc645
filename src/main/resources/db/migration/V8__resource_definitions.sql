-- Infrastructure: resource types (what a resource of a kind offers: its outputs, each secret or
-- not) and resource definitions (how a resource of a type is provided, and for which requests).

-- outputs: {"items": [{"name": "host", "description": "...", "secret": false}, ...]} in the order shown
-- (an object at the top: Hibernate Reactive reads jsonb objects only).
-- Built-in types are seeded here and read-only through the API.
CREATE TABLE resource_types (
    id          uuid PRIMARY KEY,
    name        varchar(40)   NOT NULL UNIQUE,
    description varchar(1000),
    outputs     jsonb         NOT NULL,
    built_in    boolean       NOT NULL DEFAULT false,
    created_at  timestamptz   NOT NULL,
    created_by  varchar(255)  NOT NULL,
    updated_at  timestamptz   NOT NULL,
    version     bigint        NOT NULL
);

INSERT INTO resource_types (id, name, description, outputs, built_in, created_at, created_by, updated_at, version)
VALUES ('00000000-0000-4000-8000-000000000101', 'postgres', 'A PostgreSQL database.', '{"items": [
          {"name": "host", "description": "Host name or address of the server.", "secret": false},
          {"name": "port", "description": "TCP port of the server.", "secret": false},
          {"name": "name", "description": "Database name.", "secret": false},
          {"name": "username", "description": "User to connect as.", "secret": false},
          {"name": "password", "description": "That user''s password.", "secret": true},
          {"name": "url", "description": "Connection URL, credentials included (postgresql://user:password@host:port/name).", "secret": true}
        ]}', true, now(), 'system', now(), 0),
       ('00000000-0000-4000-8000-000000000102', 'redis', 'A Redis (or compatible) server.', '{"items": [
          {"name": "host", "description": "Host name or address of the server.", "secret": false},
          {"name": "port", "description": "TCP port of the server.", "secret": false},
          {"name": "password", "description": "Password (AUTH).", "secret": true},
          {"name": "url", "description": "Connection URL, password included (redis://:password@host:port).", "secret": true}
        ]}', true, now(), 'system', now(), 0),
       ('00000000-0000-4000-8000-000000000103', 's3', 'An S3 (or compatible) object storage bucket.', '{"items": [
          {"name": "bucket", "description": "Bucket name.", "secret": false},
          {"name": "region", "description": "Region of the bucket.", "secret": false},
          {"name": "endpoint", "description": "Endpoint URL of the storage service.", "secret": false},
          {"name": "accessKeyId", "description": "Access key id.", "secret": false},
          {"name": "secretAccessKey", "description": "Secret access key.", "secret": true}
        ]}', true, now(), 'system', now(), 0),
       ('00000000-0000-4000-8000-000000000104', 'dns', 'A DNS name the workload is reachable under.', '{"items": [
          {"name": "host", "description": "The fully qualified host name.", "secret": false}
        ]}', true, now(), 'system', now(), 0);

-- driver_values: the driver's plain inputs (free-form JSON). driver_secrets: the secret inputs by
-- name, each {"valueId", "version", "fingerprint"} naming a platform-owned row of
-- config_secret_values, never a value. criteria: {"items": [{"environmentType"?, "environment"?,
-- "application"?, "class"}]} (class always stored, default "default"); the most specific matching
-- criterion of any definition of the type serves a request. Every change bumps version.
CREATE TABLE resource_definitions (
    id             uuid PRIMARY KEY,
    name           varchar(40)   NOT NULL UNIQUE,
    type           varchar(40)   NOT NULL REFERENCES resource_types (name),
    driver         varchar(63)   NOT NULL,
    driver_values  jsonb         NOT NULL DEFAULT '{}'::jsonb,
    driver_secrets jsonb         NOT NULL DEFAULT '{}'::jsonb,
    criteria       jsonb         NOT NULL,
    retain         boolean       NOT NULL DEFAULT false,
    created_at     timestamptz   NOT NULL,
    created_by     varchar(255)  NOT NULL,
    updated_at     timestamptz   NOT NULL,
    updated_by     varchar(255)  NOT NULL,
    version        bigint        NOT NULL
);
-- Matching and the write-time tie check read every definition of one type.
CREATE INDEX resource_definitions_type ON resource_definitions (type, name);

-- Secret values may belong to the platform (a resource definition's secret inputs) rather than to
-- an application: application_id is null for them, and their additional authenticated data names
-- the platform instead of an application. Re-encryption moves them like every other value.
ALTER TABLE config_secret_values ALTER COLUMN application_id DROP NOT NULL;
