def log = new File(basedir, 'build.log').text
assert log.contains('[drydock] Migrations failed: V2__broken.sql:4: ERROR: syntax error at or near ")" (SQLState 42601)') : log
// through the thin plugin as through the engine: the file and line, one line, no stack trace
assert !log.contains('\tat ') : log
assert !log.contains('Caused by') : log
assert !new File(basedir, 'target/generated-sources/jooq').exists() : 'no half-written output'
return true
