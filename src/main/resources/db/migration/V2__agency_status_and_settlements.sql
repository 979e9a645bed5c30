-- Part 2: what the agency says about each claim, and how its payouts were booked.

ALTER TABLE claim ADD COLUMN agency_updated TIMESTAMP;
ALTER TABLE claim ADD COLUMN outstanding_capital NUMERIC(19, 2);
ALTER TABLE claim ADD COLUMN outstanding_interest NUMERIC(19, 2);
ALTER TABLE claim ADD COLUMN outstanding_fees NUMERIC(19, 2);
-- a write-off booked as a credit loss in the accounting system: NULL, CALLING (outcome unknown), BOOKED
ALTER TABLE claim ADD COLUMN credit_loss_state VARCHAR(16);
ALTER TABLE claim ADD COLUMN credit_loss_event_id VARCHAR(64);
CREATE INDEX claim_by_agency_claim ON claim (tenant_id, agency_claim_id);

-- the agency's "changed since" watermark (its own text), moved only past what was processed
ALTER TABLE tenant ADD COLUMN agency_watermark VARCHAR(64);
ALTER TABLE tenant ADD COLUMN last_agency_sync_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE settlement (
    tenant_id        VARCHAR(63)  NOT NULL REFERENCES tenant (id),
    settlement_id    VARCHAR(64)  NOT NULL,
    settlement_date  DATE         NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    payout           NUMERIC(19, 2) NOT NULL,
    capital          NUMERIC(19, 2) NOT NULL,
    commission       NUMERIC(19, 2) NOT NULL,
    vat              NUMERIC(19, 2) NOT NULL,
    -- BOOKING, BOOKED, NEEDS_ATTENTION
    status           VARCHAR(20)  NOT NULL,
    reason           VARCHAR(2000),
    receipt_name     VARCHAR(80)  NOT NULL,
    -- NONE, CALLING (create sent, outcome unknown), CREATED, APPROVED, NOT_NEEDED
    receipt_state    VARCHAR(16)  NOT NULL,
    receipt_id       VARCHAR(64),
    acknowledged     BOOLEAN      NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, settlement_id)
);

CREATE TABLE settlement_line (
    tenant_id         VARCHAR(63)  NOT NULL,
    settlement_id     VARCHAR(64)  NOT NULL,
    line_no           INTEGER      NOT NULL,
    invoice_id        VARCHAR(64)  NOT NULL,
    agency_claim_id   VARCHAR(64)  NOT NULL,
    capital           NUMERIC(19, 2) NOT NULL,
    commission        NUMERIC(19, 2) NOT NULL,
    vat               NUMERIC(19, 2) NOT NULL,
    -- the description of its markpaid: how a lost answer is found among the invoice's payment events
    marker            VARCHAR(140) NOT NULL,
    -- PENDING, CALLING (markpaid sent, outcome unknown), PAID, PAID_BY_REFERENCE, NOTHING_TO_PAY
    state             VARCHAR(20)  NOT NULL,
    payment_event_id  VARCHAR(64),
    PRIMARY KEY (tenant_id, settlement_id, line_no),
    FOREIGN KEY (tenant_id, settlement_id) REFERENCES settlement (tenant_id, settlement_id) ON DELETE CASCADE
);
