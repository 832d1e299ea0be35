-- Accounts keyed by uuid, for money transfers under serializable isolation.

CREATE TABLE accounts (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id     integer     REFERENCES users (id) ON DELETE SET NULL,
    balance      bigint      NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz,
    lock_version integer     NOT NULL DEFAULT 0,
    CONSTRAINT accounts_balance_non_negative CHECK (balance >= 0)
);
