package eu.indriva.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the sandbox Kravia behave like the real one where it matters for exactly-once: the
 * first registration of a (creditorId, accountingInvoiceId) creates a claim, every later one is
 * answered 409 with the existing claim id (kravia-api.yaml, assumed). Acts on a stub's answer
 * to POST /api/v2/invoice/register only when that answer is a 200, so a stub can still fail,
 * time out or reject. Tests read what the agency ended up with from it.
 */
public class KraviaSandboxRegistry implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> claims = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> money = new ConcurrentHashMap<>();
    /** What each claim was registered with, by claim id. */
    private final Map<Long, JsonNode> registered = new ConcurrentHashMap<>();
    /** Capital the agency paid out, by "settlementId/line" (each line once however often the settlements are listed). */
    private final Map<String, Paid> paidOut = new ConcurrentHashMap<>();
    /** Payments the agency answered and did not apply (the sandbox's deliberate "lost" payment), by money key. */
    private final java.util.Set<String> lost = ConcurrentHashMap.newKeySet();
    private final java.util.Set<Long> withdrawn = ConcurrentHashMap.newKeySet();

    private record Paid(long claimId, java.math.BigDecimal capital) {}
    private final AtomicLong nextId = new AtomicLong(9_000_001);
    private final AtomicInteger registerCalls = new AtomicInteger();

    @Override
    public String getName() {
        return "kravia-sandbox-registry";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition stubbed = event.getResponseDefinition();
        var request = event.getRequest();
        String path = request.getUrl().split("\\?")[0];
        boolean post = "POST".equals(request.getMethod().getName());
        if (post && (path.endsWith("/api/v2/invoice/payment") || path.endsWith("/api/v2/invoice/creditnote"))
                && (stubbed.getStatus() == 200 || stubbed.getFault() != null)) {
            return money(stubbed, path, request.getBodyAsString(), Boolean.TRUE.equals(metadata(event, "sandboxLosesIt")));
        }
        if (stubbed.getStatus() == 200 && "GET".equals(request.getMethod().getName())) {
            if (path.endsWith("/api/v2/settlements")) {
                paidOut(stubbed.getBody());
            } else if (path.endsWith("/details") && Boolean.TRUE.equals(metadata(event, "sandboxCase"))) {
                return details(stubbed, path);
            }
            return stubbed;
        }
        if (post && path.matches(".*/api/v2/invoice/[0-9]+/actions/Withdraw") && stubbed.getStatus() == 200) {
            withdrawn.add(Long.parseLong(path.replaceAll(".*/api/v2/invoice/([0-9]+)/actions/Withdraw", "$1")));
            return stubbed;
        }
        if (!post || !path.endsWith("/api/v2/invoice/register") || stubbed.getStatus() != 200) {
            return stubbed;
        }
        registerCalls.incrementAndGet();
        JsonNode body;
        try {
            body = JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            return error(stubbed, "body", "the request body is not JSON");
        }
        for (String required : new String[] {"claimType", "creditorId", "debtorName", "invoiceNo", "dueDate", "originalAmount", "currencyCode"}) {
            if (!body.hasNonNull(required)) {
                return error(stubbed, required, required + " is required");
            }
        }
        boolean person = body.path("isPrivateIndividual").asBoolean(false) || "true".equals(body.path("isPrivateIndividual").asText());
        if (!person && !body.hasNonNull("organizationNumber")) {
            return error(stubbed, "organizationNumber", "organizationNumber is required for B2B claims");
        }
        String key = body.path("creditorId").asText() + "/" + body.path("accountingInvoiceId").asText();
        long[] created = {0};
        String invoiceId = body.path("accountingInvoiceId").asText();
        long id = claims.computeIfAbsent(key, k -> created[0] = claimIdFor(invoiceId));
        registered.putIfAbsent(id, body);
        int status = created[0] != 0 ? 200 : 409;
        String answer = "{\"invoiceId\":" + id + ",\"accountingInvoiceId\":" + JSON.valueToTree(body.path("accountingInvoiceId").asText())
                + ",\"status\":\"Registered\"}";
        return ResponseDefinitionBuilder.like(stubbed).but().withStatus(status).withBody(answer)
                .withHeader("Content-Type", "application/json").build();
    }

    /**
     * Direct payments and credit notes: the first of an AccountingPaymentId is registered, a repeat
     * is 409 (kravia-api.yaml, assumed). Also acts when the stub is a fault: the caller then loses
     * the answer to a payment the agency did register.
     */
    private ResponseDefinition money(ResponseDefinition stubbed, String path, String body, boolean losesIt) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            return error(stubbed, "body", "the request body is not JSON");
        }
        String id = json.has("AccountingPaymentId") ? json.path("AccountingPaymentId").asText() : null;
        if (id == null || id.isBlank()) {
            return error(stubbed, "AccountingPaymentId", "AccountingPaymentId is required");
        }
        // payments and credit notes share one AccountingPaymentId namespace (per creditor: per base path here)
        String key = path.substring(0, path.lastIndexOf("/api/v2/invoice/")) + "|" + id;
        boolean created = money.putIfAbsent(key, json) == null;
        if (created && losesIt) {
            lost.add(key);
        }
        if (created || stubbed.getFault() != null) {
            return stubbed;
        }
        return ResponseDefinitionBuilder.like(stubbed).but().withStatus(409)
                .withBody("{\"errors\":[{\"field\":\"AccountingPaymentId\",\"message\":\"already registered\"}]}")
                .withHeader("Content-Type", "application/json").build();
    }

    private static Object metadata(ServeEvent event, String key) {
        var stub = event.getStubMapping();
        return stub == null || stub.getMetadata() == null ? null : stub.getMetadata().get(key);
    }

    /** Records each line of the settlements the agency lists as paid out (the body may still hold its templates). */
    private void paidOut(String body) {
        try {
            JsonNode list = JSON.readTree(body);
            for (JsonNode s : list) {
                int line = 0;
                for (JsonNode l : s.path("lines")) {
                    paidOut.putIfAbsent(s.path("settlementId").asText() + "/" + line++,
                            new Paid(l.path("invoiceId").asLong(), l.path("capital").decimalValue()));
                }
            }
        } catch (Exception notAList) {
            // a stub answering something else: nothing paid out that the sandbox can tell
        }
    }

    /**
     * The claim as the agency holds it now: the capital registered, less the direct payments and credit
     * notes it applied and the capital it paid out; "Closed"/"Withdrawn" once withdrawn. A claim the
     * sandbox did not register is answered as the stub says.
     */
    private ResponseDefinition details(ResponseDefinition stubbed, String path) {
        long claimId = Long.parseLong(path.replaceAll(".*/api/v2/invoice/([0-9]+)/details", "$1"));
        JsonNode reg = registered.get(claimId);
        if (reg == null) {
            return stubbed;
        }
        java.math.BigDecimal original = reg.path("originalAmount").decimalValue();
        java.math.BigDecimal lowered = java.math.BigDecimal.ZERO;
        for (Map.Entry<String, JsonNode> m : money.entrySet()) {
            JsonNode inv = m.getValue().has("invoices") ? m.getValue().path("invoices").path(0) : m.getValue().path("Invoices").path(0);
            long to = inv.has("invoiceId") ? inv.path("invoiceId").asLong() : inv.path("InvoiceId").asLong();
            if (to == claimId && !lost.contains(m.getKey())) {
                lowered = lowered.add((inv.has("amount") ? inv.path("amount") : inv.path("Amount")).decimalValue().abs());
            }
        }
        for (Paid p : paidOut.values()) {
            if (p.claimId() == claimId) {
                lowered = lowered.add(p.capital());
            }
        }
        boolean closed = withdrawn.contains(claimId);
        var d = JSON.createObjectNode();
        d.put("invoiceId", claimId).put("creditorId", reg.path("creditorId").asLong())
                .put("accountingInvoiceId", reg.path("accountingInvoiceId").asText()).put("invoiceNo", reg.path("invoiceNo").asText())
                .put("claimType", "CollectionCase").put("status", closed ? "Closed" : "Reminder");
        if (closed) {
            d.put("closeReason", "Withdrawn");
        } else {
            d.putNull("closeReason");
        }
        d.put("lastUpdatedTime", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1).withNano(0).toString())
                .put("currencyCode", reg.path("currencyCode").asText());
        d.putObject("amounts").put("originalCapital", original)
                .put("outstandingCapital", closed ? java.math.BigDecimal.ZERO : original.subtract(lowered).max(java.math.BigDecimal.ZERO))
                .put("outstandingInterest", new java.math.BigDecimal("3.10")).put("outstandingFees", new java.math.BigDecimal("60.00"));
        d.putArray("payments");
        d.putArray("timeline");
        var actions = d.putArray("availableActions");
        if (!closed) {
            actions.add("Pause").add("Withdraw");
        }
        return ResponseDefinitionBuilder.like(stubbed).but().withBody(d.toString()).withHeader("Content-Type", "application/json").build();
    }

    /** Direct payments and credit notes the agency registered, by "base path|AccountingPaymentId". */
    public Map<String, JsonNode> payments() {
        return Map.copyOf(money);
    }

    private static ResponseDefinition error(ResponseDefinition stubbed, String field, String message) {
        return ResponseDefinitionBuilder.like(stubbed).but().withStatus(400)
                .withBody("{\"errors\":[{\"field\":\"" + field + "\",\"message\":\"" + message + "\"}]}")
                .withHeader("Content-Type", "application/json").build();
    }

    /**
     * Claim ids the sandbox's static stubs can predict (details, settlements): 7,000,000 + the
     * invoice id when that is a number below a million, else the next free number from 9,000,001.
     */
    private long claimIdFor(String accountingInvoiceId) {
        if (accountingInvoiceId.matches("[0-9]{1,6}")) {
            return 7_000_000L + Long.parseLong(accountingInvoiceId);
        }
        return nextId.getAndIncrement();
    }

    /** Claims the agency holds, by "creditorId/accountingInvoiceId". */
    public Map<String, Long> claims() {
        return Map.copyOf(claims);
    }

    /** Every register request that reached the agency, including repeats answered 409. */
    public int registerCalls() {
        return registerCalls.get();
    }

    public void reset() {
        claims.clear();
        money.clear();
        registered.clear();
        paidOut.clear();
        lost.clear();
        withdrawn.clear();
        registerCalls.set(0);
    }
}
