-- Base schema of the drift scenarios: at least one object of every kind the diff compares.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE SCHEMA audit;
COMMENT ON SCHEMA audit IS 'audit trail';

CREATE TYPE status AS ENUM ('pending', 'active', 'archived');

CREATE DOMAIN email_address AS text
    CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%');

CREATE SEQUENCE invoice_number_seq AS bigint START WITH 1000 INCREMENT BY 1;

CREATE TABLE users (
    id           serial PRIMARY KEY,
    name         text         NOT NULL,
    email        email_address NOT NULL,
    nickname     varchar(50),
    age          integer,
    status       status       NOT NULL DEFAULT 'pending',
    is_active    boolean      DEFAULT true,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    lock_version integer      NOT NULL DEFAULT 0,
    CONSTRAINT unique_email UNIQUE (email),
    CONSTRAINT users_age_check CHECK (age >= 0)
);
COMMENT ON TABLE users IS 'people who sign in';
COMMENT ON COLUMN users.name IS 'display name';

CREATE INDEX name_idx ON users (name);
CREATE INDEX users_active_created_idx ON users (created_at DESC) INCLUDE (name) WHERE is_active;

CREATE TABLE posts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      text        NOT NULL,
    slug       text        GENERATED ALWAYS AS (lower(title)) STORED,
    body       text        COLLATE "C",
    author_id  integer     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX posts_author_id_idx ON posts (author_id);

CREATE TABLE invoices (
    number   bigint  NOT NULL DEFAULT nextval('invoice_number_seq'),
    user_id  integer REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    amount   numeric(12, 2) NOT NULL,
    CONSTRAINT invoices_pkey PRIMARY KEY (number)
);
ALTER SEQUENCE invoice_number_seq OWNED BY invoices.number;

CREATE TABLE measurements (
    id        bigint NOT NULL,
    logged_at date   NOT NULL,
    value     double precision
) PARTITION BY RANGE (logged_at);
CREATE TABLE measurements_2025 PARTITION OF measurements
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE measurements_2026 PARTITION OF measurements
    FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE documents (
    id      serial PRIMARY KEY,
    owner   text NOT NULL DEFAULT current_user,
    content text
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents USING (owner = current_user);

CREATE TABLE audit.events (
    id         bigserial PRIMARY KEY,
    table_name text        NOT NULL,
    happened   timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION touch_created_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.created_at := now();
    RETURN NEW;
END;
$$;

CREATE FUNCTION add_numbers(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT a + b $$;

CREATE PROCEDURE archive_user(p_id integer)
    LANGUAGE sql AS $$ UPDATE users SET status = 'archived' WHERE id = p_id $$;

CREATE TRIGGER posts_touch BEFORE INSERT ON posts
    FOR EACH ROW EXECUTE FUNCTION touch_created_at();

CREATE VIEW active_users AS
    SELECT id, name, email FROM users WHERE is_active;

CREATE MATERIALIZED VIEW post_counts AS
    SELECT author_id, count(*) AS posts FROM posts GROUP BY author_id;
CREATE UNIQUE INDEX post_counts_author_idx ON post_counts (author_id);

DO $$ BEGIN CREATE ROLE drydock_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
GRANT SELECT ON users TO drydock_reader;
