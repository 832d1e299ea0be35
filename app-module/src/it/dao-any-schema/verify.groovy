def report = new File(basedir, 'target/surefire-reports/TEST-com.example.shop.ShopRepositoriesTest.xml')
assert report.isFile() : "the fixture's tests did not run: $report missing"
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() >= 8 : "expected the fixture's tests, found ${suite.@tests}"
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0
assert new File(basedir, 'target/generated-sources/jooq/com/example/shop/db/tables/Customers.java').isFile()
return true
