-- drydock:allow lock-timeout the deploy job sets lock_timeout for its role
ALTER TABLE orders ALTER COLUMN total TYPE bigint;
CREATE TABLE notes (id int PRIMARY KEY);
ALTER TABLE notes ALTER COLUMN id TYPE bigint;
-- drydock:allow table-rewrite
ALTER TABLE audit ALTER COLUMN id TYPE bigint;
-- drydock:allow scan-under-lock nothing scans here
ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false;
