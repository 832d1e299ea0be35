def log = new File(basedir, 'build.log').text
// the rewrites are logged when Flyway applies the files (not when the cluster comes from a snapshot)
if (!log.contains('Started from the snapshot')) {
  assert log.contains('[drydock] cockroachdb: `CREATE INDEX rides_start_time_idx ON rides (start_time) USING HASH WITH (bucket_count = 8)`: `) USING HASH WITH (bucket_count = 8)` applied as `)` (') : log
  assert !log.contains('applied as `-- ') : log
}
def out = new File(basedir, 'target/generated-sources/jooq/it/db')
def users = new File(out, 'tables/Users.java').text
assert users.contains('TableField<UsersRecord, String> CITY')
assert new File(out, 'tables/Rides.java').text.contains('TableField<RidesRecord, Long> SEQ')
def indexes = new File(out, 'Indexes.java').text
assert indexes.contains('RIDES_START_TIME_IDX')
assert indexes.contains('PROMO_CODES_RULES_IDX')
return true
