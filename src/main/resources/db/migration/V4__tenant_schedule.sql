-- When each tenant's next poll and agency sync are due, as indexed columns: the schedulers ask
-- one query per tick for the tenants due now, instead of reading every tenant's settings.
-- automatic and poll_interval_s mirror the policy in settings (TenantRepository.save keeps them in
-- step; TenantSchedule fills them for tenants saved before this migration).
ALTER TABLE tenant ADD COLUMN automatic BOOLEAN;
ALTER TABLE tenant ADD COLUMN poll_interval_s BIGINT;
ALTER TABLE tenant ADD COLUMN next_poll_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE tenant ADD COLUMN next_agency_sync_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX tenant_next_poll ON tenant (next_poll_at);
CREATE INDEX tenant_next_agency_sync ON tenant (next_agency_sync_at);
