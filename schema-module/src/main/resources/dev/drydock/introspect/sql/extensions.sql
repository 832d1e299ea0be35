-- Extensions installed in the requested schemas (or in pg_catalog, such as plpgsql).
SELECT e.extname AS name,
       n.nspname AS schema,
       quote_ident(e.extname) AS qname,
       quote_ident(n.nspname) AS qschema
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE n.nspname = ANY(:schemas) OR n.nspname = 'pg_catalog'
