-- Clusters hold real credentials: a kubeconfig, or a bearer token with a CA bundle, submitted once
-- and sealed with the same keyring as configuration secrets (AES-256-GCM; the additional
-- authenticated data binds each ciphertext to its cluster and key id). The clusters row says which
-- kind is set, how often it was set (the driver rebuilds a cluster's client when that changes) and
-- when; the sealed bytes live apart, so no read of clusters ever loads them.
ALTER TABLE clusters
    ADD COLUMN credentials_type       varchar(20),       -- KUBECONFIG | TOKEN; null: none (or credentials_ref)
    ADD COLUMN credentials_version    bigint NOT NULL DEFAULT 0,
    ADD COLUMN credentials_rotated_at timestamptz;

CREATE TABLE cluster_credentials (
    cluster_id  uuid PRIMARY KEY REFERENCES clusters (id) ON DELETE CASCADE,
    key_id      varchar(64) NOT NULL,
    format      smallint    NOT NULL,
    nonce       bytea       NOT NULL,
    ciphertext  bytea       NOT NULL,
    sealed_at   timestamptz NOT NULL
);
CREATE INDEX cluster_credentials_key ON cluster_credentials (key_id);
