package eu.indriva.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.indriva.agency.promentor.PromentorCsv;
import eu.indriva.sandbox.PromentorSandbox;
import eu.indriva.support.AppTestBase;
import eu.indriva.support.SftpServer;
import eu.indriva.support.Upstreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/**
 * 2,000 claims for one Promentor tenant through the whole application, a real SFTP server (MINA
 * SSHD) and the sandbox's Promentor desk answering the files: they go out in a few files (full
 * batches of 500, each written from the registration thread as it fills), each claim once, and all
 * come back REGISTERED with the case Promentor gave them.
 */
// Procountor's 20 requests/s would hold the test to ~4 claims/s (what limits production); lifted here, the
// files and the SFTP server carry the load
@TestPropertySource(properties = {"indriva.promentor.poll-interval=PT1H", "indriva.procountor.requests-per-second=100000"})
class PromentorVolumeTest extends AppTestBase {

    private static final int COUNT = 2_000;
    private static final int FIRST = 40_001;

    @Test
    void twoThousandClaimsGoOutInAFewFilesAndAreEachRegisteredOnce() throws Exception {
        Upstreams.Slice s = Upstreams.slice();
        s.generated(FIRST, COUNT);
        try (SftpServer sftp = SftpServer.start()) {
            PromentorSandbox promentor = new PromentorSandbox(sftp.root(), Files.createTempDirectory("promentor-desk").resolve("state.jsonl"),
                    "4730", Duration.ofDays(1), Duration.ofDays(1), Clock.systemUTC());
            ObjectNode json = s.tenantJson(0, "0", List.of());
            json.putObject("agency").put("system", "promentor").put("host", "127.0.0.1").put("port", sftp.port())
                    .put("user", SftpServer.USER).put("hostKeyFingerprint", sftp.fingerprint()).put("creditorNo", "4730")
                    .put("password", SftpServer.PASSWORD);
            ((ObjectNode) json.get("policy")).put("service", "COLLECTION");
            String tenant = createTenant(s, json);
            poll(tenant);

            // handed over: each claim waits for a file; every 500 a file goes at once, with its copies ahead of it.
            // (A scheduled sync that ran while the poll was still handing over would have sent what waited then:
            // the rest then waits for a sync, which the test asks for once nothing more has come for 10 s.)
            int[] seen = {0};
            long[] quietSince = {System.nanoTime()};
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                int lines = claimRefs(sftp).size();
                if (lines != seen[0]) {
                    seen[0] = lines;
                    quietSince[0] = System.nanoTime();
                } else if (System.nanoTime() - quietSince[0] > 10_000_000_000L && total(tenant, "PENDING") == COUNT) {
                    agencySync(tenant, Duration.ofMinutes(4));
                    quietSince[0] = System.nanoTime();
                }
                return lines >= COUNT;
            });
            List<Path> ncFiles = files(sftp, "NC_4730_");
            List<String> refs = claimRefs(sftp);
            assertThat(refs).as("each invoice once, in %d files", ncFiles.size()).hasSize(COUNT)
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(FIRST, FIRST + COUNT).mapToObj(Integer::toString).toList());
            assertThat(ncFiles.size()).as("a few files: full batches of 500, and at most one more").isBetween(4, 5);
            assertThat(files(sftp, "ATT_4730_")).as("every copy ahead of its file").hasSize(COUNT);
            assertThat(files(sftp, "").stream().map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));

            // Promentor reads the files and answers them; the next sync registers every claim
            promentor.tick();
            assertThat(files(sftp, "NC_4730_")).as("read, so removed").isEmpty();
            // 2,000 answers and 2,000 case updates: over a minute when the whole suite shares the 2 cores
            agencySync(tenant, Duration.ofMinutes(4));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> total(tenant, "REGISTERED") == COUNT);
            assertThat(promentor.cases()).hasSize(COUNT);
            Set<String> cases = new HashSet<>();
            promentor.cases().values().forEach(c -> cases.add(c.caseNo));
            for (String ref : List.of(Integer.toString(FIRST), Integer.toString(FIRST + COUNT / 2), Integer.toString(FIRST + COUNT - 1))) {
                assertThat(claim(tenant, ref).path("agencyClaimId").asText()).isEqualTo(promentor.cases().get(ref).caseNo);
            }
            assertThat(cases).as("one case per claim").hasSize(COUNT);

            // nothing goes twice: another sync writes no file
            agencySync(tenant, Duration.ofMinutes(4));
            assertThat(files(sftp, "NC_4730_")).isEmpty();
        }
    }

    private static List<String> claimRefs(SftpServer sftp) throws IOException {
        List<String> refs = new ArrayList<>();
        for (Path nc : files(sftp, "NC_4730_")) {
            try {
                PromentorCsv.read(Files.readAllBytes(nc)).forEach(r -> refs.add(r.fields().get("claimRef")));
            } catch (PromentorCsv.Unreadable e) {
                throw new AssertionError(nc + " cannot be read: " + e.getMessage());
            }
        }
        return refs;
    }

    private long total(String tenant, String status) {
        return api(HttpMethod.GET, "/api/v1/tenants/" + tenant + "/claims?status=" + status + "&size=1", null).getBody().path("total").asLong();
    }

    private static List<Path> files(SftpServer sftp, String prefix) throws IOException {
        try (Stream<Path> in = Files.list(sftp.root().resolve("in"))) {
            return in.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }
}
