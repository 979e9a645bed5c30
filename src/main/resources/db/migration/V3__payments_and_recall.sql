-- Part 3: payment events on transferred invoices, each classified and (where it must) forwarded once.

CREATE TABLE payment_event (
    tenant_id         VARCHAR(63)  NOT NULL,
    invoice_id        VARCHAR(64)  NOT NULL,
    event_id          VARCHAR(64)  NOT NULL,
    event_type        VARCHAR(32),
    amount            NUMERIC(19, 2),
    event_date        DATE,
    -- PRE_TRANSFER, OURS, AGENCY_PAYOUT, DIRECT_PAYMENT, CREDIT_NOTE, ATTENTION
    classification    VARCHAR(24)  NOT NULL,
    -- DONE (nothing to forward), FORWARDING (sent, outcome unknown), FORWARDED
    state             VARCHAR(16)  NOT NULL,
    forwarded_amount  NUMERIC(19, 2),
    seen_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, invoice_id, event_id)
);

-- what a person should look at on this claim (an unknown payment type, an overpayment), if anything
ALTER TABLE claim ADD COLUMN needs_attention VARCHAR(2000);

-- Procountor's "changed since" (versionStartDate) position of the payment scan
ALTER TABLE tenant ADD COLUMN accounting_watermark TIMESTAMP WITH TIME ZONE;
