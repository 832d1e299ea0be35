def report = new File(basedir, 'target/surefire-reports/TEST-com.example.notes.AuthorsTest.xml')
assert report.isFile() : "the fixture's Kotlin tests did not run: $report missing"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 4 : "expected the fixture's 4 tests, found ${suite.@tests}"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0
// jOOQ's KotlinGenerator wrote Kotlin, not Java
assert new File(basedir, 'target/generated-sources/jooq/com/example/notes/db/tables/Authors.kt').isFile()
assert !new File(basedir, 'target/generated-sources/jooq/com/example/notes/db/tables/Authors.java').exists()
return true
