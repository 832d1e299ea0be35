-- the tables production already has
CREATE TABLE rw (id int PRIMARY KEY, n int, v varchar(20));
CREATE TABLE nn (id int PRIMARY KEY, a int, b int);
CREATE TABLE parent (id int PRIMARY KEY);
CREATE TABLE child (id int PRIMARY KEY, parent_id int, other_id int);
CREATE TABLE ix (id int PRIMARY KEY, a int, b int, c int);
CREATE INDEX ix_a ON ix (a);
CREATE INDEX ix_b ON ix (b);
CREATE TABLE inc (id int PRIMARY KEY, gone int, old_name int, narrow varchar(50));
CREATE TABLE dropme (id int);
CREATE TABLE renameme (id int);
CREATE MATERIALIZED VIEW mv AS SELECT id FROM rw;
CREATE UNIQUE INDEX mv_id ON mv (id);
INSERT INTO rw VALUES (1, 1, 'a');
