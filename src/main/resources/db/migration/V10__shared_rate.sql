-- Bucket4j's PostgreSQL token buckets (SharedRateBuckets): Procountor's limit per API client for all
-- Indriva instances together, when indriva.cluster.shared-limits is on. One row per API client.
CREATE TABLE rate_bucket (
    id    BIGINT PRIMARY KEY,
    state BYTEA
);
