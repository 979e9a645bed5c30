package eu.indriva.tenant;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * A company that enabled the connector, with every default already applied (see
 * {@link TenantRequests}). Secrets live only in {@link TenantSecrets}.
 */
public record Tenant(
        String id,
        String name,
        boolean enabled,
        String country,
        ZoneId timeZone,
        Accounting accounting,
        Agency agency,
        Policy policy,
        Ledger ledger) {

    public record Accounting(String system, String baseUrl, String clientId, String redirectUri) {}

    public record Agency(String system, String baseUrl, long creditorId) {}

    /**
     * @param service what the agency does with a claim handed over (the same words for every agency)
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "claimType", allowGetters = true)
    public record Policy(
            boolean automatic,
            int graceDays,
            BigDecimal minimumAmount,
            List<String> currencies,
            eu.indriva.agency.AgencyService service,
            List<String> excludedCustomerNumbers,
            Duration pollInterval,
            boolean bookCreditLosses) {

        /**
         * The v1 admin contract's {@code claimType}, shown beside {@code service}: {@code CollectionCase}
         * for COLLECTION, {@code Invoice} for REMINDER, null for INVOICE (it has no v1 word).
         */
        @com.fasterxml.jackson.annotation.JsonProperty("claimType")
        public String claimType() {
            return TenantRequests.claimType(service);
        }
    }

    public record Ledger(String clearingAccount, String commissionAccount, String inputVatAccount) {}
}
