def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] Using embedded PostgreSQL 18.') : log
assert new File(basedir, 'target/generated-sources/jooq/it/db/tables/Events.java').isFile()
return true
