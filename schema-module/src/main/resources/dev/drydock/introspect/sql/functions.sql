-- Functions and procedures that do not belong to an extension.
SELECT n.nspname AS schema,
       p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS arguments,
       p.prokind AS prokind,
       pg_get_function_result(p.oid) AS returns,
       l.lanname AS language,
       p.provolatile AS volatility,
       p.proisstrict AS strict,
       p.prosecdef AS security_definer,
       CASE WHEN p.prosqlbody IS NOT NULL THEN pg_get_function_sqlbody(p.oid)
            ELSE p.prosrc END AS body,
       array_to_string(p.proconfig, ', ') AS config,
       pg_get_functiondef(p.oid) AS ddl,
       obj_description(p.oid, 'pg_proc') AS comment,
       p.proparallel AS parallel,
       format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS qname,
       -- what it needs created first, within the schemas: other routines (SQL-standard bodies),
       -- relations and their row types (signature, SQL-standard bodies); one 'kind<TAB>schema<TAB>name'
       -- per line, the encoding CatalogObject.dependsOn() reads
       (SELECT string_agg(dep, E'\n' ORDER BY dep) FROM (
          SELECT CASE WHEN rp.prokind = 'p' THEN 'procedure' ELSE 'function' END || E'\t'
                 || rn.nspname || E'\t' || rp.proname
                 || '(' || pg_get_function_identity_arguments(rp.oid) || ')' AS dep
          FROM pg_depend d
          JOIN pg_proc rp ON rp.oid = d.refobjid
          JOIN pg_namespace rn ON rn.oid = rp.pronamespace
          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
            AND d.refclassid = 'pg_proc'::regclass AND rp.oid <> p.oid
            AND rp.prokind IN ('f', 'p') AND rn.nspname = ANY(:schemas)
          UNION
          SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view'
                                ELSE 'table' END || E'\t' || cn.nspname || E'\t' || c.relname
          FROM pg_depend d
          LEFT JOIN pg_type t ON d.refclassid = 'pg_type'::regclass AND t.oid = d.refobjid
          JOIN pg_class c ON c.oid = CASE WHEN d.refclassid = 'pg_class'::regclass
                                          THEN d.refobjid ELSE t.typrelid END
          JOIN pg_namespace cn ON cn.oid = c.relnamespace
          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
            AND d.refclassid IN ('pg_class'::regclass, 'pg_type'::regclass)
            AND c.relkind IN ('r', 'p', 'v', 'm') AND cn.nspname = ANY(:schemas)) deps) AS depends_on
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE p.prokind IN ('f', 'p') AND n.nspname = ANY(:schemas)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                     AND d.objid = p.oid AND d.deptype = 'e')
