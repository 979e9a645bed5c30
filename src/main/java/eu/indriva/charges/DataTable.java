package eu.indriva.charges;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The shipped tables' shared format: UTF-8, '#' comment lines, a header line, then ';'-separated rows. */
final class DataTable {

    private DataTable() {}

    /** A row with its line number in the file (for a refusal that names it). */
    record Row(int line, String[] fields) {}

    static String resource(String path) {
        try (InputStream in = DataTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> rows(String csv) {
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        int lineNo = 0;
        for (String line : csv.split("\r?\n", -1)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            rows.add(new Row(lineNo, line.split(";", -1)));
        }
        return rows;
    }
}
