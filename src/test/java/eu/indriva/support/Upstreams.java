package eu.indriva.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import eu.indriva.sandbox.KraviaSandboxRegistry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real HTTP stand-ins for Procountor and Kravia, shared by the flow tests. Each test gets its own
 * path prefix ("/t7") on both servers and its own Kravia creditor id, so tests never see each
 * other's stubs or claims. Kravia's register answers go through {@link KraviaSandboxRegistry},
 * which gives the 409-on-repeat behaviour the exactly-once design relies on.
 */
public final class Upstreams {

    private static final AtomicInteger NEXT = new AtomicInteger(1);
    public static final ObjectMapper JSON = new ObjectMapper();

    public static final KraviaSandboxRegistry REGISTRY = new KraviaSandboxRegistry();
    public static final LedgerFake LEDGER = new LedgerFake();
    public static final WireMockServer PROCOUNTOR = new WireMockServer(options().dynamicPort().containerThreads(40)
            .extensions(LEDGER, new GeneratedInvoices()));
    public static final WireMockServer KRAVIA = new WireMockServer(options().dynamicPort().containerThreads(40).extensions(REGISTRY));

    static {
        PROCOUNTOR.start();
        KRAVIA.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            PROCOUNTOR.stop();
            KRAVIA.stop();
        }));
    }

    private Upstreams() {}

    /** One test's slice of the two upstreams. */
    public static Slice slice() {
        return new Slice(NEXT.getAndIncrement());
    }

    public record Invoice(String id, String number, String status, String currency, BigDecimal total, LocalDate dueDate,
                          String customerNumber, String identifier, String name, String country, List<BigDecimal> payments) {

        /** A SEK invoice to a valid Swedish company, 40 days overdue. */
        public static Invoice overdue(String id) {
            return new Invoice(id, "N" + id, "SENT", "SEK", new BigDecimal("1250.00"), LocalDate.now().minusDays(40),
                    "C-" + id, "556036-0793", "Nordvik Bygg AB", "SWEDEN", List.of());
        }

        public Invoice withTotal(String total) {
            return new Invoice(id, number, status, currency, new BigDecimal(total), dueDate, customerNumber, identifier, name, country, payments);
        }

        public Invoice withStatus(String s) {
            return new Invoice(id, number, s, currency, total, dueDate, customerNumber, identifier, name, country, payments);
        }

        public Invoice withCurrency(String c) {
            return new Invoice(id, number, status, c, total, dueDate, customerNumber, identifier, name, country, payments);
        }

        public Invoice withDueDate(LocalDate d) {
            return new Invoice(id, number, status, currency, total, d, customerNumber, identifier, name, country, payments);
        }

        public Invoice withCustomer(String c) {
            return new Invoice(id, number, status, currency, total, dueDate, c, identifier, name, country, payments);
        }

        public Invoice withIdentifier(String i) {
            return new Invoice(id, number, status, currency, total, dueDate, customerNumber, i, name, country, payments);
        }

        public Invoice withPayments(String... amounts) {
            return new Invoice(id, number, status, currency, total, dueDate, customerNumber, identifier, name, country,
                    java.util.Arrays.stream(amounts).map(BigDecimal::new).toList());
        }
    }

    public static final class Slice {
        public final int n;
        public final String prefix;
        public final long creditorId;

        Slice(int n) {
            this.n = n;
            this.prefix = "/t" + n;
            this.creditorId = 50_000 + n;
        }

        public String procountorUrl() {
            return PROCOUNTOR.baseUrl() + prefix;
        }

        public String kraviaUrl() {
            return KRAVIA.baseUrl() + prefix;
        }

        /** The admin API body of a tenant pointing at this slice. */
        public ObjectNode tenantJson(int graceDays, String minimum, List<String> excluded) {
            ObjectNode t = JSON.createObjectNode();
            t.put("name", "Test tenant " + n);
            t.put("enabled", true);
            ObjectNode a = t.putObject("accounting");
            a.put("system", "procountor").put("baseUrl", procountorUrl()).put("clientId", "client-" + n)
                    .put("clientSecret", "secret-" + n).put("apiKey", "api-key-" + n);
            ObjectNode g = t.putObject("agency");
            g.put("system", "kravia").put("baseUrl", kraviaUrl()).put("token", "agency-token-" + n).put("creditorId", creditorId);
            ObjectNode p = t.putObject("policy");
            p.put("automatic", true).put("graceDays", graceDays).put("minimumAmount", new BigDecimal(minimum))
                    .put("pollInterval", "PT1H");
            ArrayNode ex = p.putArray("excludedCustomerNumbers");
            excluded.forEach(ex::add);
            return t;
        }

        public void token() {
            PROCOUNTOR.stubFor(post(urlPathEqualTo(prefix + "/oauth/token"))
                    .willReturn(okJson("{\"access_token\":\"token-" + n + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        }

        /** The search answers these pages in order (page=0, 1, ...); the last page is short. */
        public void searchPages(int pageSize, List<List<Invoice>> pages) {
            searchPages(pageSize, pages, 0);
        }

        /** As {@link #searchPages(int, List)}, each page answered after {@code delayMillis}. */
        public void searchPages(int pageSize, List<List<Invoice>> pages, int delayMillis) {
            for (int i = 0; i < pages.size(); i++) {
                ObjectNode body = JSON.createObjectNode();
                ArrayNode results = body.putArray("results");
                for (Invoice inv : pages.get(i)) {
                    results.add(basic(inv));
                }
                int total = pages.stream().mapToInt(List::size).sum();
                body.putObject("meta").put("pageNumber", i).put("pageSize", pageSize).put("resultCount", pages.get(i).size())
                        .put("totalCount", total);
                PROCOUNTOR.stubFor(get(urlPathEqualTo(prefix + "/invoices"))
                        .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo(Integer.toString(i)))
                        .willReturn(okJson(body.toString()).withFixedDelay(delayMillis)));
            }
        }

        /** One page with all of these. */
        public void search(Invoice... invoices) {
            searchPages(200, List.of(List.of(invoices)));
        }

        /** The invoice, its payment events, its image and its notes. */
        public void invoice(Invoice inv) {
            stubInvoice(inv, get(urlPathEqualTo(prefix + "/invoices/" + inv.id())));
            ObjectNode events = JSON.createObjectNode();
            ArrayNode results = events.putArray("results");
            int e = 0;
            for (BigDecimal amount : inv.payments()) {
                results.addObject().put("id", Integer.parseInt(inv.id()) * 100 + e++).put("invoiceId", Integer.parseInt(inv.id()))
                        .put("type", "REFERENCEPAYMENT").put("paymentDate", LocalDate.now().minusDays(5).toString())
                        .put("amount", amount).put("currency", inv.currency());
            }
            events.putObject("meta").put("resultCount", inv.payments().size());
            PROCOUNTOR.stubFor(get(urlPathEqualTo(prefix + "/invoices/" + inv.id() + "/paymentevents")).willReturn(okJson(events.toString())));
            PROCOUNTOR.stubFor(get(urlPathEqualTo(prefix + "/invoices/" + inv.id() + "/image"))
                    .willReturn(okJson("{\"name\":\"invoice-" + inv.number() + ".png\",\"mimeType\":\"image/png\",\"content\":\"iVBORw0KGgo=\"}")));
            PROCOUNTOR.stubFor(put(urlPathEqualTo(prefix + "/invoices/" + inv.id() + "/notes")).willReturn(okJson("{}")));
        }

        public void stubInvoice(Invoice inv, MappingBuilder request) {
            PROCOUNTOR.stubFor(request.willReturn(okJson(full(inv).toString())));
        }

        /** Kravia accepts registrations (through the registry) and attachments. */
        public void kravia() {
            KRAVIA.stubFor(post(urlPathEqualTo(prefix + "/api/v2/invoice/register")).willReturn(okJson("{}")));
            KRAVIA.stubFor(post(urlPathMatching(prefix + "/api/v2/invoice/[0-9]+/attachment")).willReturn(okJson("{}")));
        }

        /**
         * {@code count} overdue invoices ({@link Invoice#overdue}) with ids from {@code firstId}: token,
         * search pages of 200, and a handful of stubs that answer every invoice, its image, its
         * (no) payment events and its notes.
         */
        public void generated(int firstId, int count) {
            token();
            List<List<Invoice>> pages = new java.util.ArrayList<>();
            for (int from = 0; from < count; from += 200) {
                pages.add(java.util.stream.IntStream.range(from, Math.min(count, from + 200))
                        .mapToObj(i -> Invoice.overdue(Integer.toString(firstId + i))).toList());
            }
            searchPages(200, pages);
            PROCOUNTOR.stubFor(get(urlPathMatching(prefix + "/invoices/[0-9]+")).atPriority(9)
                    .willReturn(okJson("{}").withTransformers(GeneratedInvoices.NAME)));
            PROCOUNTOR.stubFor(get(urlPathMatching(prefix + "/invoices/[0-9]+/paymentevents")).atPriority(9)
                    .willReturn(okJson("{\"results\":[],\"meta\":{\"resultCount\":0}}")));
            PROCOUNTOR.stubFor(get(urlPathMatching(prefix + "/invoices/[0-9]+/image")).atPriority(9)
                    .willReturn(okJson("{\"name\":\"invoice.png\",\"mimeType\":\"image/png\",\"content\":\"iVBORw0KGgo=\"}")));
            PROCOUNTOR.stubFor(put(urlPathMatching(prefix + "/invoices/[0-9]+/notes")).atPriority(9).willReturn(okJson("{}")));
        }

        /** Everything for these invoices: token, one search page, each invoice, Kravia. */
        public void standard(Invoice... invoices) {
            token();
            search(invoices);
            for (Invoice inv : invoices) {
                invoice(inv);
            }
            kravia();
        }

        /** Kravia's details of a claim, as of {@code lastUpdated} (an ISO local date-time, UTC). */
        public void details(String claimId, String invoiceId, String status, String closeReason, String lastUpdated, String capital) {
            KRAVIA.stubFor(get(urlPathEqualTo(prefix + "/api/v2/invoice/" + claimId + "/details")).willReturn(okJson(
                    detailsJson(claimId, invoiceId, status, closeReason, lastUpdated, capital))));
        }

        public String detailsJson(String claimId, String invoiceId, String status, String closeReason, String lastUpdated, String capital) {
            ObjectNode d = JSON.createObjectNode();
            d.put("invoiceId", Long.parseLong(claimId)).put("creditorId", creditorId).put("accountingInvoiceId", invoiceId)
                    .put("status", status).put("lastUpdatedTime", lastUpdated).put("currencyCode", "SEK");
            if (closeReason != null) {
                d.put("closeReason", closeReason);
            }
            d.putObject("amounts").put("originalCapital", new BigDecimal("1250.00")).put("outstandingCapital", new BigDecimal(capital))
                    .put("outstandingInterest", new BigDecimal("12.40")).put("outstandingFees", new BigDecimal("180.00"));
            d.putArray("availableActions").add("Pause").add("Withdraw");
            return d.toString();
        }

        /** Kravia's "changed since" search answers these (claimId, invoiceId, lastUpdated) triples, then nothing. */
        public void changes(String[]... items) {
            ObjectNode page = JSON.createObjectNode();
            page.put("totalCount", items.length);
            ArrayNode arr = page.putArray("items");
            for (String[] it : items) {
                arr.addObject().put("invoiceId", Long.parseLong(it[0])).put("creditorId", creditorId).put("accountingInvoiceId", it[1])
                        .put("status", "DebtCollection").put("lastUpdatedTime", it[2]);
            }
            KRAVIA.stubFor(get(urlPathEqualTo(prefix + "/api/v2/invoice/search")).atPriority(5).willReturn(okJson(page.toString())));
            if (items.length > 0) {
                KRAVIA.stubFor(get(urlPathEqualTo(prefix + "/api/v2/invoice/search")).atPriority(1)
                        .withQueryParam("lastUpdatedTime", com.github.tomakehurst.wiremock.client.WireMock.equalTo(items[items.length - 1][2]))
                        .willReturn(okJson("{\"totalCount\":0,\"items\":[]}")));
            }
        }

        /** Kravia lists these settlements (JSON array text) as open; bookkeep answers 200. */
        public void settlements(String arrayJson) {
            KRAVIA.stubFor(get(urlPathEqualTo(prefix + "/api/v2/settlements")).willReturn(okJson(arrayJson)));
            KRAVIA.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(urlPathMatching(prefix + "/api/v2/settlements/[0-9]+/bookkeep"))
                    .willReturn(okJson("{}")));
        }

        /** The most requests this slice's Procountor API client received in any sliding second, by WireMock's log. */
        public int busiestProcountorSecond() {
            return mostWithin(PROCOUNTOR.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                    urlPathMatching(prefix + "/.*"))).stream().map(r -> r.getLoggedDate().getTime() * 1_000_000L).toList(), 1_000_000_000L);
        }

        /** Procountor's ledger side (markpaid, receipts, approve), answered by {@link LedgerFake}. */
        public void ledger() {
            PROCOUNTOR.stubFor(put(urlPathMatching(prefix + "/invoices/[0-9]+/paymentevents/markpaid")).willReturn(okJson("{}")));
            PROCOUNTOR.stubFor(post(urlPathEqualTo(prefix + "/ledgerreceipts")).willReturn(okJson("{}")));
            PROCOUNTOR.stubFor(get(urlPathEqualTo(prefix + "/ledgerreceipts")).willReturn(okJson("{}")));
            PROCOUNTOR.stubFor(put(urlPathMatching(prefix + "/ledgerreceipts/[0-9]+/approve")).willReturn(okJson("{}")));
        }

        /** Requests Kravia received on this path (after the slice prefix), e.g. "/api/v2/invoice/7001/details". */
        public int kraviaRequests(String method, String path) {
            return (int) KRAVIA.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getMethod().getName().equals(method) && e.getRequest().getUrl().split("\\?")[0].equals(prefix + path))
                    .count();
        }

        public List<String> kraviaUrls(String method, String pathStart) {
            return KRAVIA.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getMethod().getName().equals(method) && e.getRequest().getUrl().startsWith(prefix + pathStart))
                    .map(e -> e.getRequest().getUrl()).toList();
        }

        public int procountorRequests(String method, String pathRegex) {
            return (int) PROCOUNTOR.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getMethod().getName().equals(method)
                            && e.getRequest().getUrl().split("\\?")[0].matches(java.util.regex.Pattern.quote(prefix) + pathRegex))
                    .count();
        }

        /** Kravia accepts direct payments and credit notes (the registry answers repeats with 409). */
        public void kraviaMoney() {
            KRAVIA.stubFor(post(urlPathEqualTo(prefix + "/api/v2/invoice/payment")).willReturn(okJson("{}")));
            KRAVIA.stubFor(post(urlPathEqualTo(prefix + "/api/v2/invoice/creditnote")).willReturn(okJson("{}")));
        }

        /** Direct payments and credit notes Kravia registered for this slice, by AccountingPaymentId. */
        public java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> agencyPayments() {
            java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> mine = new java.util.HashMap<>();
            REGISTRY.payments().forEach((k, v) -> {
                if (k.startsWith(prefix + "|")) {
                    mine.put(k.substring(k.indexOf('|') + 1), v);
                }
            });
            return mine;
        }

        /** Procountor's "changed since" search (versionStartDate) lists these invoices with these statuses. */
        public void changedInvoices(String[]... idAndStatus) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode results = body.putArray("results");
            for (String[] it : idAndStatus) {
                results.addObject().put("id", Long.parseLong(it[0])).put("type", "SALES_INVOICE").put("status", it[1]);
            }
            body.putObject("meta").put("pageNumber", 0).put("pageSize", 200).put("resultCount", idAndStatus.length)
                    .put("totalCount", idAndStatus.length);
            PROCOUNTOR.stubFor(get(urlPathEqualTo(prefix + "/invoices")).atPriority(1)
                    .withQueryParam("versionStartDate", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                    .willReturn(okJson(body.toString())));
        }

        /** Claims the sandbox agency holds for this slice's creditor, by accountingInvoiceId. */
        public java.util.Map<String, Long> agencyClaims() {
            java.util.Map<String, Long> mine = new java.util.HashMap<>();
            REGISTRY.claims().forEach((k, v) -> {
                if (k.startsWith(creditorId + "/")) {
                    mine.put(k.substring(k.indexOf('/') + 1), v);
                }
            });
            return mine;
        }

        /** Register requests for this slice that reached Kravia (including repeats answered 409). */
        public int registerRequests() {
            return KRAVIA.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    urlPathEqualTo(prefix + "/api/v2/invoice/register"))).size();
        }

        public List<String> registerBodies() {
            List<String> out = new ArrayList<>();
            KRAVIA.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    urlPathEqualTo(prefix + "/api/v2/invoice/register"))).forEach(r -> out.add(r.getBodyAsString()));
            return out;
        }

        public static ObjectNode basic(Invoice inv) {
            ObjectNode n = JSON.createObjectNode();
            n.put("id", Integer.parseInt(inv.id()));
            n.put("type", "SALES_INVOICE");
            n.put("status", inv.status());
            n.put("invoiceNumber", inv.number());
            n.put("dueDate", inv.dueDate().toString());
            n.putArray("invoiceSumInfo").addObject().put("currency", inv.currency()).put("inAccountingCurrency", true)
                    .put("invoiceSumTotal", inv.total());
            n.putObject("counterParty").put("customerNumber", inv.customerNumber()).put("identifier", inv.identifier())
                    .putObject("counterPartyAddress").put("name", inv.name());
            return n;
        }

        public static ObjectNode full(Invoice inv) {
            ObjectNode n = basic(inv);
            n.put("date", inv.dueDate().minusDays(30).toString());
            n.put("notes", "Customer promised to pay. /Eva");
            n.putObject("paymentInfo").put("currency", inv.currency()).put("dueDate", inv.dueDate().toString())
                    .put("bankReferenceCode", "1234561");
            ObjectNode cp = (ObjectNode) n.get("counterParty");
            cp.put("email", "ap@example.com");
            ((ObjectNode) cp.get("counterPartyAddress")).put("street", "Storgatan 1").put("zip", "111 22").put("city", "Stockholm")
                    .put("country", inv.country());
            return n;
        }
    }

    /** A Kravia answer that fails the way a test wants. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("{}");
    }

    /** The most of these times (nanoseconds, any order) that fall within any one sliding window of {@code windowNanos}. */
    public static int mostWithin(List<Long> times, long windowNanos) {
        List<Long> at = times.stream().sorted().toList();
        int most = 0;
        for (int i = 0, j = 0; i < at.size(); i++) {
            while (at.get(i) - at.get(j) >= windowNanos) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }
}
