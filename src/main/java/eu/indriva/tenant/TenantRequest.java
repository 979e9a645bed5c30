package eu.indriva.tenant;

import java.math.BigDecimal;
import java.util.List;

/**
 * A tenant as an admin sends it (PUT /api/v1/tenants/{id}): everything optional until validated.
 * The fields only a GET shows are ignored, so a tenant read, edited and sent back is accepted; any
 * other unknown field is a 400 (the admin API reads strictly).
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"id", "needsAttention", "lastRuns", "status"})
public record TenantRequest(
        String name,
        Boolean enabled,
        String country,
        String timeZone,
        java.util.Map<String, Object> accounting,
        java.util.Map<String, Object> agency,
        PolicyIn policy,
        LedgerIn ledger) {

    // accounting and agency: {"system": ..., then that system's own settings and secrets}, read by the system's bean

    public record PolicyIn(
            Boolean automatic,
            Long graceDays,
            BigDecimal minimumAmount,
            List<String> currencies,
            String claimType,
            String service,
            List<String> excludedCustomerNumbers,
            String pollInterval,
            Boolean bookCreditLosses) {}

    public record LedgerIn(String clearingAccount, String commissionAccount, String inputVatAccount, String interestIncomeAccount,
                           String feeIncomeAccount) {

        public LedgerIn(String clearingAccount, String commissionAccount, String inputVatAccount) {
            this(clearingAccount, commissionAccount, inputVatAccount, null, null);
        }
    }

    @Override
    public String toString() {
        return "TenantRequest[name=" + name + ", enabled=" + enabled + "]";
    }
}
