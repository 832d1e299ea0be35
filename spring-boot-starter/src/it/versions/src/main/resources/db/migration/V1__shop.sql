-- A small shop: a uuid key with an optimistic-locking column, an identity key, an enum.

CREATE TYPE order_status AS ENUM ('new', 'paid');

CREATE TABLE customers (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email        text        NOT NULL,
    name         text        NOT NULL,
    updated_at   timestamptz,
    lock_version integer     NOT NULL DEFAULT 0,
    CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  uuid         NOT NULL REFERENCES customers (id),
    status       order_status NOT NULL DEFAULT 'new',
    total_cents  bigint       NOT NULL
);
