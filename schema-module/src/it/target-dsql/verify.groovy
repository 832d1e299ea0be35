def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] dsql: `CREATE INDEX ASYNC orders_customer_idx ON orders (customer_id)` applied as `CREATE INDEX orders_customer_idx ON orders (customer_id)`') : log
def out = new File(basedir, 'target/generated-sources/jooq/it/db')
assert new File(out, 'tables/Orders.java').isFile()
assert new File(out, 'tables/OrderLines.java').isFile()
assert new File(out, 'Indexes.java').text.contains('ORDERS_CUSTOMER_IDX')
return true
