package eu.indriva.accounting.procountor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.AccountingSystem.Unreadable;
import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.accounting.JournalEntry;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Procountor behind {@link AccountingSystem}: the only class that knows Procountor's paths,
 * its token dance, its rate limit and its error shape.
 */
public final class ProcountorAdapter implements AccountingSystem {

    static final int PAGE_SIZE = 200;
    private static final int MAX_RATE_LIMITED_TRIES = 6;
    /** markpaid's {@code description} limit (MarkInvoiceAsPaid.description maxLength). */
    static final int MAX_PAYMENT_DESCRIPTION = 140;
    /** LedgerReceipt.name maxLength; a cut name could not be found again after a crash. */
    static final int MAX_RECEIPT_NAME = 80;
    /** How far around the receipt date findJournalReceipt looks. */
    static final int RECEIPT_SEARCH_DAYS = 7;
    /** A bound on paging, so a server that never sends a short page cannot keep us here for ever. */
    private static final int MAX_PAGES = 500;

    private final String baseUrl;
    private final UpstreamHttp http;
    private final SlidingWindowRateLimiter limiter;
    private final ProcountorTokens tokens;
    private final ObjectMapper json;
    /** Reads numbers with a fraction as BigDecimal, as written: money never passes through a double. */
    private final ObjectReader reader;

