package eu.indriva.agency.kravia;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.agency.Agency;
import eu.indriva.agency.AgencyCase;
import eu.indriva.agency.AgencyChange;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.agency.Settlement;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Kravia behind {@link Agency}. Every shape marked {@code x-source: assumed} in kravia-api.yaml
 * (the 409 on a repeated accountingInvoiceId, the attachment path, the error body, the details,
 * search and settlement shapes, the 409 on bookkeep, the 409 on a repeated AccountingPaymentId, the
 * actions path) is read here and nowhere else.
 */
public final class KraviaAdapter implements Agency {

    /** The search's documented page limit. */
    static final int MAX_TOP = 100;

    private final String baseUrl;
    private final String token;
    private final long creditorId;
    private final UpstreamHttp http;
    private final ObjectMapper json;
    /** Reads numbers with a fraction as BigDecimal, as written: money never passes through a double. */
    private final ObjectReader reader;

    public KraviaAdapter(String baseUrl, String token, long creditorId, UpstreamHttp http, ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.creditorId = creditorId;
        this.http = http;
        this.json = json;
        this.reader = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    @Override
    public String name() {
        return "Kravia";
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    /** The id of this agency in a tenant's {@code agency.system} and on its claims. */
    public static final String SYSTEM = "kravia";

    @Override
    public Registration register(ClaimRegistration claim) {
        String body;
        try {
            body = json.writeValueAsString(KraviaMapping.register(claim, creditorId, json));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> r = http.send(request("/api/v2/invoice/register")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "register");
        return switch (r.statusCode()) {
            case 200, 201 -> new Registration.Registered(claimId(r, "register"), false);
            case 409 -> new Registration.Registered(claimId(r, "register (409)"), true);
            case 429 -> throw new UpstreamException.Transient("Kravia is rate limiting (429)"
                    + r.headers().firstValue("Retry-After").map(s -> ", retry after " + s + " s").orElse(""));
            case 400, 422 -> throw new UpstreamException.Permanent(r.statusCode(), "Kravia rejected the claim: " + errors(r.body()));
            case 401, 403 -> throw new UpstreamException.Transient("Kravia refused the token (HTTP " + r.statusCode()
                    + "): check the tenant's agency token");
            default -> throw new UpstreamException.Transient("Kravia register answered HTTP " + r.statusCode());
        };
    }

    @Override
    public void attach(String agencyClaimId, InvoiceCopy copy) {
        String boundary = "indriva-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + copy.fileName().replace("\"", "") + "\"\r\n"
                + "Content-Type: " + copy.mimeType() + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(copy.content());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(request("/api/v2/invoice/" + agencyClaimId + "/attachment")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "attach");
        if (r.statusCode() / 100 == 2) {
            return;
        }
        if (r.statusCode() == 429 || r.statusCode() == 401 || r.statusCode() == 403) {
            throw new UpstreamException.Transient("Kravia attachment answered HTTP " + r.statusCode());
        }
        throw new UpstreamException.Permanent(r.statusCode(), "Kravia refused the invoice copy (HTTP " + r.statusCode() + "): "
                + errors(r.body()));
    }

    @Override
    public Optional<AgencyCase> details(String agencyClaimId) {
        HttpResponse<String> r = http.send(request("/api/v2/invoice/" + numericId(agencyClaimId, "claim") + "/details").GET(), "details");
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode n = body(r, "details of claim " + agencyClaimId);
        try {
            return Optional.of(KraviaMapping.details(n));
        } catch (IllegalArgumentException e) {
            throw unreadable("the details of claim " + agencyClaimId, e);
        }
    }

    @Override
    public String checkConnection() {
        body(http.send(request("/api/v2/invoice/search?orderBy=11&byAscending=true&skip=0&top=1&creditorId=" + creditorId).GET(),
                "check-connection"), "the claim search");
        return "the API token and a one-claim search for creditor " + creditorId;
    }

    @Override
    public List<AgencyChange> changesSince(String since, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, not " + max);
        }
        int top = Math.min(max, MAX_TOP);
        String query = (since == null ? "" : "lastUpdatedTime=" + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&")
                + "orderBy=11&byAscending=true&skip=0&top=" + top + "&creditorId=" + creditorId;
        JsonNode root = body(http.send(request("/api/v2/invoice/search?" + query).GET(), "search"), "the change search");
        LocalDateTime after;
        List<AgencyChange> changes = new ArrayList<>();
        try {
            after = since == null ? null : KraviaMapping.time(since, "the watermark");
            for (JsonNode item : root.isArray() ? root : root.path("items")) {
                AgencyChange c = KraviaMapping.change(item);
                // "after" is strict: an echo of the watermark itself would make the poller spin on one claim
                if (after == null || c.lastUpdated().isAfter(after)) {
                    changes.add(c);
                }
            }
        } catch (IllegalArgumentException e) {
            throw unreadable("the change search", e);
        }
        changes.sort(Comparator.comparing(AgencyChange::lastUpdated)); // stable: keeps Kravia's order among equal times
        return List.copyOf(changes.size() > top ? changes.subList(0, top) : changes);
    }

    @Override
    public List<Settlement> openSettlements() {
        JsonNode root = body(http.send(request("/api/v2/settlements?ExcludeClosed=true&creditorId=" + creditorId).GET(), "settlements"),
                "the settlement list");
        JsonNode items = root.isArray() ? root : root.path("items");
        if (!items.isArray()) {
            throw unreadable("the settlement list", new IllegalArgumentException("it is not a list"));
        }
        List<Settlement> out = new ArrayList<>();
        for (JsonNode n : items) {
            try {
                out.add(KraviaMapping.settlement(n));
            } catch (IllegalArgumentException e) {
                throw unreadable("settlement " + n.path("settlementId").asText("(without id)"), e);
            }
        }
        out.sort(Comparator.comparing(Settlement::date)); // stable: keeps Kravia's order within a day
        return List.copyOf(out);
    }

    @Override
    public void acknowledgeSettlement(String settlementId, String internalAccountingId) {
        if (internalAccountingId == null || internalAccountingId.isBlank()) {
            throw new IllegalArgumentException("acknowledging settlement " + settlementId + " needs the voucher id");
        }
        HttpResponse<String> r = http.send(request("/api/v2/settlements/" + numericId(settlementId, "settlement")
                + "/bookkeep?internalAccountingId=" + URLEncoder.encode(internalAccountingId, StandardCharsets.UTF_8))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), "bookkeep");
        if (r.statusCode() / 100 == 2) {
            return;
        }
        if (r.statusCode() == 409) {
            throw new UpstreamException.Permanent(409, "Kravia says settlement " + settlementId
                    + " was already booked with another voucher (not " + internalAccountingId + ")");
        }
        throw refused(r, "acknowledging settlement " + settlementId);
    }

    @Override
    public boolean directPayment(String agencyClaimId, String accountingPaymentId, LocalDate date, BigDecimal amount,
                                 String description) {
        long claim = Long.parseLong(numericId(agencyClaimId, "claim"));
        return registerMoney("/api/v2/invoice/payment", "payment",
                KraviaMapping.directPayment(claim, accountingPaymentId, date, amount, description, json),
                "direct payment " + accountingPaymentId + " for claim " + agencyClaimId);
    }

    @Override
    public boolean creditNote(String agencyClaimId, String accountingPaymentId, LocalDate date, BigDecimal amount,
                              String description) {
        long claim = Long.parseLong(numericId(agencyClaimId, "claim"));
        return registerMoney("/api/v2/invoice/creditnote", "creditnote",
                KraviaMapping.creditNote(claim, accountingPaymentId, date, amount, description, json),
                "credit note " + accountingPaymentId + " for claim " + agencyClaimId);
    }

    @Override
    public void action(String agencyClaimId, eu.indriva.agency.AgencyAction what) {
        String action = KraviaMapping.action(what);
        HttpResponse<String> r = http.send(request("/api/v2/invoice/" + numericId(agencyClaimId, "claim") + "/actions/" + action)
                .POST(HttpRequest.BodyPublishers.noBody()), "action-" + action.toLowerCase(java.util.Locale.ROOT));
        if (r.statusCode() / 100 == 2) {
            return;
        }
        if (r.statusCode() == 409) {
            String reason = message(r.body());
            throw new UpstreamException.Permanent(409, "Kravia refused " + action + " for claim " + agencyClaimId + ": "
                    + (reason == null ? "the action is not available in the claim's current state" : reason));
        }
        if (r.statusCode() == 404) {
            throw new UpstreamException.Permanent(404, "Kravia does not know claim " + agencyClaimId + " (HTTP 404, " + action + "): "
                    + errors(r.body()));
        }
        throw refused(r, action + " for claim " + agencyClaimId);
    }

    /**
     * Payments and credit notes: 2xx registered now; 409 (assumed) means Kravia already has this
     * AccountingPaymentId and nothing changed, which is the answer a repeat after an unknown outcome wants.
     */
    private boolean registerMoney(String path, String operation, ObjectNode payload, String what) {
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> r = http.send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), operation);
        if (r.statusCode() / 100 == 2) {
            return true;
        }
        if (r.statusCode() == 409) {
            return false;
        }
        throw refused(r, what);
    }

    private HttpRequest.Builder request(String path) {
        // Kravia wants the raw token, without "Bearer"
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", token);
    }

    /** The JSON of a 200; any other answer is {@link #refused}. */
    private JsonNode body(HttpResponse<String> r, String what) {
        if (r.statusCode() != 200) {
            throw refused(r, what);
        }
        JsonNode n;
        try {
            n = reader.readTree(r.body() == null ? "" : r.body());
        } catch (IOException e) {
            throw new UpstreamException.Transient("Kravia answered " + what + " with something that is not JSON", e);
        }
        if (n == null || n.isMissingNode()) {
            throw new UpstreamException.Transient("Kravia answered " + what + " with an empty body");
        }
        return n;
    }

    /** 429 and a refused token are worth retrying later (as for register); any other 4xx carries Kravia's message. */
    private UpstreamException refused(HttpResponse<String> r, String what) {
        int status = r.statusCode();
        if (status == 429) {
            return new UpstreamException.Transient("Kravia is rate limiting (429)"
                    + r.headers().firstValue("Retry-After").map(s -> ", retry after " + s + " s").orElse(""));
        }
        if (status == 401 || status == 403) {
            return new UpstreamException.Transient("Kravia refused the token (HTTP " + status + "): check the tenant's agency token");
        }
        if (status >= 400 && status < 500) {
            return new UpstreamException.Permanent(status, "Kravia refused " + what + " (HTTP " + status + "): " + errors(r.body()));
        }
        return new UpstreamException.Transient("Kravia " + what + " answered HTTP " + status);
    }

    /** Kravia's answer does not have the assumed shape: repeating the call will not change it. */
    private static UpstreamException unreadable(String what, IllegalArgumentException e) {
        return new UpstreamException.Permanent(422, "Kravia's answer for " + what + " cannot be read: " + e.getMessage());
    }

    private static String numericId(String id, String what) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            throw new UpstreamException.Permanent(400, "a Kravia " + what + " id is a number, not '" + id + "'");
        }
        return id;
    }

    private String claimId(HttpResponse<String> r, String what) {
        try {
            JsonNode id = json.readTree(r.body()).path("invoiceId");
            if (id.isNumber() || (id.isTextual() && !id.asText().isBlank())) {
                return id.asText();
            }
        } catch (IOException ignored) {
            // handled below
        }
        throw new UpstreamException.Transient("Kravia " + what + " answered HTTP " + r.statusCode() + " without a claim id");
    }

    private String errors(String body) {
        String message = message(body);
        return message == null ? "(no message)" : message;
    }

    /** Kravia's own words: the errors list (assumed ValidationError shape), a JSON message, else the body as sent; null when empty. */
    private String message(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = json.readTree(body);
            JsonNode errors = root.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode e : errors) {
                    if (!sb.isEmpty()) {
                        sb.append("; ");
                    }
                    String field = e.path("field").asText("");
                    sb.append(field.isEmpty() ? "" : field + ": ").append(e.path("message").asText("(no message)"));
                }
                return sb.toString();
            }
            for (String key : new String[] {"message", "detail", "title"}) {
                JsonNode m = root.path(key);
                if (m.isTextual() && !m.asText().isBlank()) {
                    return m.asText();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        String plain = body.strip();
        return plain.length() > 500 ? plain.substring(0, 500) : plain;
    }
}
