import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many Procountor companies and one Kravia, for the multi-tenant benchmark (bench/tenants-run.sh).
 * JDK only, single-file source launch:
 *
 * <pre>
 *   java bench/src/TenantsFake.java --tenants 1x5000,50x10 [--procountor-port 19090] [--kravia-port 19091]
 *        [--procountor-latency-ms 20-40] [--kravia-latency-ms 30]
 * </pre>
 *
 * Tenant k (numbered from 1 in the order of --tenants) is the Procountor company at
 * {@code /t<k>} (its own API client, so its own limit in the app) with invoices 1..count, all
 * eligible and overdue, and Kravia creditor k at {@code /k<k>}. Only the overdue search finds
 * them; the payment scan's "changed since" search finds no changes. Every Procountor request is timestamped per company, so
 * the most requests in any sliding second can be reported per company; Kravia registers each
 * (creditor, accountingInvoiceId) once (a repeat is a 409 and counted: a duplicate is a bug) and
 * keeps the time of each company's first and last new registration.
 *
 * GET /__stats on the Procountor port: one line per tenant and a total line, key=value.
 */
public class TenantsFake {

    static final Pattern TENANT_PATH = Pattern.compile("^/[tk]([0-9]+)(/.*)?$");
    static final Pattern ACCOUNTING_ID = Pattern.compile("\"accountingInvoiceId\"\\s*:\\s*\"?([0-9]+)\"?");
    static final String PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC";

    /** One Procountor company and its Kravia creditor. */
    static final class Company {
        final int n;
        final int count;
        long[] requestNanos = new long[256];
        int requests;
        final byte[] registered;
        int registeredDistinct;
        int duplicates;
        long firstRegisterMs;
        long lastRegisterMs;
        int attachments;
        int notes;

        Company(int n, int count) {
            this.n = n;
            this.count = count;
            this.registered = new byte[count + 1];
        }

        synchronized void request() {
            if (requests == requestNanos.length) {
                requestNanos = Arrays.copyOf(requestNanos, requests * 2);
            }
            requestNanos[requests++] = System.nanoTime();
        }

        /** @return true when this is the invoice's first registration */
        synchronized boolean register(int id) {
            if (registered[id] != 0) {
                duplicates++;
                return false;
            }
            registered[id] = 1;
            registeredDistinct++;
            long now = System.currentTimeMillis();
            if (firstRegisterMs == 0) {
                firstRegisterMs = now;
            }
            lastRegisterMs = now;
            return true;
        }

        synchronized String stats() {
            int max = 0;
            for (int l = 0, r = 0; r < requests; r++) {
                while (requestNanos[r] - requestNanos[l] >= 1_000_000_000L) {
                    l++;
                }
                max = Math.max(max, r - l + 1);
            }
            return "tenant=t" + n + " invoices=" + count + " registered=" + registeredDistinct + " duplicates=" + duplicates
                    + " first_register_ms=" + firstRegisterMs + " last_register_ms=" + lastRegisterMs + " attachments=" + attachments
                    + " notes=" + notes + " procountor_requests=" + requests + " procountor_max_in_1s=" + max;
        }
    }

    final List<Company> companies = new ArrayList<>();
    final int[] procountorLatency;
    final int kraviaLatency;
    final String invoiceDate;
    final String dueDate;
    final String version;

    TenantsFake(String spec, int[] procountorLatency, int kraviaLatency) {
        for (String part : spec.split(",")) {
            String[] nx = part.split("x");
            int times = Integer.parseInt(nx[0]);
            int count = Integer.parseInt(nx[1]);
            for (int i = 0; i < times; i++) {
                companies.add(new Company(companies.size() + 1, count));
            }
        }
        this.procountorLatency = procountorLatency;
        this.kraviaLatency = kraviaLatency;
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        this.invoiceDate = today.minusDays(70).toString();
        this.dueDate = today.minusDays(40).toString();
        this.version = today.minusDays(70) + "T08:14:22Z";
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String spec = null;
        int procountorPort = 19090;
        int kraviaPort = 19091;
        int[] latency = {20, 40};
        int kraviaLatency = 30;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--tenants" -> spec = v;
                case "--procountor-port" -> procountorPort = Integer.parseInt(v);
                case "--kravia-port" -> kraviaPort = Integer.parseInt(v);
                case "--procountor-latency-ms" -> latency = Arrays.stream(v.split("-")).mapToInt(Integer::parseInt).toArray();
                case "--kravia-latency-ms" -> kraviaLatency = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (spec == null) {
            System.err.println("usage: java TenantsFake.java --tenants 1x5000,50x10 [--procountor-port P] [--kravia-port P]"
                    + " [--procountor-latency-ms 20-40] [--kravia-latency-ms 30]");
            System.exit(2);
        }
        TenantsFake fake = new TenantsFake(spec, latency.length == 1 ? new int[] {latency[0], latency[0]} : latency, kraviaLatency);
        // handlers sleep for the latency: a thread per request in flight
        var pool = Executors.newFixedThreadPool(400);
        HttpServer procountor = HttpServer.create(new InetSocketAddress("127.0.0.1", procountorPort), 2048);
        procountor.createContext("/", fake::procountor);
        procountor.setExecutor(pool);
        HttpServer kravia = HttpServer.create(new InetSocketAddress("127.0.0.1", kraviaPort), 2048);
        kravia.createContext("/", fake::kravia);
        kravia.setExecutor(pool);
        procountor.start();
        kravia.start();
        System.out.println("tenants fake: " + fake.companies.size() + " companies; Procountor http://127.0.0.1:" + procountorPort
                + "/t<k>, Kravia http://127.0.0.1:" + kraviaPort + "/k<k>");
    }

