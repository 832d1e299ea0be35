-- a role the grants and policies below name; roles are the cluster's, so create it only once
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crud') THEN
    CREATE ROLE crud NOLOGIN;
  END IF;
END
$$;
