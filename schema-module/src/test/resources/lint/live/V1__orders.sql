CREATE TABLE orders (id bigint PRIMARY KEY, total int, note text);
CREATE TABLE audit (id int);