    private Company company(HttpExchange ex, Matcher m) {
        int n = Integer.parseInt(m.group(1));
        return n >= 1 && n <= companies.size() ? companies.get(n - 1) : null;
    }

    void procountor(HttpExchange ex) throws IOException {
        try (ex) {
            String full = ex.getRequestURI().getPath();
            if (full.equals("/__stats")) {
                StringBuilder sb = new StringBuilder();
                long total = 0;
                long dups = 0;
                for (Company c : companies) {
                    sb.append(c.stats()).append('\n');
                    total += c.registeredDistinct;
                    dups += c.duplicates;
                }
                sb.append("total registered=").append(total).append(" duplicates=").append(dups).append('\n');
                send(ex, 200, sb.toString());
                return;
            }
            Matcher m = TENANT_PATH.matcher(full);
            Company c = m.matches() ? company(ex, m) : null;
            if (c == null) {
                send(ex, 404, "{\"errors\":[{\"status\":404,\"field\":\"\",\"message\":\"no such company\"}]}");
                return;
            }
            c.request();
            ex.getRequestBody().readAllBytes();
            sleep(procountorLatency[0] + ThreadLocalRandom.current().nextInt(procountorLatency[1] - procountorLatency[0] + 1));
            String path = m.group(2) == null ? "" : m.group(2);
            String method = ex.getRequestMethod();
            String query = ex.getRequestURI().getRawQuery();
            if (method.equals("POST") && path.equals("/oauth/token")) {
                send(ex, 200, "{\"access_token\":\"tok-" + c.n + "\",\"token_type\":\"bearer\",\"expires_in\":3600}");
                return;
            }
            if (method.equals("GET") && path.equals("/invoices")) {
                // only the overdue search filters on dueEndDate; the payment scan's "changed since" finds nothing
                boolean overdue = query != null && query.contains("dueEndDate=");
                send(ex, 200, overdue ? searchPage(c, intParam(query, "page", 0), intParam(query, "size", 200)) : emptyPage());
                return;
            }
            String[] seg = path.split("/"); // "", "invoices", id, [sub]
            if (seg.length >= 3 && seg[1].equals("invoices")) {
                int id = parseId(seg[2]);
                if (id < 1 || id > c.count) {
                    send(ex, 404, "{\"errors\":[{\"status\":404,\"field\":\"invoiceId\",\"message\":\"Invoice not found\"}]}");
                    return;
                }
                String sub = seg.length > 3 ? seg[3] : "";
                switch (method + " " + sub) {
                    case "GET " -> send(ex, 200, invoice(id));
                    case "GET paymentevents" -> send(ex, 200, emptyPage());
                    case "GET image" -> send(ex, 200, "{\"name\":\"invoice-" + (100_000 + id) + ".png\",\"mimeType\":\"image/png\",\"content\":\""
                            + PNG_1X1 + "\"}");
                    case "PUT notes" -> {
                        synchronized (c) {
                            c.notes++;
                        }
                        send(ex, 200, "{}");
                    }
                    default -> send(ex, 404, "{\"errors\":[{\"status\":404,\"field\":\"\",\"message\":\"not in the fake\"}]}");
                }
                return;
            }
            send(ex, 404, "{\"errors\":[{\"status\":404,\"field\":\"\",\"message\":\"not in the fake\"}]}");
        }
    }

