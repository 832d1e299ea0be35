CREATE TABLE rides (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    rider_id   UUID NOT NULL REFERENCES users (id),
    start_time TIMESTAMPTZ NOT NULL DEFAULT now(),
    revenue    DECIMAL(10, 2),
    seq        INT8 NOT NULL DEFAULT unique_rowid(),
    stops      INT
);
CREATE INDEX rides_start_time_idx ON rides (start_time) USING HASH WITH (bucket_count = 8);
CREATE INDEX rides_rider_idx ON rides (rider_id) STORING (revenue);
