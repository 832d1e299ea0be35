-- Desired state of drift/base with every object kind added, changed or dropped. The files are
-- named so that every dependant is read before what it depends on.
DO $$ BEGIN CREATE ROLE drydock_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
GRANT SELECT ON users TO drydock_reader;
GRANT SELECT ON posts TO drydock_reader;
COMMENT ON TABLE users IS 'people who sign in, and their managers';
COMMENT ON COLUMN users.name IS 'display name';
COMMENT ON SCHEMA audit IS 'audit trail, kept a year';