    void kravia(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher m = TENANT_PATH.matcher(ex.getRequestURI().getPath());
            Company c = m.matches() ? company(ex, m) : null;
            if (c == null) {
                send(ex, 404, "{\"errors\":[{\"field\":\"\",\"message\":\"no such creditor\"}]}");
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            sleep(kraviaLatency);
            String path = m.group(2) == null ? "" : m.group(2);
            String method = ex.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/v2/invoice/register")) {
                Matcher id = ACCOUNTING_ID.matcher(body);
                int invoice = id.find() ? parseId(id.group(1)) : -1;
                if (invoice < 1 || invoice > c.count) {
                    send(ex, 400, "{\"errors\":[{\"field\":\"accountingInvoiceId\",\"message\":\"unknown to the fake\"}]}");
                    return;
                }
                long claimId = c.n * 1_000_000L + invoice;
                String answer = "{\"invoiceId\":" + claimId + ",\"accountingInvoiceId\":\"" + invoice + "\",\"status\":\"Registered\"}";
                send(ex, c.register(invoice) ? 200 : 409, answer);
                return;
            }
            if (method.equals("POST") && path.endsWith("/attachment")) {
                synchronized (c) {
                    c.attachments++;
                }
                send(ex, 200, "{}");
                return;
            }
            if (method.equals("GET") && path.equals("/api/v2/invoice/search")) {
                send(ex, 200, "{\"totalCount\":0,\"items\":[]}");
                return;
            }
            if (method.equals("GET") && path.equals("/api/v2/settlements")) {
                send(ex, 200, "[]");
                return;
            }
            send(ex, 404, "{\"errors\":[{\"field\":\"\",\"message\":\"not in the fake\"}]}");
        }
    }

    static String emptyPage() {
        return "{\"results\":[],\"meta\":{\"pageNumber\":0,\"pageSize\":200,\"resultCount\":0,\"totalCount\":0}}";
    }

    String searchPage(Company c, int page, int size) {
        size = Math.max(1, Math.min(size, 1000));
        long from = (long) page * size + 1;
        long to = Math.min(c.count, from + size - 1);
        StringBuilder sb = new StringBuilder(size * 600).append("{\"results\":[");
        int n = 0;
        for (long id = from; id <= to; id++, n++) {
            if (n > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(id).append(",\"partnerId\":").append(3000 + id)
                    .append(",\"type\":\"SALES_INVOICE\",\"status\":\"SENT\",\"invoiceNumber\":").append(100_000 + id)
                    .append(",\"date\":\"").append(invoiceDate).append("\",\"dueDate\":\"").append(dueDate)
                    .append("\",\"created\":\"").append(invoiceDate).append("T07:30:00Z\",\"version\":\"").append(version)
                    .append("\",\"invoiceSumInfo\":[{\"currency\":\"SEK\",\"inAccountingCurrency\":true,\"excludingVatTotal\":1000.00,"
                            + "\"vatSumTotal\":250.00,\"invoiceSumTotal\":1250.00}],\"counterParty\":{\"customerNumber\":\"C-")
                    .append(id).append("\",\"identifier\":\"556036-0793\",\"counterPartyAddress\":{\"name\":\"Kund ").append(id)
                    .append(" AB\",\"street\":\"Industrigatan 12\",\"zip\":\"721 30\",\"city\":\"Västerås\",\"country\":\"SWEDEN\"}}}");
        }
        return sb.append("],\"meta\":{\"pageNumber\":").append(page).append(",\"pageSize\":").append(size)
                .append(",\"resultCount\":").append(n).append(",\"totalCount\":").append(c.count).append("}}").toString();
    }

    String invoice(int id) {
        return "{\"id\":" + id + ",\"partnerId\":" + (3000 + id) + ",\"type\":\"SALES_INVOICE\",\"status\":\"SENT\",\"date\":\""
                + invoiceDate + "\",\"counterParty\":{\"contactPersonName\":\"Lars Nordvik\",\"identifier\":\"556036-0793\","
                + "\"customerNumber\":\"C-" + id + "\",\"counterPartyAddress\":{\"name\":\"Kund " + id + " AB\",\"street\":"
                + "\"Industrigatan 12\",\"zip\":\"721 30\",\"city\":\"Västerås\",\"country\":\"SWEDEN\"}},\"paymentInfo\":"
                + "{\"paymentMethod\":\"DOMESTIC_PAYMENT_BANKGIRO\",\"currency\":\"SEK\",\"dueDate\":\"" + dueDate
                + "\",\"bankReferenceCode\":\"" + (2_500_000_000L + id) + "\",\"bankReferenceCodeType\":\"OCR\"},\"invoiceNumber\":"
                + (100_000 + id) + ",\"notes\":\"\",\"version\":\"" + version + "\",\"invoiceSumInfo\":[{\"currency\":\"SEK\","
                + "\"inAccountingCurrency\":true,\"excludingVatTotal\":1000.00,\"vatSumTotal\":250.00,\"invoiceSumTotal\":1250.00}]}";
    }

    private static void sleep(int ms) {
        if (ms > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int intParam(String query, String name, int fallback) {
        if (query != null) {
            for (String kv : query.split("&")) {
                if (kv.startsWith(name + "=")) {
                    return parseId(kv.substring(name.length() + 1)) < 0 ? fallback : Integer.parseInt(kv.substring(name.length() + 1));
                }
            }
        }
        return fallback;
    }

    private static int parseId(String s) {
        if (s == null || s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(s);
    }
}
