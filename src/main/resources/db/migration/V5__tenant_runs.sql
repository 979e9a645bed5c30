-- The last run of each scheduled flow per tenant (poll, payment scan, agency sync) with its outcome,
-- so that a failed poll does not look like success: shown on the tenant resource, and a tenant whose
-- runs keep failing is reported by health (failing_since: the first failure since the last success).
CREATE TABLE tenant_run (
    tenant_id      VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    kind           VARCHAR(16)  NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome        VARCHAR(16)  NOT NULL,
    error          VARCHAR(2000),
    failing_since  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (tenant_id, kind)
);
