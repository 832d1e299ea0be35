// the rewrite of an existing table fails verify, with the finding (file:line) in the build log
def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] V2__widen.sql (in a transaction, 1 statement(s))') : log
assert log.contains('[drydock]   migrations/V2__widen.sql:1  ALTER TABLE t ALTER COLUMN n TYPE bigint') : log
assert log.contains('[drydock]     error   table-rewrite: rewrites table public.t (and its indexes) under ACCESS EXCLUSIVE lock') : log
assert log.contains("[drydock] lint: 1 finding(s) at or above error") : log
assert log.contains("allow one with '-- drydock:allow <rule> <reason>'") : log
assert log.contains('BUILD FAILURE') : log
def sarif = new File(basedir, 'target/drydock-lint.sarif')
assert sarif.text.contains('"ruleId" : "table-rewrite"') : sarif.text
return true
