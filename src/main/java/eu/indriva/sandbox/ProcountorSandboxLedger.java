package eu.indriva.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the sandbox Procountor remember what Indriva books, as the real one does: an invoice marked
 * paid shows that payment event when its payment events are read again. Each API client (a demo
 * tenant) has its own receivables ledger: the token is named after the client, and the markings are
 * kept per token. The stubs' own events (a debtor's payments) are answered as they are, the
 * markings after them. Acts only on a stub's 200.
 */
public class ProcountorSandboxLedger implements ResponseDefinitionTransformerV2 {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MARKPAID = Pattern.compile(".*/invoices/([0-9]+)/paymentevents/markpaid$");
    private static final Pattern EVENTS = Pattern.compile(".*/invoices/([0-9]+)/paymentevents$");

    private final Map<String, List<ObjectNode>> marked = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(600_000);

    @Override
    public String getName() {
        return "procountor-sandbox-ledger";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition stub = event.getResponseDefinition();
        var req = event.getRequest();
        if (stub.getStatus() != 200) {
            return stub;
        }
        String path = req.getUrl().split("\\?")[0];
        String method = req.getMethod().getName();
        try {
            Matcher m;
            if (method.equals("POST") && path.endsWith("/oauth/token")) {
                ObjectNode token = JSON.createObjectNode().put("access_token", "sandbox-token-" + clientId(req.getBodyAsString()))
                        .put("token_type", "bearer").put("expires_in", 3600);
                return answer(stub, token);
            }
            String ledger = req.getHeader("Authorization");
            if (method.equals("PUT") && (m = MARKPAID.matcher(path)).matches()) {
                ObjectNode e = markedPaid(ids.incrementAndGet(), m.group(1), JSON.readTree(req.getBodyAsString()));
                marked.computeIfAbsent(ledger + "|" + m.group(1), k -> new CopyOnWriteArrayList<>()).add(e);
                return answer(stub, e);
            }
            if (method.equals("GET") && (m = EVENTS.matcher(path)).matches()) {
                List<ObjectNode> ours = marked.getOrDefault(ledger + "|" + m.group(1), List.of());
                if (ours.isEmpty()) {
                    return stub;
                }
                String text = stub.getBody();
                ObjectNode page = text == null || text.isBlank() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(text);
                ArrayNode results = page.has("results") ? (ArrayNode) page.get("results") : page.putArray("results");
                ours.forEach(results::add);
                page.putObject("meta").put("pageNumber", 0).put("pageSize", 200).put("resultCount", results.size())
                        .put("totalCount", results.size());
                return answer(stub, page);
            }
        } catch (Exception e) {
            return ResponseDefinitionBuilder.like(stub).but().withStatus(400)
                    .withBody("{\"errors\":[{\"status\":400,\"message\":\"the sandbox could not read the request\"}]}").build();
        }
        return stub;
    }

    /** The payment event a markpaid request creates in Procountor: its own type for a credit loss, else a transfer elsewhere. */
    public static ObjectNode markedPaid(long id, String invoiceId, JsonNode request) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id).put("invoiceId", Long.parseLong(invoiceId))
                .put("type", "CREDIT_LOSS".equals(request.path("paymentMethodType").asText()) ? "CREDITLOSS" : "BANKTRANSFERELSEWHERE")
                .put("paymentDate", request.path("paymentDate").asText()).put("status", "PAID")
                .put("amount", request.path("amount").decimalValue()).put("currency", request.path("currency").asText())
                .put("description", request.path("description").asText());
        return e;
    }

    private static String clientId(String form) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("client_id")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "unknown";
    }

    private static ResponseDefinition answer(ResponseDefinition stub, JsonNode body) {
        return ResponseDefinitionBuilder.like(stub).but().withBody(body.toString()).withHeader("Content-Type", "application/json").build();
    }
}
