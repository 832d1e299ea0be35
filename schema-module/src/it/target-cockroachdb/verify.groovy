def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] cockroachdb: ') : log
def out = new File(basedir, 'target/generated-sources/jooq/it/db')
def users = new File(out, 'tables/Users.java').text
assert users.contains('TableField<UsersRecord, String> CITY')
assert new File(out, 'tables/Rides.java').text.contains('TableField<RidesRecord, Long> SEQ')
def indexes = new File(out, 'Indexes.java').text
assert indexes.contains('RIDES_START_TIME_IDX')
assert indexes.contains('PROMO_CODES_RULES_IDX')
return true
