-- Written as CockroachDB's documentation writes migrations: STRING, column families, UUID keys.
CREATE TABLE users (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    city        STRING NOT NULL,
    name        STRING,
    credit_card STRING,
    FAMILY "primary" (id, city, name),
    FAMILY secrets (credit_card)
);
