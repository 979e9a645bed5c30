package eu.indriva.claim;

import static eu.indriva.problem.Problem.badField;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a claims list's filters from request parameters, the same for the admin API and the claims
 * page, or refuses one with a 400 naming it. An empty parameter is no filter (a form sends its empty
 * fields). Plain code.
 */
public final class ClaimFilters {

    /** The filters a list takes. */
    public static final Set<String> NAMES = Set.of("status", "needsAttention", "stage", "currency", "transferredFrom", "transferredTo", "q");
    static final int MAX_TEXT = 64;

    private ClaimFilters() {}

    /**
     * @param zone the tenant's time zone: a transfer date is a day there
     */
    public static ClaimRepository.Filter read(Map<String, String> params, ZoneId zone) {
        ClaimStatus status = value(params, "status", ClaimStatus.class);
        ClaimStage stage = value(params, "stage", ClaimStage.class);
        Boolean attention = null;
        String needsAttention = present(params, "needsAttention");
        if (needsAttention != null) {
            if (!needsAttention.equalsIgnoreCase("true") && !needsAttention.equalsIgnoreCase("false")) {
                throw badField("needsAttention", "must be true or false");
            }
            attention = Boolean.parseBoolean(needsAttention);
        }
        String currency = present(params, "currency");
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!currency.matches("[A-Z]{3}")) {
                throw badField("currency", "'" + currency + "' is not an ISO 4217 code such as SEK or EUR");
            }
        }
        LocalDate from = date(params, "transferredFrom");
        LocalDate to = date(params, "transferredTo");
        if (from != null && to != null && to.isBefore(from)) {
            throw badField("transferredTo", "is before transferredFrom");
        }
        String text = present(params, "q");
        if (text != null && text.length() > MAX_TEXT) {
            throw badField("q", "must be at most " + MAX_TEXT + " characters");
        }
        return new ClaimRepository.Filter(status, attention, stage, currency,
                from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), text);
    }

    /** A parameter's trimmed value, or null when absent or empty. */
    public static String present(Map<String, String> params, String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static <E extends Enum<E>> E value(Map<String, String> params, String name, Class<E> type) {
        String v = present(params, name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw badField(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static LocalDate date(Map<String, String> params, String name) {
        String v = present(params, name);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw badField(name, "'" + v + "' is not a date such as 2026-12-31");
        }
    }
}
