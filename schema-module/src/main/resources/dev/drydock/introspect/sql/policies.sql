-- Row-level security policies.
SELECT n.nspname AS schema,
       c.relname AS table_name,
       p.polname AS name,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                     WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
       p.polpermissive AS permissive,
       CASE WHEN p.polroles = '{0}' THEN 'PUBLIC'
            ELSE (SELECT string_agg(quote_ident(r.rolname), ', ' ORDER BY r.rolname)
                    FROM pg_roles r WHERE r.oid = ANY(p.polroles)) END AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expression,
       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       format('%I.%I', n.nspname, c.relname) AS table_qname,
       quote_ident(p.polname) AS qname
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY(:schemas)
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass
                       AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
