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
         * Reads stored settings. Those stored before the policy had a {@code service} carry only
         * Kravia's {@code claimType}: they are read as the service it stands for, in the same pass.
         */
        @com.fasterxml.jackson.annotation.JsonCreator
        static Policy stored(@com.fasterxml.jackson.annotation.JsonProperty("automatic") boolean automatic,
                             @com.fasterxml.jackson.annotation.JsonProperty("graceDays") int graceDays,
                             @com.fasterxml.jackson.annotation.JsonProperty("minimumAmount") BigDecimal minimumAmount,
                             @com.fasterxml.jackson.annotation.JsonProperty("currencies") List<String> currencies,
                             @com.fasterxml.jackson.annotation.JsonProperty("service") eu.indriva.agency.AgencyService service,
                             @com.fasterxml.jackson.annotation.JsonProperty("claimType") String claimType,
                             @com.fasterxml.jackson.annotation.JsonProperty("excludedCustomerNumbers") List<String> excludedCustomerNumbers,
                             @com.fasterxml.jackson.annotation.JsonProperty("pollInterval") Duration pollInterval,
                             @com.fasterxml.jackson.annotation.JsonProperty("bookCreditLosses") boolean bookCreditLosses) {
            return new Policy(automatic, graceDays, minimumAmount, currencies,
                    service != null ? service : TenantRequests.service(null, claimType == null ? "CollectionCase" : claimType),
                    excludedCustomerNumbers, pollInterval, bookCreditLosses);
        }

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
