-- Sequences, but not the internal ones of identity columns (deptype 'i') nor an extension's.
SELECT n.nspname AS schema,
       c.relname AS name,
       format_type(s.seqtypid, NULL) AS type,
       s.seqstart AS start,
       s.seqincrement AS increment,
       s.seqmin AS min,
       s.seqmax AS max,
       s.seqcache AS cache,
       s.seqcycle AS cycle,
       (SELECT format('%I.%I.%I', rn.nspname, rc.relname, ra.attname) FROM pg_depend d
          JOIN pg_class rc ON rc.oid = d.refobjid
          JOIN pg_namespace rn ON rn.oid = rc.relnamespace
          JOIN pg_attribute ra ON ra.attrelid = d.refobjid AND ra.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a'
           AND d.refclassid = 'pg_class'::regclass
         LIMIT 1) AS owned_by,
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
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description cd
  ON cd.objoid = c.oid AND cd.classoid = 'pg_class'::regclass AND cd.objsubid = 0
WHERE n.nspname = ANY(:schemas)
  -- not an extension's: a hashed subplan through pg_depend's reference index
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d WHERE d.refclassid = 'pg_extension'::regclass
                       AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                     AND d.objid = c.oid AND d.deptype = 'i')