    ProcountorAdapter(String baseUrl, UpstreamHttp http, SlidingWindowRateLimiter limiter, ProcountorTokens tokens, ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.limiter = limiter;
        this.tokens = tokens;
        this.json = json;
        this.reader = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** An adapter for one tenant; {@code limiter} is shared by every tenant of the same API client. */
    public static ProcountorAdapter create(String baseUrl, String clientId, String clientSecret, String apiKey, String redirectUri,
                                           UpstreamHttp http, SlidingWindowRateLimiter limiter, ObjectMapper json, java.time.Clock clock) {
        ProcountorTokens tokens = new ProcountorTokens(baseUrl, clientId, clientSecret, apiKey, redirectUri, http, limiter, json, clock);
        return new ProcountorAdapter(baseUrl, http, limiter, tokens, json);
    }

    @Override
    public String checkConnection() {
        get("/invoices?types=SALES_INVOICE&size=1&page=0", "check-connection").orElseThrow(
                () -> new UpstreamException.Permanent(404, "Procountor has no /invoices resource at " + baseUrl));
        return "a token and a one-invoice search";
    }

    @Override
    public InvoicePage overdueInvoices(LocalDate dueOnOrBefore, int page) {
        JsonNode result = get("/invoices?types=SALES_INVOICE&status=SENT,PARTLY_PAID&dueEndDate=" + dueOnOrBefore
                + "&size=" + PAGE_SIZE + "&page=" + page, "search-invoices").orElseThrow(
                        () -> new UpstreamException.Permanent(404, "Procountor has no /invoices resource at " + baseUrl));
        List<InvoiceSummary> hits = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        int listed = 0;
        for (JsonNode n : result.path("results")) {
            listed++;
            try {
                hits.add(ProcountorMapping.summary(n));
            } catch (RuntimeException e) {
                // one invoice's bad data must not stop the poll for the others
                String id = n.path("id").isIntegralNumber() || n.path("id").isTextual() ? n.path("id").asText() : null;
                unreadable.add(new Unreadable(id == null || id.isBlank() ? null : id,
                        "Procountor's overdue search lists this invoice with data Indriva cannot use ("
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                                + "); correct it in Procountor, then retry the claim"));
            }
        }
        return new InvoicePage(hits, unreadable, lastPage(result, listed, page));
    }

    /**
     * Every sales invoice whose {@code version} is at or after {@code since}, whatever its status
     * (INVALIDATED and DELETED included, so no status filter), in id order: an invoice that changes
     * again while we page keeps its place, and new invoices come at the end. {@code since} null lists
     * them all.
     */
    @Override
    public ChangedPage changedInvoices(Instant since, int page) {
        if (page < 0) {
            throw new IllegalArgumentException("pages count from 0, not " + page);
        }
        String query = "types=SALES_INVOICE"
                + (since == null ? "" : "&versionStartDate=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8))
                + "&orderById=ASC&size=" + PAGE_SIZE + "&page=" + page;
        JsonNode result = get("/invoices?" + query, "search-changed-invoices").orElseThrow(
                () -> new UpstreamException.Permanent(404, "Procountor has no /invoices resource at " + baseUrl));
        JsonNode results = result.path("results");
        List<ChangedInvoice> changed = new ArrayList<>();
        for (JsonNode n : results) {
            ProcountorMapping.changed(n).ifPresent(changed::add);
        }
        // the page's length as Procountor sent it decides, so that a hit we could not use does not end the paging early
        return new ChangedPage(List.copyOf(changed), lastPage(result, results.size(), page));
    }

    /** A short (or empty) page is the last; a full one is too when it reaches meta.totalCount. */
    private static boolean lastPage(JsonNode result, int hits, int page) {
        JsonNode meta = result.path("meta");
        int pageSize = meta.path("pageSize").asInt(PAGE_SIZE);
        boolean last = hits < pageSize || hits == 0;
        if (!last && meta.hasNonNull("totalCount")) {
            last = (long) (page + 1) * pageSize >= meta.get("totalCount").asLong();
        }
        return last;
    }

    @Override
    public Optional<AccountingInvoice> invoice(String invoiceId) {
        Optional<JsonNode> invoice = get("/invoices/" + numericId(invoiceId), "get-invoice");
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        JsonNode events = get("/invoices/" + numericId(invoiceId) + "/paymentevents?size=200", "get-payment-events")
                .orElse(json.createObjectNode());
        try {
            return Optional.of(ProcountorMapping.invoice(invoice.get(), events));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // the interface promises UpstreamExceptions; retrying will not change what Procountor holds
            throw new UpstreamException.Permanent(422, "Procountor invoice " + invoiceId + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public Optional<InvoiceCopy> invoiceCopy(String invoiceId) {
        return get("/invoices/" + numericId(invoiceId) + "/image?page=1&format=PNG", "get-invoice-image")
                .filter(n -> n.hasNonNull("content"))
                .map(n -> new InvoiceCopy(n.path("name").asText("invoice-" + invoiceId + ".png"),
                        n.path("mimeType").asText("image/png"), Base64.getMimeDecoder().decode(n.get("content").asText())));
    }

    @Override
    public boolean appendNote(String invoiceId, String marker, String text) {
        JsonNode invoice = get("/invoices/" + numericId(invoiceId), "get-invoice").orElseThrow(
                () -> new UpstreamException.Permanent(404, "Procountor no longer has invoice " + invoiceId));
        String notes = invoice.path("notes").isTextual() ? invoice.get("notes").asText() : "";
        if (notes.contains(marker)) {
            return false;
        }
        String updated = notes.isBlank() ? text : notes + "\n" + text;
        if (updated.length() > 10_000) {
            throw new UpstreamException.Permanent(400, "the invoice's notes are full (10,000 characters); the transfer note was not added");
        }
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(baseUrl + "/invoices/" + numericId(invoiceId) + "/notes"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(Map.of("notes", updated)))), "put-notes");
        if (r.statusCode() / 100 != 2) {
            throw refused(r, "writing the invoice note");
        }
        return true;
    }

    @Override
    public List<AccountingInvoice.Payment> payments(String invoiceId) {
        JsonNode events = get("/invoices/" + numericId(invoiceId) + "/paymentevents?size=" + PAGE_SIZE, "get-payment-events")
                .orElseThrow(() -> new UpstreamException.Permanent(404, "Procountor has no invoice " + invoiceId));
        try {
            return ProcountorMapping.payments(events);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new UpstreamException.Permanent(422, "the payment events of Procountor invoice " + invoiceId + " cannot be read: "
                    + e.getMessage());
        }
    }

    @Override
    public String name() {
        return "Procountor";
    }

    /** The invoice's JSON paths, as Procountor's API and its users' error messages name them. */
    @Override
    public String debtorField(eu.indriva.debtor.DebtorField field) {
        return switch (field) {
            case NAME -> "counterPartyAddress.name";
            case IDENTIFIER -> "counterParty.identifier";
            case STREET -> "counterPartyAddress.street";
            case ZIP -> "counterPartyAddress.zip";
            case CITY -> "counterPartyAddress.city";
            case COUNTRY -> "counterPartyAddress.country";
        };
    }

    @Override
    public String markPaid(String invoiceId, LocalDate date, BigDecimal amount, String currency, String description,
                           eu.indriva.accounting.MarkPaidReason reason) {
        String method = ProcountorMapping.paymentMethod(reason);
        if (description != null && description.length() > MAX_PAYMENT_DESCRIPTION) {
            throw new IllegalArgumentException("a Procountor payment description holds at most " + MAX_PAYMENT_DESCRIPTION
                    + " characters, this one has " + description.length());
        }
        String body = write(ProcountorMapping.markPaid(date, amount, currency, description, method, json));
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(baseUrl + "/invoices/" + numericId(invoiceId)
                        + "/paymentevents/markpaid"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), "mark-paid");
        if (r.statusCode() / 100 != 2) {
            throw refused(r, "marking invoice " + invoiceId + " paid");
        }
        // the payment is made by now: without its id the outcome is unknown, and the caller must look before repeating
        return idOf(r, "mark-paid", "payment event");
    }

    @Override
    public Optional<JournalReceipt> findJournalReceipt(String name, LocalDate date) {
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode result = get("/ledgerreceipts?types=JOURNAL&startDate=" + date.minusDays(RECEIPT_SEARCH_DAYS)
                    + "&endDate=" + date.plusDays(RECEIPT_SEARCH_DAYS) + "&size=" + PAGE_SIZE + "&page=" + page, "search-ledger-receipts")
                    .orElseThrow(() -> new UpstreamException.Permanent(404, "Procountor has no /ledgerreceipts resource at " + baseUrl));
            JsonNode hits = result.path("results");
            for (JsonNode n : hits) {
                if (name.equals(n.path("name").asText(null)) && n.hasNonNull("id")) {
                    return Optional.of(new JournalReceipt(n.get("id").asText(), name, "APPROVED".equals(n.path("status").asText(null))));
                }
            }
            int pageSize = result.path("meta").path("pageSize").asInt(PAGE_SIZE);
            if (hits.size() < Math.max(1, pageSize)) {
                return Optional.empty();
            }
        }
        throw new UpstreamException.Transient("Procountor listed more than " + MAX_PAGES + " pages of journal receipts around " + date);
    }

    @Override
    public String createJournalReceipt(JournalEntry entry) {
        if (entry.name() == null || entry.name().isBlank() || entry.name().length() > MAX_RECEIPT_NAME) {
            throw new IllegalArgumentException("a Procountor receipt name is 1 to " + MAX_RECEIPT_NAME + " characters: '"
                    + entry.name() + "'");
        }
        String body = write(ProcountorMapping.journalReceipt(entry, json));
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(baseUrl + "/ledgerreceipts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "create-ledger-receipt");
        if (r.statusCode() / 100 != 2) {
            throw refused(r, "creating journal receipt '" + entry.name() + "'");
        }
        return idOf(r, "create-ledger-receipt", "receipt");
    }

    @Override
    public void approveJournalReceipt(String receiptId) {
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(baseUrl + "/ledgerreceipts/" + numericId(receiptId, "receipt")
                        + "/approve"))
                .PUT(HttpRequest.BodyPublishers.noBody()), "approve-ledger-receipt");
        if (r.statusCode() / 100 != 2) {
            throw refused(r, "approving journal receipt " + receiptId);
        }
    }

