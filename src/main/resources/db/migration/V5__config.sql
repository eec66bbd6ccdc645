-- Configuration management: immutable revisions of an application's base configuration and of
-- its environments' overrides, encrypted secret values, and the revision a deployment pins.

-- One row per change. Numbers count up per application, whichever scope changed (the base when
-- environment_id is null, else that environment's overrides), so one number names the effective
-- configuration of every environment: base and overrides as of the latest revision <= n.
-- entries is the complete state of the changed scope after the change; secrets appear in it only
-- as the id of a row in config_secret_values, never as a value.
CREATE TABLE config_revisions (
    id             uuid PRIMARY KEY,
    application_id uuid          NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    number         bigint        NOT NULL,
    environment_id uuid          REFERENCES environments (id) ON DELETE CASCADE,
    environment    varchar(40),
    message        varchar(2000),
    restored_from  bigint,
    entries        jsonb         NOT NULL,
    changes        jsonb         NOT NULL,
    created_by     varchar(255)  NOT NULL,
    created_at     timestamptz   NOT NULL,
    CONSTRAINT config_revisions_number_per_application UNIQUE (application_id, number),
    CONSTRAINT config_revisions_number_positive CHECK (number > 0)
);
-- The state of one scope as of a revision: the newest row of that scope at or below it.
CREATE INDEX config_revisions_scope ON config_revisions (application_id, environment_id, number DESC);

-- Secret values, AES-256-GCM encrypted under the key named by key_id (format 1: 12-byte random
-- nonce, ciphertext with the 16-byte tag appended; the additional authenticated data binds the
-- ciphertext to its row, application and key). Rows are immutable but for re-encryption under a
-- newer key, which keeps the id, so revisions never change.
CREATE TABLE config_secret_values (
    id             uuid PRIMARY KEY,
    application_id uuid          NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    key_id         varchar(64)   NOT NULL,
    format         smallint      NOT NULL,
    nonce          bytea         NOT NULL,
    ciphertext     bytea         NOT NULL,
    created_at     timestamptz   NOT NULL,
    reencrypted_at timestamptz
);
-- Re-encryption looks for values under any key but the active one.
CREATE INDEX config_secret_values_key ON config_secret_values (key_id);

-- The configuration revision a deployment delivers (null: the application had no configuration).
ALTER TABLE deployments ADD COLUMN config_revision bigint;
