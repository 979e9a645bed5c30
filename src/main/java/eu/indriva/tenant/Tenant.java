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
        Connection accounting,
        Connection agency,
        Policy policy,
        Ledger ledger) {

    /**
     * The system a tenant connects to, as its accounting system or its agency: the system's id and
     * its own settings block (Procountor: baseUrl, clientId, ...; Kravia: baseUrl, creditorId;
     * Promentor: host, port, user, ...), as the system's bean checked them. Shown and stored flat,
     * {@code {"system": ..., <settings>}}, as the admin sends it.
     */
    public record Connection(String system, java.util.Map<String, Object> settings) {

        public Connection {
            java.util.Map<String, Object> kept = new java.util.LinkedHashMap<>();
            // settings stored by earlier builds may hold an absent one as null
            settings.forEach((k, v) -> {
                if (v != null) {
                    kept.put(k, v);
                }
            });
            settings = java.util.Collections.unmodifiableMap(kept);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static Connection stored(java.util.Map<String, Object> flat) {
            java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(flat);
            Object system = settings.remove("system");
            return new Connection(system == null ? null : system.toString(), settings);
        }

        @com.fasterxml.jackson.annotation.JsonValue
        java.util.Map<String, Object> flat() {
            java.util.Map<String, Object> flat = new java.util.LinkedHashMap<>();
            flat.put("system", system);
            flat.putAll(settings);
            return flat;
        }

        /** A text setting, or null when absent. */
        public String text(String name) {
            Object v = settings.get(name);
            return v == null ? null : v.toString();
        }

        /** A whole-number setting (stored JSON reads back as Integer or Long), or null when absent. */
        public Long number(String name) {
            Object v = settings.get(name);
            return v == null ? null : ((Number) v).longValue();
        }
    }

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

    /**
     * @param interestIncomeAccount where late interest an agency pays out is booked (its invoice and reminder services)
     * @param feeIncomeAccount where reminder and other fees an agency pays out are booked
     */
    public record Ledger(String clearingAccount, String commissionAccount, String inputVatAccount, String interestIncomeAccount,
                         String feeIncomeAccount) {

        public static final String DEFAULT_INTEREST_INCOME = "8313";
        public static final String DEFAULT_FEE_INCOME = "3590";

        /** Settings stored before the income accounts existed read with their defaults. */
        public Ledger {
            interestIncomeAccount = interestIncomeAccount == null ? DEFAULT_INTEREST_INCOME : interestIncomeAccount;
            feeIncomeAccount = feeIncomeAccount == null ? DEFAULT_FEE_INCOME : feeIncomeAccount;
        }

        public Ledger(String clearingAccount, String commissionAccount, String inputVatAccount) {
            this(clearingAccount, commissionAccount, inputVatAccount, null, null);
        }
    }
}
