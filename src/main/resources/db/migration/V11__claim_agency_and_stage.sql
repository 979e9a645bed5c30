-- Part 6 (issue 11): one claim model for every agency. A claim records the agency system that holds
-- it and its stage in the same words for every agency (ClaimStage); agency_status keeps the agency's
-- own word, and close_reason is now the neutral word (CloseReason). Claims so far are Kravia's.
ALTER TABLE claim ADD COLUMN agency VARCHAR(32);
ALTER TABLE claim ADD COLUMN stage VARCHAR(16);

UPDATE claim SET agency = 'kravia' WHERE agency_claim_id IS NOT NULL;

UPDATE claim SET stage = CASE agency_status
        WHEN 'Reminder' THEN 'REMINDER'
        WHEN 'DebtCollection' THEN 'COLLECTION'
        WHEN 'Legal' THEN 'LEGAL'
        WHEN 'Surveillance' THEN 'SURVEILLANCE'
        WHEN 'Paused' THEN 'PAUSED'
        WHEN 'Disputed' THEN 'DISPUTED'
        WHEN 'Closed' THEN 'CLOSED'
        END
    WHERE agency_status IS NOT NULL;

UPDATE claim SET close_reason = CASE close_reason
        WHEN 'Paid' THEN 'PAID'
        WHEN 'Credited' THEN 'CREDITED'
        WHEN 'Withdrawn' THEN 'WITHDRAWN'
        WHEN 'WrittenOff' THEN 'WRITTEN_OFF'
        ELSE close_reason
        END
    WHERE close_reason IS NOT NULL;

CREATE INDEX claim_by_stage ON claim (tenant_id, stage);
