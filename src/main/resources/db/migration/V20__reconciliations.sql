-- Issue 14: the three-way reconciliation (ledger, Indriva, agency), kept per run.

CREATE TABLE reconciliation (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(63)   NOT NULL REFERENCES tenant (id),
    as_of         DATE          NOT NULL,
    period_start  DATE          NOT NULL,
    -- RUNNING, DONE, FAILED
    status        VARCHAR(16)   NOT NULL,
    -- the nightly run's day (one per tenant and day across instances); NULL for a run asked for
    nightly       DATE,
    claims        INTEGER       NOT NULL,
    differences   INTEGER       NOT NULL,
    error         VARCHAR(2000),
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- moved on while the run works: a RUNNING row whose heartbeat stopped belonged to an instance that died
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX reconciliation_by_tenant ON reconciliation (tenant_id, started_at);
-- the gauge's newest finished run per tenant
CREATE INDEX reconciliation_done ON reconciliation (tenant_id, status, finished_at);
-- the schedule's sweeps: runs still RUNNING (few) by heartbeat, and the oldest runs for the retention
CREATE INDEX reconciliation_running ON reconciliation (status, heartbeat_at);
CREATE INDEX reconciliation_by_start ON reconciliation (started_at);
CREATE UNIQUE INDEX reconciliation_nightly_once ON reconciliation (tenant_id, nightly);

CREATE TABLE reconciliation_difference (
    reconciliation_id  VARCHAR(36)    NOT NULL REFERENCES reconciliation (id) ON DELETE CASCADE,
    seq                INTEGER        NOT NULL,
    invoice_id         VARCHAR(64),
    agency_claim_id    VARCHAR(64),
    kind               VARCHAR(40)    NOT NULL,
    ledger             NUMERIC(19, 2),
    indriva            NUMERIC(19, 2),
    agency             NUMERIC(19, 2),
    action             VARCHAR(2000)  NOT NULL,
    PRIMARY KEY (reconciliation_id, seq)
);

CREATE TABLE reconciliation_total (
    reconciliation_id  VARCHAR(36)    NOT NULL REFERENCES reconciliation (id) ON DELETE CASCADE,
    currency           VARCHAR(3)     NOT NULL,
    opening            NUMERIC(19, 2) NOT NULL,
    transferred        NUMERIC(19, 2) NOT NULL,
    collected          NUMERIC(19, 2) NOT NULL,
    credited           NUMERIC(19, 2) NOT NULL,
    written_off        NUMERIC(19, 2) NOT NULL,
    recalled           NUMERIC(19, 2) NOT NULL,
    closing            NUMERIC(19, 2) NOT NULL,
    claims             INTEGER        NOT NULL,
    holds              BOOLEAN        NOT NULL,
    PRIMARY KEY (reconciliation_id, currency)
);

-- a closed claim's close reason and day are read by the period's totals
CREATE INDEX claim_by_tenant_status ON claim (tenant_id, status, invoice_id);
