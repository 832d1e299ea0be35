def tables = new File(basedir, 'target/generated-sources/jooq/it/db/tables')
assert new File(tables, 'Items.java').isFile() : "M1__items.sql (prefix from flyway.toml) not applied"
assert new File(tables, 'ItemNames.java').isFile() : "R__item_names.sql not applied"
def log = new File(basedir, 'build.log').text
assert log.contains('from 3 migrations') : log
return true
