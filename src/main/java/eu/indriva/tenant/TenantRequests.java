package eu.indriva.tenant;

import eu.indriva.agency.AgencyService;
import static eu.indriva.problem.Problem.badField;

import eu.indriva.accounting.AccountingPlugin;
import eu.indriva.agency.AgencyPlugin;
import eu.indriva.tenant.TenantRequest.LedgerIn;
import eu.indriva.tenant.TenantRequest.PolicyIn;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns an admin's request into a {@link Tenant} with defaults applied, or refuses it with a
 * 400 naming the field. Plain code, unit-tested without Spring.
 */
public final class TenantRequests {

    public static final Pattern TENANT_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern ACCOUNT = Pattern.compile("^[0-9]{1,20}$");
    /** The v1 contract's claimType words (Kravia's) and the service each stands for. */
    private static final Map<String, AgencyService> CLAIM_TYPES = new java.util.LinkedHashMap<>(Map.of(
            "CollectionCase", AgencyService.COLLECTION, "Invoice", AgencyService.REMINDER));
    private static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(30);

    private TenantRequests() {}

    public static String checkTenantId(String id) {
        if (id == null || !TENANT_ID.matcher(id).matches()) {
            throw badField("tenantId", "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return id;
    }

    /**
     * The secrets after this request: the stored ones overlaid with those the request names, checked
     * by the tenant's systems.
     *
     * @param whyRequired how a missing required secret is explained ("is required when ...")
     */
    public static TenantSecrets secrets(TenantRequest r, TenantSecrets stored, AccountingPlugin accounting, AgencyPlugin agency,
                                        String whyRequired) {
        TenantSecrets update = new TenantSecrets(secretsIn(r.accounting(), "accounting", accounting),
                secretsIn(r.agency(), "agency", agency));
        TenantSecrets merged = stored.overlay(update, accounting.secretFields(), agency.secretFields());
        accounting.checkSecrets(merged.accounting(), whyRequired);
        agency.checkSecrets(merged.agency(), whyRequired);
        return merged;
    }

    /** The secret fields of the system the request sends, blank as absent. */
    private static Map<String, String> secretsIn(Map<String, Object> block, String prefix, SystemPlugin system) {
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        for (String f : system.secretFields()) {
            Object v = block == null ? null : block.get(f);
            if (v != null && !(v instanceof String)) {
                throw badField(prefix + "." + f, "must be text");
            }
            secrets.put(f, blankToNull((String) v));
        }
        return secrets;
    }

    /** The accounting system the request names, or a 400 naming the ones there are. */
    public static AccountingPlugin accountingSystem(TenantRequest r, Map<String, ? extends AccountingPlugin> systems) {
        return system(r == null ? null : r.accounting(), "accounting", systems);
    }

    /** The agency system the request names, or a 400 naming the ones there are. */
    public static AgencyPlugin agencySystem(TenantRequest r, Map<String, ? extends AgencyPlugin> agencies) {
        return system(r == null ? null : r.agency(), "agency", agencies);
    }

    private static <P extends SystemPlugin> P system(Map<String, Object> block, String prefix, Map<String, ? extends P> systems) {
        if (block == null) {
            throw badField(prefix, "is required");
        }
        Object system = block.get("system");
        if (!(system instanceof String s) || s.isBlank()) {
            throw badField(prefix + ".system", "is required");
        }
        P plugin = systems.get(s.trim());
        if (plugin == null) {
            throw badField(prefix + ".system", "unknown system '" + s + "'; supported: " + new java.util.TreeSet<>(systems.keySet()));
        }
        return plugin;
    }

    /**
     * @param accountingSystems the accounting systems there are, by id
     * @param agencies the agency systems there are, by id
     */
    public static Tenant toTenant(String id, TenantRequest r, Map<String, ? extends AccountingPlugin> accountingSystems,
                                  Map<String, ? extends AgencyPlugin> agencies) {
        checkTenantId(id);
        if (r == null) {
            throw badField("body", "a tenant object is required");
        }
        String name = required(r.name(), "name");
        if (name.length() > 200) {
            throw badField("name", "must be at most 200 characters");
        }
        if (r.enabled() == null) {
            throw badField("enabled", "is required (true or false)");
        }
        String country = r.country() == null ? "SE" : r.country();
        if (!country.equals("SE") && !country.equals("FI")) {
            throw badField("country", "must be SE or FI (ISO 3166-1 alpha-2 of the creditor)");
        }
        ZoneId zone = zone(r.timeZone());
        return new Tenant(id, name, r.enabled(), country, zone,
                connection(r.accounting(), "accounting", accountingSystem(r, accountingSystems)),
                connection(r.agency(), "agency", agencySystem(r, agencies)),
                policy(r.policy()), ledger(r.ledger()));
    }

    private static Tenant.Connection connection(Map<String, Object> in, String prefix, SystemPlugin plugin) {
        SettingsBlock block = new SettingsBlock(prefix, in);
        plugin.readSettings(block);
        return new Tenant.Connection(plugin.system(), block.settings(plugin.name(), plugin.secretFields()));
    }

    /** Customers a tenant can exclude, and how long a customer number may be (as the claim table keeps it). */
    static final int MAX_EXCLUDED = 5000;
    static final int MAX_CUSTOMER_NUMBER = 64;

    private static Tenant.Policy policy(PolicyIn p) {
        if (p == null) {
            // what is transferred, and when, is the creditor's decision: never a silent default
            throw badField("policy", "is required: send at least {} to accept the documented defaults (automatic transfer "
                    + "of every SEK or EUR invoice 10 days past due), or set automatic, graceDays, minimumAmount, ...");
        }
        long graceDays = p.graceDays() == null ? 10 : p.graceDays();
        if (graceDays < 0 || graceDays > 3650) {
            throw badField("policy.graceDays", graceDays + " is out of range: 0–3650 days");
        }
        BigDecimal minimum = p.minimumAmount() == null ? BigDecimal.ZERO : p.minimumAmount();
        if (minimum.signum() < 0) {
            throw badField("policy.minimumAmount", "must not be negative");
        }
        if (minimum.stripTrailingZeros().scale() > 2) {
            throw badField("policy.minimumAmount", "must have at most 2 decimals");
        }
        List<String> currencies = p.currencies() == null ? List.of("SEK", "EUR") : p.currencies();
        if (currencies.isEmpty()) {
            throw badField("policy.currencies", "must name at least one currency");
        }
        for (String c : currencies) {
            if (c == null || !CURRENCY.matcher(c).matches() || !isIso4217(c)) {
                throw badField("policy.currencies", "'" + c + "' is not an ISO 4217 code such as SEK or EUR");
            }
        }
        AgencyService service = service(p.service(), p.claimType());
        List<String> excluded = p.excludedCustomerNumbers() == null ? List.of() : p.excludedCustomerNumbers();
        if (excluded.stream().anyMatch(Objects::isNull)) {
            throw badField("policy.excludedCustomerNumbers", "must not contain null");
        }
        if (excluded.size() > MAX_EXCLUDED) {
            throw badField("policy.excludedCustomerNumbers", excluded.size() + " customer numbers: at most " + MAX_EXCLUDED);
        }
        if (excluded.stream().anyMatch(c -> c.length() > MAX_CUSTOMER_NUMBER)) {
            throw badField("policy.excludedCustomerNumbers", "a customer number is at most " + MAX_CUSTOMER_NUMBER + " characters");
        }
        Duration interval;
        try {
            interval = p.pollInterval() == null ? Duration.ofMinutes(15) : Duration.parse(p.pollInterval());
        } catch (DateTimeParseException e) {
            throw badField("policy.pollInterval", "'" + p.pollInterval() + "' is not an ISO 8601 duration such as PT15M");
        }
        if (interval.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw badField("policy.pollInterval", "must be at least PT30S");
        }
        return new Tenant.Policy(
                p.automatic() == null || p.automatic(), (int) graceDays, minimum.setScale(2), List.copyOf(currencies),
                service, List.copyOf(excluded), interval, p.bookCreditLosses() != null && p.bookCreditLosses());
    }

    /**
     * The policy's service: {@code service} in the words every agency shares, or the v1 contract's
     * {@code claimType} (CollectionCase, Invoice) for it; both may be sent if they agree. Neither:
     * COLLECTION. Whether the tenant's agency offers it is the agency's to say (TenantService).
     */
    static AgencyService service(String service, String claimType) {
        AgencyService fromClaimType = null;
        if (claimType != null) {
            fromClaimType = CLAIM_TYPES.get(claimType);
            if (fromClaimType == null) {
                throw badField("policy.claimType", "must be one of " + CLAIM_TYPES.keySet() + " (or send policy.service)");
            }
        }
        if (service == null) {
            return fromClaimType == null ? AgencyService.COLLECTION : fromClaimType;
        }
        AgencyService chosen;
        try {
            chosen = AgencyService.valueOf(service);
        } catch (IllegalArgumentException e) {
            throw badField("policy.service", "must be one of " + java.util.Arrays.toString(AgencyService.values()));
        }
        if (fromClaimType != null && fromClaimType != chosen) {
            throw badField("policy.service", service + " does not agree with claimType " + claimType + " (which means "
                    + fromClaimType + "); send one of them");
        }
        return chosen;
    }

    /** The v1 contract's claimType for a service, or null when it has none (INVOICE). */
    public static String claimType(AgencyService service) {
        return CLAIM_TYPES.entrySet().stream().filter(e -> e.getValue() == service).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static boolean isIso4217(String code) {
        try {
            java.util.Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Tenant.Ledger ledger(LedgerIn l) {
        if (l == null) {
            l = new LedgerIn(null, null, null);
        }
        return new Tenant.Ledger(
                account(l.clearingAccount(), "1930", "ledger.clearingAccount"),
                account(l.commissionAccount(), "6570", "ledger.commissionAccount"),
                account(l.inputVatAccount(), "2640", "ledger.inputVatAccount"),
                account(l.interestIncomeAccount(), Tenant.Ledger.DEFAULT_INTEREST_INCOME, "ledger.interestIncomeAccount"),
                account(l.feeIncomeAccount(), Tenant.Ledger.DEFAULT_FEE_INCOME, "ledger.feeIncomeAccount"));
    }

    private static String account(String value, String fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (!ACCOUNT.matcher(value).matches()) {
            throw badField(field, "must be a ledger account number such as " + fallback);
        }
        return value;
    }

    private static ZoneId zone(String tz) {
        if (tz == null) {
            return ZoneId.of("Europe/Stockholm");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw badField("timeZone", "'" + tz + "' is not a time zone id such as Europe/Stockholm");
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw badField(field, "is required");
        }
        return value.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
