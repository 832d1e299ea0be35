CREATE TABLE customers (
  id bigint PRIMARY KEY,
  email text NOT NULL
);
ALTER TABLE customers ADD COLUMN phone text;
