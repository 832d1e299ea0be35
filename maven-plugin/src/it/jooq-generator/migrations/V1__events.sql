create table events (
  id bigint primary key,
  happened_at timestamptz not null,
  payload jsonb not null
);
