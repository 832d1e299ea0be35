CREATE TABLE posts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      text        NOT NULL,
    slug       text        GENERATED ALWAYS AS (lower(title)) STORED,
    body       text        COLLATE "C",
    author_id  integer     NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX posts_created_idx ON posts (created_at);

CREATE TABLE users (
    id           serial PRIMARY KEY,
    name         text         NOT NULL,
    email        email_address NOT NULL,
    nickname     varchar(100),
    status       status       NOT NULL DEFAULT 'pending',
    priority     priority,
    is_active    boolean      DEFAULT true,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz,
    lock_version integer      NOT NULL DEFAULT 0,
    bio          text,
    CONSTRAINT unique_email UNIQUE (email)
);
CREATE INDEX name_idx ON users (name, created_at);
CREATE INDEX users_active_created_idx ON users (created_at DESC) INCLUDE (name) WHERE is_active;

CREATE TABLE invoices (
    number   bigint  NOT NULL DEFAULT nextval('invoice_number_seq'),
    user_id  integer REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    amount   numeric(12, 2) NOT NULL,
    CONSTRAINT invoices_pkey PRIMARY KEY (number),
    CONSTRAINT invoices_amount_positive CHECK (amount > 0)
);
ALTER SEQUENCE invoice_number_seq OWNED BY invoices.number;

CREATE TABLE documents (
    id      serial PRIMARY KEY,
    owner   text NOT NULL DEFAULT current_user,
    content text
);

CREATE TABLE audit.events (
    id         bigserial PRIMARY KEY,
    table_name text        NOT NULL,
    happened   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing.tags (
    id   int PRIMARY KEY DEFAULT nextval('billing.tag_seq'),
    name text NOT NULL UNIQUE
);
