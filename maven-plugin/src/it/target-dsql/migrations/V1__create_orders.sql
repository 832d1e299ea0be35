-- Written as Aurora DSQL's documentation writes migrations: uuid keys, one DDL statement a file.
CREATE TABLE orders (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    customer_id UUID NOT NULL,
    status      VARCHAR(20) NOT NULL DEFAULT 'new',
    total       NUMERIC(10, 2),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
