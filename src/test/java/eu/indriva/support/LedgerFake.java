package eu.indriva.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Procountor receivables ledger with memory, for the settlement tests: markpaid adds a payment
 * event that later GET .../paymentevents return; journal receipts are created, listed and approved
 * (approving twice is a 400, as in Procountor). It acts on whatever a stub answers with status
 * 200, and also when the stub is a fault: the fault then reaches the caller after the ledger
 * changed, which is exactly a lost answer.
 */
public class LedgerFake implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKPAID = Pattern.compile(".*/invoices/([0-9]+)/paymentevents/markpaid$");
    private static final Pattern EVENTS = Pattern.compile(".*/invoices/([0-9]+)/paymentevents$");
    private static final Pattern APPROVE = Pattern.compile(".*/ledgerreceipts/([0-9]+)/approve$");

    private final Map<String, List<ObjectNode>> events = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> receipts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(900_000);

    @Override
    public String getName() {
        return "procountor-ledger-fake";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    /** Pre-existing events (a debtor's payment) on an invoice, keyed by "prefix/invoiceId". */
    public void addEvent(String prefix, String invoiceId, ObjectNode event) {
        events.computeIfAbsent(prefix + "/" + invoiceId, k -> new CopyOnWriteArrayList<>()).add(event);
    }

    public List<ObjectNode> events(String prefix, String invoiceId) {
        return events.getOrDefault(prefix + "/" + invoiceId, List.of());
    }

    public List<ObjectNode> receipts(String prefix) {
        return receipts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "/")).map(Map.Entry::getValue).toList();
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        ResponseDefinition stub = serveEvent.getResponseDefinition();
        var req = serveEvent.getRequest();
        String path = req.getUrl().split("\\?")[0];
        String method = req.getMethod().getName();
        boolean acts = stub.getStatus() == 200 || stub.getFault() != null;
        if (!acts || !path.contains("/t")) {
            return stub;
        }
        String prefix = path.substring(0, path.indexOf('/', 1));
        try {
            Matcher m;
            if (method.equals("PUT") && (m = MARKPAID.matcher(path)).matches()) {
                ObjectNode event = eu.indriva.sandbox.ProcountorSandboxLedger.markedPaid(ids.incrementAndGet(), m.group(1),
                        JSON.readTree(req.getBodyAsString()));
                addEvent(prefix, m.group(1), event);
                return answer(stub, event);
            }
            if (method.equals("GET") && (m = EVENTS.matcher(path)).matches()) {
                // what the stub itself lists (a debtor's payments), then what was marked paid since
                ObjectNode page = stub.getBody() == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(stub.getBody());
                ArrayNode results = page.has("results") ? (ArrayNode) page.get("results") : page.putArray("results");
                events(prefix, m.group(1)).forEach(results::add);
                page.putObject("meta").put("resultCount", results.size());
                return answer(stub, page);
            }
            if (method.equals("POST") && path.endsWith("/ledgerreceipts")) {
                ObjectNode receipt = (ObjectNode) JSON.readTree(req.getBodyAsString());
                long id = ids.incrementAndGet();
                receipt.put("id", id).put("status", "UNFINISHED");
                receipts.put(prefix + "/" + id, receipt);
                return answer(stub, receipt);
            }
            if (method.equals("GET") && path.endsWith("/ledgerreceipts")) {
                ObjectNode page = JSON.createObjectNode();
                ArrayNode results = page.putArray("results");
                receipts(prefix).forEach(r -> results.addObject().put("id", r.path("id").asLong()).put("type", "JOURNAL")
                        .put("status", r.path("status").asText()).put("name", r.path("name").asText())
                        .put("receiptDate", r.path("receiptDate").asText()));
                page.putObject("meta").put("resultCount", results.size()).put("pageSize", 200);
                return answer(stub, page);
            }
            if (method.equals("PUT") && (m = APPROVE.matcher(path)).matches()) {
                ObjectNode r = receipts.get(prefix + "/" + m.group(1));
                if (r == null || !"UNFINISHED".equals(r.path("status").asText())) {
                    return ResponseDefinitionBuilder.like(stub).but().withStatus(400).withFault(null)
                            .withBody("{\"errors\":[{\"status\":400,\"message\":\"receipt is not UNFINISHED\"}]}").build();
                }
                r.put("status", "APPROVED");
                return answer(stub, JSON.createObjectNode());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return stub;
    }

    private static ResponseDefinition answer(ResponseDefinition stub, JsonNode body) {
        return ResponseDefinitionBuilder.like(stub).but().withBody(body.toString()).withHeader("Content-Type", "application/json").build();
    }
}
