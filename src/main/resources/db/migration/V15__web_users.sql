-- The client web's users (issue 13). A CREDITOR sees exactly one tenant; a PLATFORM_ADMIN every
-- tenant (tenant_id NULL). The password is a BCrypt hash. After repeated failed sign-ins the
-- account is locked until locked_until; a sign-in that succeeds sets failed_logins back to 0.
CREATE TABLE web_user (
    username       VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash  VARCHAR(100) NOT NULL,
    role           VARCHAR(20)  NOT NULL,
    tenant_id      VARCHAR(63)  REFERENCES tenant (id),
    enabled        BOOLEAN      NOT NULL,
    failed_logins  INTEGER      NOT NULL,
    locked_until   TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The claims page filters by transfer date and searches numbers within one tenant.
CREATE INDEX claim_by_tenant_transferred ON claim (tenant_id, transferred_at);
CREATE INDEX claim_by_tenant_invoice_number ON claim (tenant_id, invoice_number);
CREATE INDEX claim_by_tenant_customer ON claim (tenant_id, customer_number);
