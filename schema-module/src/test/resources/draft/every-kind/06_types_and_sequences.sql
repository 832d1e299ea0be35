CREATE TYPE status AS ENUM ('pending', 'active', 'archived', 'deleted');
CREATE TYPE priority AS ENUM ('low', 'high');

CREATE DOMAIN email_address AS text
    CONSTRAINT email_has_at CHECK (VALUE LIKE '%@%.%');

CREATE SEQUENCE invoice_number_seq AS bigint START WITH 1000 INCREMENT BY 2;
CREATE SEQUENCE billing.tag_seq;
