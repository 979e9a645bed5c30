-- Issue 12: a run whose instance died is taken over. A poll, payment scan or agency sync that
-- starts writes its takeover time (start + indriva.cluster.lock-ttl, pushed on while it waits);
-- one that ends, however it ends, deletes it. A row whose time has passed is a run that never
-- ended: every instance's scheduler offers the tenant again, outside the schedule's budget, and the
-- instance that gets the run's lease (free once the dead holder stopped renewing it) runs it.
CREATE TABLE run_takeover (
    tenant_id    VARCHAR(63) NOT NULL REFERENCES tenant (id),
    kind         VARCHAR(16) NOT NULL,
    takeover_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
CREATE INDEX run_takeover_due ON run_takeover (kind, takeover_at);
