-- User triggers declared on the relation itself (not cloned from a partitioned parent).
SELECT n.nspname AS schema,
       c.relname AS table_name,
       t.tgname AS name,
       pg_get_triggerdef(t.oid) AS ddl,
       t.tgenabled AS enabled,
       cd.description AS comment,
       c.relkind AS table_relkind
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description cd
  ON cd.objoid = t.oid AND cd.classoid = 'pg_trigger'::regclass AND cd.objsubid = 0
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND n.nspname = ANY(:schemas)
  AND c.relname <> :history_table
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass
                       AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
