-- An application's role bindings are deleted with it, by the database, so that deleting an
-- application needs no knowledge of role bindings (features depend downward only) and a later
-- application of the same name starts with none. Bindings left behind by an earlier bug, if any,
-- are removed first: they name an application that no longer exists.
DELETE FROM role_bindings WHERE application IS NOT NULL AND application NOT IN (SELECT name FROM applications);
ALTER TABLE role_bindings ADD CONSTRAINT role_bindings_application_fkey
    FOREIGN KEY (application) REFERENCES applications (name) ON DELETE CASCADE ON UPDATE CASCADE;
