// the same rewrite, allowed with a reason on the statement: listed as allowed, verify passes
def log = new File(basedir, 'build.log').text
assert log.contains('[drydock]   migrations/V2__widen.sql:2  ALTER TABLE t ALTER COLUMN n TYPE bigint') : log
assert log.contains('[drydock]     allowed table-rewrite: rewrites table public.t (and its indexes) under ACCESS EXCLUSIVE lock') : log
assert log.contains('[drydock]             allowed because: t holds ten rows in production too') : log
assert log.contains('[drydock] 0 error(s), 1 warning(s), 1 allowed') : log
assert log.contains('BUILD SUCCESS') : log
return true
