-- Routines whose creation order matters: SQL-standard bodies (RETURN / BEGIN ATOMIC) and
-- signatures are checked at CREATE time even with check_function_bodies = false. Names are chosen
-- so that name order is the wrong order.
CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL);

-- a_outer calls b_inner: b_inner must come first
CREATE FUNCTION b_inner(t text) RETURNS text LANGUAGE sql IMMUTABLE RETURN lower(t);
CREATE FUNCTION a_outer(t text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN public.b_inner(t) || '!';

-- functions used by a generated column and a default: before the table
CREATE TABLE doc (
    id int PRIMARY KEY,
    body text,
    search text GENERATED ALWAYS AS (public.a_outer(body)) STORED,
    slug text DEFAULT public.b_inner('New')
);

-- a row type in the signature and a body reading a table: after the table
CREATE FUNCTION all_items() RETURNS SETOF item LANGUAGE sql STABLE
  BEGIN ATOMIC SELECT * FROM public.item; END;
COMMENT ON FUNCTION all_items() IS 'every item';
CREATE FUNCTION aa_count() RETURNS bigint LANGUAGE sql STABLE RETURN (SELECT count(*) FROM public.item);
-- only calls a routine that needs a table: after that routine, so after the table too
CREATE FUNCTION ab_total() RETURNS bigint LANGUAGE sql STABLE RETURN public.aa_count() + 0;

-- a body reading a view: after the view
CREATE VIEW doc_view AS SELECT id, search FROM doc;
CREATE FUNCTION ac_docs() RETURNS bigint LANGUAGE sql STABLE
  RETURN (SELECT count(*) FROM public.doc_view);
