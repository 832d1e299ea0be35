CREATE TABLE lineage_events (
  id bigserial PRIMARY KEY,
  kind text NOT NULL DEFAULT 'click'::text CHECK (kind IN ('click', 'view', 'buy')),
  event_time timestamptz NOT NULL DEFAULT now(),
  amount numeric(10, 2) DEFAULT 0 CHECK (amount >= 0 AND amount < 1000000),
  owner_name text NOT NULL DEFAULT current_user,
  tags text[] NOT NULL DEFAULT ARRAY[]::text[]
);

CREATE INDEX lineage_events_kind_lower ON lineage_events (lower(kind)) WHERE kind <> 'view';

CREATE VIEW hourly_clicks AS
  SELECT date_trunc('hour', event_time) AS hour,
         count(*) FILTER (WHERE kind = 'click') AS clicks,
         sum(amount) AS amount
    FROM lineage_events
   GROUP BY 1;

CREATE MATERIALIZED VIEW kinds AS
  SELECT e.kind, count(*) AS n, max(e.event_time) AS latest
    FROM lineage_events e
   WHERE e.amount > 0
   GROUP BY e.kind;

ALTER TABLE lineage_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_events ON lineage_events TO crud
  USING (owner_name = current_user AND kind <> 'buy')
  WITH CHECK (amount < 1000);

GRANT ALL ON lineage_events TO crud;
GRANT SELECT ON hourly_clicks TO crud;
