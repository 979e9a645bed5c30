package eu.indriva.agency.promentor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromentorCsvTest {

    private static List<PromentorCsv.Row> read(String text) throws PromentorCsv.Unreadable {
        return PromentorCsv.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheHeaderThenTheRowsQuotingOnlyWhatMustBeQuoted() {
        byte[] file = PromentorCsv.write(List.of("claimRef", "debtorName", "street", "ocr"),
                List.of(Arrays.asList("1001", "Bygg; Betong AB", "Väg \"7\"", null), Arrays.asList("1002", "Två\nrader", "", "55")));

        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(
                "claimRef;debtorName;street;ocr\n"
                + "1001;\"Bygg; Betong AB\";\"Väg \"\"7\"\"\";\n"
                + "1002;\"Två\nrader\";;55\n");
        assertThat(file[0]).as("no byte-order mark").isEqualTo((byte) 'c');
    }

    @Test
    void readsWhatItWritesByColumnNameWithLineNumbers() throws Exception {
        byte[] file = PromentorCsv.write(List.of("a", "b"), List.of(Arrays.asList("x;y", "Två\nrader"), Arrays.asList("3", null)));

        List<PromentorCsv.Row> rows = PromentorCsv.read(file);

        assertThat(rows).extracting(PromentorCsv.Row::number).containsExactly(2, 4);
        assertThat(rows.get(0).fields()).isEqualTo(Map.of("a", "x;y", "b", "Två\nrader"));
        assertThat(rows.get(1).fields()).as("an empty field is absent").isEqualTo(Map.of("a", "3"));
    }

    @Test
    void columnsAreReadByNameInAnyOrderAndBlankLinesAreSkipped() throws Exception {
        List<PromentorCsv.Row> rows = read("status;file;lineRef\r\nACCEPTED;NC_1.csv;1001\n\nREJECTED;NC_1.csv;1002");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).number()).isEqualTo(4);
        assertThat(rows.get(1).get("status")).contains("REJECTED");
        assertThat(rows.get(1).get("lineRef")).contains("1002");
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsMarkedForItsLineAlone() throws Exception {
        List<PromentorCsv.Row> rows = read("a;b\n1;2;3\n4;5\n");

        assertThat(rows.get(0).get("#extra")).contains("3");
        assertThat(rows.get(1).get("#extra")).isEmpty();
    }

    @Test
    void unreadableFiles() {
        assertThatThrownBy(() -> PromentorCsv.read(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'})).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> read("\uFEFFa;b\n1;2\n")).hasMessageContaining("byte-order mark");
        assertThatThrownBy(() -> read("")).hasMessageContaining("no header");
        assertThatThrownBy(() -> read("a;a\n1;2\n")).hasMessageContaining("names column a twice");
        assertThatThrownBy(() -> read("a;b\n\"open;2\n3;4\n")).hasMessageContaining("never closed");
    }
}
