-- Enums and domains that do not belong to an extension.
SELECT n.nspname AS schema,
       t.typname AS name,
       t.typtype AS typtype,
       format('%I.%I', n.nspname, t.typname) AS qname,
       (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
          FROM pg_enum e WHERE e.enumtypid = t.oid) AS enum_values,
       format_type(t.typbasetype, t.typtypmod) AS base_type,
       t.typnotnull AS not_null,
       t.typdefault AS default_value,
       (SELECT string_agg(quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid, true),
                          '; ' ORDER BY con.conname)
          FROM pg_constraint con
         WHERE con.contypid = t.oid AND con.contype = 'c') AS constraints,
       CASE WHEN t.typcollation <> bt.typcollation THEN
         (SELECT format('%I.%I', cn.nspname, co.collname) FROM pg_collation co
            JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation)
       END AS collation,
       obj_description(t.oid, 'pg_type') AS comment
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype IN ('e', 'd') AND n.nspname = ANY(:schemas)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                     AND d.objid = t.oid AND d.deptype = 'e')
