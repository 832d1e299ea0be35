CREATE TABLE t (id int PRIMARY KEY, n int);
INSERT INTO t SELECT g, g FROM generate_series(1, 10) g;
