-- Role-based access: role bindings (who holds which role where) and the append-only audit log.

CREATE TABLE role_bindings (
    id          uuid PRIMARY KEY,
    subject     varchar(300) NOT NULL,   -- user:<sub or username> | group:<group> | service-account:<client id>
    role        varchar(20)  NOT NULL,   -- VIEWER | DEVELOPER | DEPLOYER | OWNER | ADMIN
    scope       varchar(200) NOT NULL,   -- platform | application:<app> | application:<app>/environment-type:<type>
    application varchar(40),             -- the scope's application, for lookups and cleanup; null for platform
    created_at  timestamptz  NOT NULL,
    created_by  varchar(255) NOT NULL,
    CONSTRAINT role_bindings_unique UNIQUE (subject, role, scope)
);
-- Every request looks up the caller's bindings by subject; lists filter by scope.
CREATE INDEX role_bindings_subject ON role_bindings (subject);
CREATE INDEX role_bindings_scope ON role_bindings (scope, id);
CREATE INDEX role_bindings_application ON role_bindings (application, id);

CREATE TABLE audit_events (
    id              bigserial    PRIMARY KEY,
    occurred_at     timestamptz  NOT NULL DEFAULT clock_timestamp(),
    actor           varchar(300) NOT NULL,  -- the caller's name (username or client id), or "anonymous"
    subject_type    varchar(20)  NOT NULL,  -- USER | SERVICE_ACCOUNT | ANONYMOUS
    action          varchar(60)  NOT NULL,  -- a permission name such as deployment.create, or authentication
    resource_kind   varchar(40),
    resource        varchar(300),
    application     varchar(40),
    outcome         varchar(10)  NOT NULL,  -- ALLOWED | DENIED
    reason          varchar(1000) NOT NULL,
    request_id      varchar(200),
    source_address  varchar(100)
);
CREATE INDEX audit_events_application ON audit_events (application, id);
CREATE INDEX audit_events_actor ON audit_events (actor, id);
CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at);

-- The audit log is append-only for the application role too: no API changes it, and neither
-- can a bug or an injected statement.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
