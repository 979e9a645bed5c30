-- The claim resource shows the capital the agency paid out per claim: settlement lines by invoice.
CREATE INDEX settlement_line_by_invoice ON settlement_line (tenant_id, invoice_id);
