def log = new File(basedir, 'build.log').text
// the rewrites are logged when Flyway applies the files (not when the cluster comes from a snapshot)
if (!log.contains('Started from the snapshot')) {
  assert log.contains('[drydock] dsql: `CREATE INDEX ASYNC orders_customer_idx ON orders (customer_id)`: `CREATE INDEX ASYNC` applied as `CREATE INDEX` (') : log
}
def out = new File(basedir, 'target/generated-sources/jooq/it/db')
assert new File(out, 'tables/Orders.java').isFile()
assert new File(out, 'tables/OrderLines.java').isFile()
assert new File(out, 'Indexes.java').text.contains('ORDERS_CUSTOMER_IDX')
return true
