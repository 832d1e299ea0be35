-- Indexes that no constraint owns and that are not a partitioned index's partitions.
SELECT n.nspname AS schema,
       c.relname AS table_name,
       ic.relname AS name,
       am.amname AS method,
       i.indisunique AS is_unique,
       pg_get_indexdef(i.indexrelid) AS ddl,
       pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       CASE WHEN i.indnatts > i.indnkeyatts THEN
         (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ', ' ORDER BY k)
            FROM generate_series(i.indnkeyatts + 1, i.indnatts) k)
       END AS include,
       i.indnullsnotdistinct AS nulls_not_distinct,
       cd.description AS comment,
       c.relkind AS table_relkind
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = ic.relam
LEFT JOIN pg_description cd
  ON cd.objoid = ic.oid AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = 0
WHERE n.nspname = ANY(:schemas) AND c.relkind IN ('r', 'p', 'm')
  AND c.relname <> :history_table
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass
                       AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
  AND i.indexrelid NOT IN (SELECT con.conindid FROM pg_constraint con
                            WHERE con.contype IN ('p', 'u', 'x'))
  AND i.indexrelid NOT IN (SELECT inh.inhrelid FROM pg_inherits inh)
