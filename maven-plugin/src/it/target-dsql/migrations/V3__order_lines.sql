-- A foreign key, which DSQL refuses: check --target dsql reports it (from the file and the catalog).
CREATE TABLE order_lines (
    order_id UUID NOT NULL REFERENCES orders (id),
    line     INTEGER NOT NULL,
    sku      TEXT NOT NULL,
    PRIMARY KEY (order_id, line)
);
