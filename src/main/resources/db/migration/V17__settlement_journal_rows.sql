-- The journal entry each settlement was booked with, row by row, as sent to the accounting system:
-- the payouts page shows how a settlement was booked. Settlements booked before this version have none.
CREATE TABLE settlement_journal_row (
    tenant_id      VARCHAR(63)    NOT NULL,
    settlement_id  VARCHAR(64)    NOT NULL,
    row_no         INTEGER        NOT NULL,
    account        VARCHAR(64)    NOT NULL,
    amount         NUMERIC(19, 2) NOT NULL,
    description    VARCHAR(1000)  NOT NULL,
    PRIMARY KEY (tenant_id, settlement_id, row_no),
    FOREIGN KEY (tenant_id, settlement_id) REFERENCES settlement (tenant_id, settlement_id) ON DELETE CASCADE
);
