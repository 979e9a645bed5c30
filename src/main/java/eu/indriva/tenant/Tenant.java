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

    public record Policy(
            boolean automatic,
            int graceDays,
            BigDecimal minimumAmount,
            List<String> currencies,
            String claimType,
            List<String> excludedCustomerNumbers,
            Duration pollInterval,
            boolean bookCreditLosses) {}

    public record Ledger(String clearingAccount, String commissionAccount, String inputVatAccount) {}
}
