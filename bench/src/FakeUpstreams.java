import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fake Procountor and Kravia for the Indriva benchmark (bench/run.sh). JDK only, single-file
 * source launch:
 *
 * <pre>
 *   java -Xmx256m -XX:+UseSerialGC bench/src/FakeUpstreams.java COUNT [--procountor-port 19090]
 *        [--kravia-port 19091] [--threads 4] [--latency-ms 0]
 * </pre>
 *
 * Procountor serves COUNT eligible, overdue SEK sales invoices with ids 1..COUNT, generated on
 * the fly. Every request to the Procountor port (token included, /__stats excluded) is
 * timestamped so the achieved request rate and the largest count in any sliding one-second
 * window can be reported. Kravia registers each accountingInvoiceId once and answers a repeat
 * with 409 and the existing claim id, counting repeats (a duplicate is a bug in the app).
 *
 * GET /__stats on either port: key=value lines (easy to read from bash); ?format=json for JSON.
 * GET /__stats/times on the Procountor port: each request's arrival in microseconds since the first.
 */
public class FakeUpstreams {

    static final long CLAIM_ID_BASE = 500_000L;
    static final String PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC";
    static final Pattern ACCOUNTING_ID = Pattern.compile("\"accountingInvoiceId\"\\s*:\\s*\"?([0-9]+)\"?");
    static final String[] REQUIRED = {"claimType", "creditorId", "debtorName", "invoiceNo", "dueDate", "originalAmount",
            "currencyCode", "organizationNumber"};

    final int count;
    final int latencyMs;
    final String invoiceDate;
    final String dueDate;
    final String version;

    // --- Procountor request log: one nanoTime per request, appended under a lock (monotonic) ---
    private long[] procountorNanos = new long[1 << 16];
    private int procountorRequests;
    private volatile long firstProcountorMs;
    private volatile long lastProcountorMs;
    private final Map<String, LongAdder> procountorByOp = new LinkedHashMap<>();
    private final LongAdder procountorNon2xx = new LongAdder();

    // --- Kravia ---
    private final AtomicIntegerArray registerCount;
    private final AtomicIntegerArray attachCount;
    private final AtomicIntegerArray noteCount;
    private final LongAdder registerCalls = new LongAdder();
    private final LongAdder registerDistinct = new LongAdder();
    private final LongAdder register409 = new LongAdder();
    private final LongAdder register400 = new LongAdder();
    private final LongAdder attachCalls = new LongAdder();
    private final LongAdder kraviaSync = new LongAdder();
    private final LongAdder kraviaOther = new LongAdder();
    private final LongAdder kraviaDetails = new LongAdder();
    private final LongAdder attachDistinct = new LongAdder();
    private final LongAdder notePuts = new LongAdder();
    private final LongAdder noteDistinct = new LongAdder();
    private final long[] registeredAtMs; // epoch ms of the first registration, in order of arrival
    private final AtomicLong registeredSeq = new AtomicLong();
    private final AtomicLong lastRegisterMs = new AtomicLong();
    private volatile long lastNoteMs;
    private volatile long lastAttachMs;

    FakeUpstreams(int count, int latencyMs) {
        this.count = count;
        this.latencyMs = latencyMs;
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        this.invoiceDate = today.minusDays(70).toString();
        this.dueDate = today.minusDays(40).toString();
        this.version = today.minusDays(70) + "T08:14:22Z";
        this.registerCount = new AtomicIntegerArray(count + 1);
        this.attachCount = new AtomicIntegerArray(count + 1);
        this.noteCount = new AtomicIntegerArray(count + 1);
        this.registeredAtMs = new long[count];
        for (String op : new String[] {"token", "search", "invoice", "paymentevents", "image", "notes", "other"}) {
            procountorByOp.put(op, new LongAdder());
        }
    }

