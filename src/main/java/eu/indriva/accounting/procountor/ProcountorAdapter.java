package eu.indriva.accounting.procountor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.AccountingInvoice;
import eu.indriva.accounting.AccountingSystem;
import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.accounting.InvoiceSummary;
import eu.indriva.upstream.SlidingWindowRateLimiter;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    private final String baseUrl;
    private final UpstreamHttp http;
    private final SlidingWindowRateLimiter limiter;
    private final ProcountorTokens tokens;
    private final ObjectMapper json;

    ProcountorAdapter(String baseUrl, UpstreamHttp http, SlidingWindowRateLimiter limiter, ProcountorTokens tokens, ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.limiter = limiter;
        this.tokens = tokens;
        this.json = json;
    }

    /** An adapter for one tenant; {@code limiter} is shared by every tenant of the same API client. */
    public static ProcountorAdapter create(String baseUrl, String clientId, String clientSecret, String apiKey, String redirectUri,
                                           UpstreamHttp http, SlidingWindowRateLimiter limiter, ObjectMapper json, java.time.Clock clock) {
        ProcountorTokens tokens = new ProcountorTokens(baseUrl, clientId, clientSecret, apiKey, redirectUri, http, limiter, json, clock);
        return new ProcountorAdapter(baseUrl, http, limiter, tokens, json);
    }

    @Override
    public InvoicePage overdueInvoices(LocalDate dueOnOrBefore, int page) {
        JsonNode result = get("/invoices?types=SALES_INVOICE&status=SENT,PARTLY_PAID&dueEndDate=" + dueOnOrBefore
                + "&size=" + PAGE_SIZE + "&page=" + page, "search-invoices").orElseThrow(
                        () -> new UpstreamException.Permanent(404, "Procountor has no /invoices resource at " + baseUrl));
        List<InvoiceSummary> hits = new ArrayList<>();
        for (JsonNode n : result.path("results")) {
            hits.add(ProcountorMapping.summary(n));
        }
        JsonNode meta = result.path("meta");
        int pageSize = meta.path("pageSize").asInt(PAGE_SIZE);
        boolean last = hits.size() < pageSize || hits.isEmpty();
        if (!last && meta.hasNonNull("totalCount")) {
            last = (long) (page + 1) * pageSize >= meta.get("totalCount").asLong();
        }
        return new InvoicePage(hits, last);
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

    private Optional<JsonNode> get(String pathAndQuery, String operation) {
        HttpResponse<String> r = call(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET(), operation);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw refused(r, operation);
        }
        try {
            return Optional.of(json.readTree(r.body()));
        } catch (IOException e) {
            throw new UpstreamException.Transient("Procountor " + operation + " answered with something that is not JSON", e);
        }
    }

    /** Rate limit, bearer token, one token refresh on 401, waiting out 429s. */
    private HttpResponse<String> call(HttpRequest.Builder request, String operation) {
        boolean refreshed = false;
        for (int tries = 0; tries < MAX_RATE_LIMITED_TRIES; ) {
            String token = tokens.token();
            limiter.acquire();
            HttpResponse<String> r = http.send(request.copy().header("Authorization", "Bearer " + token), operation);
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
        if (invoiceId == null || !invoiceId.matches("[0-9]{1,18}")) {
            throw new UpstreamException.Permanent(400, "a Procountor invoice id is a number, not '" + invoiceId + "'");
        }
        return invoiceId;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