    /** The {@code id} of the object in a 2xx answer; without one the write's outcome is unknown (Transient). */
    private String idOf(HttpResponse<String> r, String operation, String what) {
        try {
            JsonNode id = reader.readTree(r.body() == null ? "" : r.body()).path("id");
            if (id.isIntegralNumber() || (id.isTextual() && !id.asText().isBlank())) {
                return id.asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // handled below
        }
        throw new UpstreamException.Transient("Procountor " + operation + " answered HTTP " + r.statusCode() + " without a " + what
                + " id: the outcome is unknown");
    }

    private Optional<JsonNode> get(String pathAndQuery, String operation) {
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET(), operation);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw refused(r, operation);
        }
        try {
            return Optional.of(reader.readTree(r.body()));
        } catch (IOException e) {
            throw new UpstreamException.Transient("Procountor " + operation + " answered with something that is not JSON", e);
        }
    }

    /** Rate limit, bearer token, one token refresh on 401, waiting out 429s. */
    private HttpResponse<String> call(HttpRequest.Builder request, String operation) {
        boolean refreshed = false;
        for (int tries = 0; tries < MAX_RATE_LIMITED_TRIES; ) {
            String token = tokens.token();
            HttpResponse<String> r;
            try (var slot = limiter.begin()) {
                r = http.send(request.copy().header("Authorization", "Bearer " + token), operation);
            }
            if (r.statusCode() == 401 && !refreshed) {
                tokens.invalidate(token);
                refreshed = true;
                continue;
            }
            if (r.statusCode() == 429) {
                limiter.pause(retryAfter(r));
                tries++;
                continue;
            }
            return r;
        }
        throw new UpstreamException.Transient("Procountor kept answering 429 (too many requests) to " + operation);
    }

    static Duration retryAfter(HttpResponse<?> r) {
        return r.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(1);
            }
        }).orElse(Duration.ofSeconds(1));
    }

    private UpstreamException refused(HttpResponse<String> r, String what) {
        String message = "Procountor refused " + what + " (HTTP " + r.statusCode() + ")";
        try {
            JsonNode errors = json.readTree(r.body()).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringBuilder sb = new StringBuilder(message).append(":");
                for (JsonNode e : errors) {
                    sb.append(' ').append(e.path("field").asText("")).append(' ').append(e.path("message").asText("")).append(';');
                }
                message = sb.toString().trim();
            }
        } catch (IOException | RuntimeException ignored) {
            // the status line says enough
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            message += " - check the tenant's Procountor credentials and the API key's rights";
        }
        return new UpstreamException.Permanent(r.statusCode(), message);
    }

    private static String numericId(String invoiceId) {
        return numericId(invoiceId, "invoice");
    }

    private static String numericId(String id, String what) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            throw new UpstreamException.Permanent(400, "a Procountor " + what + " id is a number, not '" + id + "'");
        }
        return id;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
