def table = new File(basedir, 'target/generated-sources/jooq/it/db/tables/Events.java')
assert table.isFile() : "generated table class missing: $table"
def source = table.text
assert source.contains('TableField<EventsRecord, Instant> HAPPENED_AT') : 'timestamptz was not forced to Instant'
assert source.contains('TableField<EventsRecord, Payload> PAYLOAD') : 'jsonb was not forced to Payload'
assert source.contains('new PayloadConverter()')
assert new File(basedir, 'target/classes/it/app/App.class').isFile() : 'code using the forced types did not compile'
assert !new File(basedir, 'target/generated-sources/jooq/it/db/tables/FlywaySchemaHistory.java').exists()
return true
