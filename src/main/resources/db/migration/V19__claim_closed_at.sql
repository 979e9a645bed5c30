-- When the agency closed the claim (the overview's median days from transfer to paid). Claims
-- closed before this version take the time of their CLOSED history entry.
ALTER TABLE claim ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
UPDATE claim SET closed_at = (SELECT MIN(h.at) FROM claim_history h
                              WHERE h.tenant_id = claim.tenant_id AND h.invoice_id = claim.invoice_id AND h.event = 'CLOSED')
    WHERE status = 'CLOSED';
