def generated = new File(basedir, 'target/generated-sources/jooq/it/db/tables/Items.java')
assert generated.isFile() : "generated table class missing: $generated"
assert new File(basedir, 'target/generated-sources/jooq/.drydock-fingerprint').isFile()
assert new File(basedir, 'target/classes/it/app/App.class').isFile() : 'code using the generated classes did not compile'
def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] jOOQ sources up to date') : 'second build was not a no-op'
assert log.contains('no database started')
// the third build started from the snapshot (saved by the first, or by an earlier run of this fixture)
def third = log.lastIndexOf('[drydock] Started from the snapshot of V1')
assert third >= 0 : 'the forced build did not start from the migration snapshot'
assert log.indexOf('(from snapshot V1)', third) > third
def thirdDone = log.indexOf('(1 from a snapshot)', third)
assert thirdDone > third : 'the forced build applied the migration again'
// the fourth, -Ddrydock.snapshots=false, applied the migration to an empty cluster
def fourth = log.substring(thirdDone + '(1 from a snapshot)'.length())
assert fourth.contains('(from empty cluster)') : 'the build without snapshots did not apply everything'
assert fourth.contains('from 1 migrations') && !fourth.contains('from a snapshot')
assert !fourth.contains('Started from the snapshot') && !fourth.contains('Saved the snapshot')
return true
