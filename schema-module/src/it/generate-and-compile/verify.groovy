def generated = new File(basedir, 'target/generated-sources/jooq/it/db/tables/Items.java')
assert generated.isFile() : "generated table class missing: $generated"
assert new File(basedir, 'target/generated-sources/jooq/.drydock-fingerprint').isFile()
assert new File(basedir, 'target/classes/it/app/App.class').isFile() : 'code using the generated classes did not compile'
def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] jOOQ sources up to date') : 'second build was not a no-op'
assert log.contains('no database started')
return true
