-- A shop, as a team with its own schema writes it: a uuid key, an identity key, an enum, jsonb,
-- check constraints, a composite key, and a foreign key without ON DELETE (deleting a referenced
-- customer is refused).

CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');

CREATE TABLE customers (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email        text        NOT NULL,
    name         text        NOT NULL,
    profile      jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz,
    lock_version integer     NOT NULL DEFAULT 0,
    CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE orders (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  uuid         NOT NULL REFERENCES customers (id),
    status       order_status NOT NULL DEFAULT 'new',
    total_cents  bigint       NOT NULL,
    updated_at   timestamptz,
    lock_version bigint       NOT NULL DEFAULT 0,
    CONSTRAINT orders_total_non_negative CHECK (total_cents >= 0)
);

CREATE TABLE order_lines (
    order_id bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no  integer NOT NULL,
    sku      text    NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no)
);
