package eu.indriva.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import eu.indriva.agency.promentor.PromentorCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox Promentor's desk on a folder: receipts, a restart that remembers its cases, DP lines once. */
class PromentorSandboxTest {

    @TempDir
    Path root;

    private static final String NC_HEADER = "claimRef;service;currency;amount;debtorType;debtorId\n";

    private PromentorSandbox desk(Instant now) {
        return new PromentorSandbox(root.resolve("sftp"), root.resolve("state.jsonl"), "4716", Duration.ofMinutes(1),
                Duration.ofDays(1), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The lines of the KV files in /out, each as lineRef → status/caseNo/message; the files are then archived. */
    private Map<String, String> receipts() throws Exception {
        Map<String, String> out;
        try (Stream<Path> files = Files.list(root.resolve("sftp/out"))) {
            List<Path> kv = files.filter(p -> p.getFileName().toString().startsWith("KV_")).sorted().toList();
            out = new java.util.TreeMap<>();
            for (Path f : kv) {
                for (PromentorCsv.Row r : PromentorCsv.read(Files.readAllBytes(f))) {
                    out.put(r.fields().get("lineRef"), r.fields().get("status") + "/" + r.get("caseNo").orElse("") + "/"
                            + r.get("message").orElse(""));
                }
                Files.move(f, root.resolve("sftp/out/archive").resolve(f.getFileName()));
            }
        }
        return out;
    }

    @Test
    void answersNewCasesAndRemembersThemAcrossARestart() throws Exception {
        Instant t0 = Instant.parse("2026-12-05T10:00:00Z");
        PromentorSandbox first = desk(t0);
        Files.writeString(root.resolve("sftp/in/NC_4716_20261205100000_001.csv"), NC_HEADER
                + "1001;REMINDER;SEK;1250.00;C;556036-0793\n"
                + "1002;COLLECTION;SEK;300.00;C;\n");
        first.tick();
        assertThat(receipts()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "1001", "ACCEPTED/880001/",
                "1002", "REJECTED//Organisationsnummer saknas för gäldenären")));
        assertThat(Files.list(root.resolve("sftp/in")).count()).as("read, so removed").isZero();

        // a restart: the same line again is a DUPLICATE naming the same case; a new one gets the next number
        PromentorSandbox second = desk(t0.plusSeconds(5));
        assertThat(second.cases().get("1001").caseNo).isEqualTo("880001");
        Files.writeString(root.resolve("sftp/in/NC_4716_20261205100005_001.csv"), NC_HEADER
                + "1001;REMINDER;SEK;1250.00;C;556036-0793\n"
                + "1003;COLLECTION;EUR;820.50;C;0112038-9\n");
        second.tick();
        assertThat(receipts()).containsEntry("1001", "DUPLICATE/880001/").containsEntry("1003", "ACCEPTED/880002/");

        // a DP line once: its amount comes off the capital; the same lineRef again is a DUPLICATE
        String dp = "lineRef;claimRef;caseNo;kind;date;amount\n50031;1003;880002;PAYMENT;2026-12-05;300.00\n";
        Files.writeString(root.resolve("sftp/in/DP_4716_20261205100010_001.csv"), dp);
        second.tick();
        PromentorSandbox third = desk(t0.plusSeconds(10));
        Files.writeString(root.resolve("sftp/in/DP_4716_20261205100011_001.csv"), dp);
        third.tick();
        assertThat(receipts()).containsEntry("50031", "DUPLICATE/880002/");
        assertThat(third.cases().get("1003").capital).isEqualByComparingTo("520.50");
        assertThat(third.cases().values().stream().map(c -> c.caseNo).collect(Collectors.toSet())).hasSize(2);
    }

    @Test
    void movesACaseOnAndPaysTheOldestInCollectionByAReportThatAddsUp() throws Exception {
        Instant t0 = Instant.parse("2026-12-05T10:00:00Z");
        PromentorSandbox desk = new PromentorSandbox(root.resolve("sftp"), root.resolve("state.jsonl"), "4716", Duration.ofMinutes(1),
                Duration.ofMinutes(2), Clock.fixed(t0, ZoneOffset.UTC));
        Files.writeString(root.resolve("sftp/in/NC_4716_20261205100000_001.csv"), NC_HEADER + "1001;REMINDER;SEK;1250.00;C;556036-0793\n");
        desk.tick();
        PromentorSandbox later = new PromentorSandbox(root.resolve("sftp"), root.resolve("state.jsonl"), "4716", Duration.ofMinutes(1),
                Duration.ofMinutes(2), Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC));
        later.tick();
        assertThat(later.cases().get("1001").stage).isEqualTo("COLLECTION");
        PromentorSandbox paying = new PromentorSandbox(root.resolve("sftp"), root.resolve("state.jsonl"), "4716", Duration.ofMinutes(1),
                Duration.ofMinutes(2), Clock.fixed(t0.plusSeconds(120), ZoneOffset.UTC));
        paying.tick();
        assertThat(paying.cases().get("1001").closeReason).isEqualTo("PAID");
        List<Path> km;
        try (Stream<Path> files = Files.list(root.resolve("sftp/out"))) {
            km = files.filter(p -> p.getFileName().toString().startsWith("KM_")).toList();
        }
        assertThat(km).hasSize(1);
        Map<String, String> line = PromentorCsv.read(Files.readAllBytes(km.get(0))).get(0).fields();
        // reminder service: 1250.00 + 12.50 interest + 60.00 fee − 125.00 commission − 31.25 VAT = 1166.25
        assertThat(line).containsEntry("capital", "1250.00").containsEntry("interest", "12.50").containsEntry("fees", "60.00")
                .containsEntry("commission", "125.00").containsEntry("vat", "31.25").containsEntry("payout", "1166.25")
                .containsEntry("payoutTotal", "1166.25").containsEntry("caseNo", "880001");
    }
}
