-- Schemas: the requested ones.
SELECT n.nspname AS name,
       obj_description(n.oid, 'pg_namespace') AS comment,
       quote_ident(n.nspname) AS qname
FROM pg_namespace n
WHERE n.nspname = ANY(:schemas)