    public static void main(String[] args) throws Exception {
        // without it the JDK server leaves Nagle on: header and body writes can meet delayed ACKs (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (args.length < 1) {
            System.err.println("usage: java FakeUpstreams.java COUNT [--procountor-port P] [--kravia-port P] [--threads N] [--latency-ms MS]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[0]);
        int procountorPort = 19090;
        int kraviaPort = 19091;
        int threads = 4;
        int latencyMs = 0;
        for (int i = 1; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--procountor-port" -> procountorPort = Integer.parseInt(v);
                case "--kravia-port" -> kraviaPort = Integer.parseInt(v);
                case "--threads" -> threads = Integer.parseInt(v);
                case "--latency-ms" -> latencyMs = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        FakeUpstreams fake = new FakeUpstreams(count, latencyMs);
        // one pool for both servers: with sleeping handlers (--latency-ms) it needs more threads
        ExecutorService pool = Executors.newFixedThreadPool(latencyMs > 0 ? Math.max(threads, 64) : threads);
        HttpServer procountor = HttpServer.create(new InetSocketAddress("127.0.0.1", procountorPort), 1024);
        procountor.createContext("/", fake::procountor);
        procountor.setExecutor(pool);
        HttpServer kravia = HttpServer.create(new InetSocketAddress("127.0.0.1", kraviaPort), 1024);
        kravia.createContext("/", fake::kravia);
        kravia.setExecutor(pool);
        procountor.start();
        kravia.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            procountor.stop(0);
            kravia.stop(0);
            pool.shutdownNow();
        }));
        System.out.println("fake upstreams: " + count + " invoices; Procountor http://127.0.0.1:" + procountorPort
                + ", Kravia http://127.0.0.1:" + kraviaPort + ", " + threads + " threads, latency " + latencyMs + " ms");
    }

    // ------------------------------------------------------------------ Procountor

    void procountor(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/__stats/times")) {
                times(ex);
                return;
            }
            if (path.startsWith("/__stats")) {
                stats(ex);
                return;
            }
            recordProcountor();
            drain(ex);
            pause();
            String method = ex.getRequestMethod();
            String query = ex.getRequestURI().getRawQuery();
            if (method.equals("POST") && path.equals("/oauth/token")) {
                op("token");
                send(ex, 200, "{\"access_token\":\"bench-token\",\"token_type\":\"bearer\",\"expires_in\":3600}");
                return;
            }
            if (!"Bearer bench-token".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                op("other");
                procountorNon2xx.increment();
                send(ex, 401, "{\"errors\":[{\"status\":401,\"field\":\"\",\"message\":\"invalid token\"}]}");
                return;
            }
            if (method.equals("GET") && path.equals("/invoices")) {
                op("search");
                send(ex, 200, searchPage(intParam(query, "page", 0), intParam(query, "size", 200)));
                return;
            }
            String[] seg = path.split("/"); // "", "invoices", id, [sub]
            if (seg.length >= 3 && seg[1].equals("invoices")) {
                int id = parseId(seg[2]);
                if (id < 1 || id > count) {
                    op("other");
                    procountorNon2xx.increment();
                    send(ex, 404, "{\"errors\":[{\"status\":404,\"field\":\"invoiceId\",\"message\":\"Invoice not found\"}]}");
                    return;
                }
                String sub = seg.length > 3 ? seg[3] : "";
                if (method.equals("GET") && sub.isEmpty()) {
                    op("invoice");
                    send(ex, 200, invoice(id));
                    return;
                }
                if (method.equals("GET") && sub.equals("paymentevents")) {
                    op("paymentevents");
                    send(ex, 200, "{\"results\":[],\"meta\":{\"pageNumber\":0,\"pageSize\":200,\"resultCount\":0,\"totalCount\":0}}");
                    return;
                }
                if (method.equals("GET") && sub.equals("image")) {
                    op("image");
                    send(ex, 200, "{\"name\":\"invoice-" + (100_000 + id) + ".png\",\"mimeType\":\"image/png\",\"content\":\"" + PNG_1X1 + "\"}");
                    return;
                }
                if (method.equals("PUT") && sub.equals("notes")) {
                    op("notes");
                    notePuts.increment();
                    if (noteCount.getAndIncrement(id) == 0) {
                        noteDistinct.increment();
                    }
                    lastNoteMs = System.currentTimeMillis();
                    send(ex, 200, "{}");
                    return;
                }
            }
            op("other");
            procountorNon2xx.increment();
            send(ex, 404, "{\"errors\":[{\"status\":404,\"field\":\"\",\"message\":\"no such resource in the fake\"}]}");
        } finally {
            ex.close();
        }
    }

    private synchronized void recordProcountor() {
        long now = System.nanoTime();
        if (procountorRequests == procountorNanos.length) {
            procountorNanos = Arrays.copyOf(procountorNanos, procountorNanos.length * 2);
        }
        procountorNanos[procountorRequests++] = now;
        long ms = System.currentTimeMillis();
        if (firstProcountorMs == 0) {
            firstProcountorMs = ms;
        }
        lastProcountorMs = ms;
    }

    private void op(String name) {
        procountorByOp.get(name).increment();
    }

    String searchPage(int page, int size) {
        size = Math.max(1, Math.min(size, 1000));
        long from = (long) page * size + 1;
        long to = Math.min(count, from + size - 1);
        StringBuilder sb = new StringBuilder(size * 600);
        sb.append("{\"results\":[");
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
                    .append(id).append("\",\"identifier\":\"556036-0793\",\"counterPartyAddress\":{\"name\":\"Bench Kund ").append(id)
                    .append(" AB\",\"street\":\"Industrigatan 12\",\"zip\":\"721 30\",\"city\":\"Västerås\",\"country\":\"SWEDEN\"}}}");
        }
        sb.append("],\"meta\":{\"pageNumber\":").append(page).append(",\"pageSize\":").append(size)
                .append(",\"resultCount\":").append(n).append(",\"totalCount\":").append(count).append("}}");
        return sb.toString();
    }

    String invoice(int id) {
        return "{\"id\":" + id + ",\"partnerId\":" + (3000 + id) + ",\"type\":\"SALES_INVOICE\",\"status\":\"SENT\",\"date\":\""
                + invoiceDate + "\",\"counterParty\":{\"contactPersonName\":\"Lars Nordvik\",\"identifier\":\"556036-0793\","
                + "\"customerNumber\":\"C-" + id + "\",\"email\":\"ekonomi" + id + "@bench.example.com\",\"counterPartyAddress\":"
                + "{\"name\":\"Bench Kund " + id + " AB\",\"street\":\"Industrigatan 12\",\"zip\":\"721 30\",\"city\":\"Västerås\","
                + "\"country\":\"SWEDEN\"}},\"paymentInfo\":{\"paymentMethod\":\"DOMESTIC_PAYMENT_BANKGIRO\",\"currency\":\"SEK\","
                + "\"dueDate\":\"" + dueDate + "\",\"bankReferenceCode\":\"" + (2_500_000_000L + id) + "\",\"bankReferenceCodeType\":\"OCR\"},"
                + "\"invoiceRows\":[{\"product\":\"Konsulttimmar\",\"quantity\":10,\"unit\":\"HOUR\",\"unitPrice\":100.00,"
                + "\"discountPercent\":0,\"vatPercent\":25,\"comment\":\"\"}],\"invoiceNumber\":" + (100_000 + id)
                + ",\"invoiceChannel\":\"EMAIL\",\"penaltyPercent\":8,\"language\":\"SWEDISH\",\"notes\":\"Kunden har lovat att betala.\","
                + "\"version\":\"" + version + "\",\"invoiceSumInfo\":[{\"currency\":\"SEK\",\"inAccountingCurrency\":true,"
                + "\"excludingVatTotal\":1000.00,\"vatSumTotal\":250.00,\"invoiceSumTotal\":1250.00}]}";
    }

    // ------------------------------------------------------------------ Kravia

    void kravia(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/__stats")) {
                stats(ex);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            pause();
            if (!"t".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"errors\":[{\"field\":\"\",\"message\":\"invalid token\"}]}");
                return;
            }
            if (ex.getRequestMethod().equals("POST") && path.equals("/api/v2/invoice/register")) {
                register(ex, new String(body, StandardCharsets.UTF_8));
                return;
            }
            // the inbound flow's safety net (agency-sync): no changes, no open settlements
            if (ex.getRequestMethod().equals("GET") && path.equals("/api/v2/invoice/search")) {
                kraviaSync.increment();
                send(ex, 200, "{\"totalCount\":0,\"items\":[]}");
                return;
            }
            if (ex.getRequestMethod().equals("GET") && path.equals("/api/v2/settlements")) {
                kraviaSync.increment();
                send(ex, 200, "[]");
                return;
            }
            String[] seg = path.split("/"); // "", api, v2, invoice, claimId, attachment
            if (ex.getRequestMethod().equals("POST") && seg.length == 6 && seg[5].equals("attachment")) {
                attachCalls.increment();
                long id = parseId(seg[4]) - CLAIM_ID_BASE;
                if (id >= 1 && id <= count) {
                    if (attachCount.getAndIncrement((int) id) == 0) {
                        attachDistinct.increment();
                    }
                }
                lastAttachMs = System.currentTimeMillis();
                send(ex, 200, "{}");
                return;
            }
            // a claim's details (the reconciliation reads each): a claim registered for invoice i is at debt collection with
            // its whole 1,250.00 SEK outstanding
            if (ex.getRequestMethod().equals("GET") && seg.length == 6 && seg[5].equals("details")) {
                kraviaDetails.increment();
                long id = parseId(seg[4]) - CLAIM_ID_BASE;
                if (id < 1 || id > count) {
                    send(ex, 404, "{\"errors\":[{\"field\":\"invoiceId\",\"message\":\"no such claim\"}]}");
                    return;
                }
                send(ex, 200, "{\"invoiceId\":" + (CLAIM_ID_BASE + id) + ",\"creditorId\":1,\"accountingInvoiceId\":\"" + id
                        + "\",\"status\":\"DebtCollection\",\"lastUpdatedTime\":\"2026-11-01T10:00:00\",\"currencyCode\":\"SEK\","
                        + "\"amounts\":{\"originalCapital\":1250.00,\"outstandingCapital\":1250.00,\"outstandingInterest\":12.40,"
                        + "\"outstandingFees\":180.00},\"availableActions\":[\"Pause\",\"Withdraw\"]}");
                return;
            }
            kraviaOther.increment();
            send(ex, 404, "{\"errors\":[{\"field\":\"\",\"message\":\"no such resource in the fake\"}]}");
        } finally {
            ex.close();
        }
    }

    private void register(HttpExchange ex, String body) throws IOException {
        registerCalls.increment();
        for (String field : REQUIRED) {
            int at = body.indexOf("\"" + field + "\"");
            if (at < 0 || body.startsWith("null", skipColon(body, at + field.length() + 2))) {
                register400.increment();
                send(ex, 400, "{\"errors\":[{\"field\":\"" + field + "\",\"message\":\"" + field + " is required\"}]}");
                return;
            }
        }
        Matcher m = ACCOUNTING_ID.matcher(body);
        int id = m.find() ? parseId(m.group(1)) : -1;
        if (id < 1 || id > count) {
            register400.increment();
            send(ex, 400, "{\"errors\":[{\"field\":\"accountingInvoiceId\",\"message\":\"unknown to the fake\"}]}");
            return;
        }
        long claimId = CLAIM_ID_BASE + id;
        String answer = "{\"invoiceId\":" + claimId + ",\"accountingInvoiceId\":\"" + id + "\",\"status\":\"Registered\"}";
        if (registerCount.getAndIncrement(id) == 0) {
            registerDistinct.increment();
            long seq = registeredSeq.getAndIncrement();
            long now = System.currentTimeMillis();
            if (seq < registeredAtMs.length) {
                registeredAtMs[(int) seq] = now;
            }
            lastRegisterMs.accumulateAndGet(now, Math::max);
            send(ex, 200, answer);
        } else {
            register409.increment();
            send(ex, 409, answer);
        }
    }

    private static int skipColon(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ':' || Character.isWhitespace(s.charAt(i)))) {
            i++;
        }
        return i;
    }

    // ------------------------------------------------------------------ stats

    private void stats(HttpExchange ex) throws IOException {
        drain(ex);
        Map<String, Object> s = new LinkedHashMap<>();
        long[] nanos;
        int n;
        synchronized (this) {
            n = procountorRequests;
            nanos = Arrays.copyOf(procountorNanos, n);
        }
        int maxWindow = 0;
        long maxWindowAtNs = 0;
        for (int left = 0, right = 0; right < n; right++) {
            while (nanos[right] - nanos[left] >= 1_000_000_000L) {
                left++;
            }
            if (right - left + 1 > maxWindow) {
                maxWindow = right - left + 1;
                maxWindowAtNs = nanos[left] - (n > 0 ? nanos[0] : 0);
            }
        }
        // requests per whole second since the first one
        int seconds = n == 0 ? 0 : (int) ((nanos[n - 1] - nanos[0]) / 1_000_000_000L) + 1;
        int[] perSecond = new int[seconds];
        for (int i = 0; i < n; i++) {
            perSecond[(int) ((nanos[i] - nanos[0]) / 1_000_000_000L)]++;
        }
        double spanS = n < 2 ? 0 : (nanos[n - 1] - nanos[0]) / 1e9;
        s.put("invoices", count);
        s.put("procountor_requests", n);
        for (Map.Entry<String, LongAdder> e : procountorByOp.entrySet()) {
            s.put("procountor_" + e.getKey(), e.getValue().sum());
        }
        s.put("procountor_non2xx", procountorNon2xx.sum());
        s.put("procountor_first_ms", firstProcountorMs);
        s.put("procountor_last_ms", lastProcountorMs);
        s.put("procountor_span_s", String.format("%.3f", spanS));
        s.put("procountor_avg_rps", String.format("%.2f", spanS > 0 ? (n - 1) / spanS : 0.0));
        s.put("procountor_max_in_1s", maxWindow);
        s.put("procountor_max_in_1s_at_s", String.format("%.1f", maxWindowAtNs / 1e9));
        int[] sorted = perSecond.length > 2 ? Arrays.copyOfRange(perSecond, 1, perSecond.length - 1) : perSecond.clone();
        Arrays.sort(sorted);
        s.put("procountor_median_per_whole_s", sorted.length == 0 ? 0 : sorted[sorted.length / 2]);
        s.put("procountor_max_per_whole_s", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        s.put("register_calls", registerCalls.sum());
        s.put("register_distinct", registerDistinct.sum());
        s.put("register_409", register409.sum());
        s.put("register_400", register400.sum());
        int dupInvoices = 0;
        for (int i = 1; i <= count; i++) {
            if (registerCount.get(i) > 1) {
                dupInvoices++;
            }
        }
        s.put("register_duplicated_invoices", dupInvoices);
        long[] at = Arrays.stream(Arrays.copyOf(registeredAtMs, (int) Math.min(registeredSeq.get(), registeredAtMs.length)))
                .filter(t -> t > 0).sorted().toArray();
        s.put("register_first_ms", at.length > 0 ? at[0] : 0);
        s.put("register_last_ms", lastRegisterMs.get());
        // when 10 % and 90 % of the registrations so far had arrived: the steady-state window
        s.put("register_p10_ms", at.length > 0 ? at[(at.length - 1) / 10] : 0);
        s.put("register_p90_ms", at.length > 0 ? at[(at.length - 1) * 9 / 10] : 0);
        // when half had arrived: the second half runs on a warmer JIT
        s.put("register_p50_ms", at.length > 0 ? at[(at.length - 1) / 2] : 0);
        s.put("attach_calls", attachCalls.sum());
        s.put("attach_distinct", attachDistinct.sum());
        s.put("attach_last_ms", lastAttachMs);
        s.put("kravia_sync_calls", kraviaSync.sum());
        s.put("kravia_other", kraviaOther.sum());
        s.put("kravia_details", kraviaDetails.sum());
        s.put("note_puts", notePuts.sum());
        s.put("note_distinct", noteDistinct.sum());
        s.put("note_last_ms", lastNoteMs);
        s.put("fake_heap_used_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        boolean json = "format=json".equals(ex.getRequestURI().getRawQuery());
        StringBuilder sb = new StringBuilder();
        if (json) {
            sb.append('{');
            for (Map.Entry<String, Object> e : s.entrySet()) {
                sb.append('"').append(e.getKey()).append("\":").append(e.getValue()).append(',');
            }
            sb.append("\"procountor_per_second\":").append(Arrays.toString(perSecond).replace(" ", "")).append('}');
        } else {
            for (Map.Entry<String, Object> e : s.entrySet()) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            sb.append("procountor_per_second=").append(Arrays.toString(perSecond).replace(" ", "").replace("[", "").replace("]", "")).append('\n');
        }
        send(ex, 200, sb.toString(), json ? "application/json" : "text/plain");
    }

    /** Every Procountor request's arrival, in microseconds since the first one, one a line. */
    private void times(HttpExchange ex) throws IOException {
        drain(ex);
        long[] nanos;
        int n;
        synchronized (this) {
            n = procountorRequests;
            nanos = Arrays.copyOf(procountorNanos, n);
        }
        StringBuilder sb = new StringBuilder(n * 10);
        for (int i = 0; i < n; i++) {
            sb.append((nanos[i] - nanos[0]) / 1000).append('\n');
        }
        send(ex, 200, sb.toString(), "text/plain");
    }

    // ------------------------------------------------------------------ helpers

    private void pause() {
        if (latencyMs > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(latencyMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void drain(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, body, "application/json");
    }

    private static void send(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int intParam(String query, String name, int fallback) {
        if (query == null) {
            return fallback;
        }
        for (String kv : query.split("&")) {
            if (kv.startsWith(name + "=")) {
                try {
                    return Integer.parseInt(kv.substring(name.length() + 1));
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static int parseId(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }
}
