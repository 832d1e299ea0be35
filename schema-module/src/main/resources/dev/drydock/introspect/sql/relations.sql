-- Tables, partitioned tables, views and materialized views.
SELECT n.nspname AS schema,
       c.relname AS name,
       c.relkind AS relkind,
       c.relpersistence AS persistence,
       c.relrowsecurity AS row_security,
       c.relforcerowsecurity AS force_row_security,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       (SELECT format('%I.%I', pn.nspname, pc.relname) FROM pg_inherits i
          JOIN pg_class pc ON pc.oid = i.inhparent
          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid AND c.relispartition) AS partition_of,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
       array_to_string(c.reloptions, ', ') AS options,
       cd.description AS comment,
       -- ACL as sorted grantee:PRIVILEGE entries, without the owner's own
       CASE WHEN c.relacl IS NOT NULL THEN
         (SELECT string_agg(x, ', ' ORDER BY x)
            FROM (SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                              ELSE quote_ident(pg_get_userbyid(a.grantee)) END
                         || ':' || a.privilege_type
                         || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS x
                    FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner) acl)
       END AS privileges
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description cd
  ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY(:schemas)
  AND c.relname <> :history_table
  -- not an extension's: a hashed subplan through pg_depend's reference index
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass
                       AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
