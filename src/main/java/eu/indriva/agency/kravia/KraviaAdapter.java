package eu.indriva.agency.kravia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.indriva.accounting.InvoiceCopy;
import eu.indriva.agency.Agency;
import eu.indriva.agency.ClaimRegistration;
import eu.indriva.upstream.UpstreamException;
import eu.indriva.upstream.UpstreamHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Kravia behind {@link Agency}. Every shape marked {@code x-source: assumed} in kravia-api.yaml
 * (the 409 on a repeated accountingInvoiceId, the attachment path, the error body) is read here
 * and nowhere else.
 */
public final class KraviaAdapter implements Agency {

    private final String baseUrl;
    private final String token;
    private final long creditorId;
    private final UpstreamHttp http;
    private final ObjectMapper json;

    public KraviaAdapter(String baseUrl, String token, long creditorId, UpstreamHttp http, ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.creditorId = creditorId;
        this.http = http;
        this.json = json;
    }

    @Override
    public String name() {
        return "Kravia";
    }

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
            case 200, 201 -> new Registration(claimId(r, "register"), false);
            case 409 -> new Registration(claimId(r, "register (409)"), true);
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

    private HttpRequest.Builder request(String path) {
        // Kravia wants the raw token, without "Bearer"
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", token);
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
        try {
            JsonNode errors = json.readTree(body).path("errors");
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
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return body == null || body.isBlank() ? "(no message)" : body.length() > 500 ? body.substring(0, 500) : body;
    }
}
