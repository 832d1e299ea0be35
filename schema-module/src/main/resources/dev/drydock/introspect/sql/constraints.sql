-- Table constraints declared on the table itself (not inherited from a partitioned parent).
SELECT n.nspname AS schema,
       c.relname AS table_name,
       con.conname AS name,
       con.contype AS contype,
       pg_get_constraintdef(con.oid, true) AS definition,
       con.confdeltype AS on_delete,
       con.confupdtype AS on_update,
       con.confmatchtype AS match,
       con.condeferrable AS deferrable,
       con.condeferred AS deferred,
       con.convalidated AS validated,
       CASE WHEN con.contype = 'f' THEN
         (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
            FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
       END AS columns,
       fn.nspname AS referenced_schema,
       fc.relname AS referenced_table,
       CASE WHEN con.contype = 'f' THEN
         (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
            FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
       END AS referenced_columns,
       cd.description AS comment
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
LEFT JOIN pg_description cd
  ON cd.objoid = con.oid AND cd.classoid = 'pg_constraint'::regclass AND cd.objsubid = 0
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0
  AND con.conislocal AND n.nspname = ANY(:schemas)
  AND c.relname <> :history_table
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass
                       AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
