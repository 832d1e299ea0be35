CREATE FUNCTION touch_users() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE FUNCTION add_numbers(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT a + b + 0 $$;

CREATE FUNCTION mul_numbers(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT a * b $$;

CREATE PROCEDURE reset_tags()
    LANGUAGE sql AS $$ DELETE FROM billing.tags $$;
