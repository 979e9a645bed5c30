package eu.indriva.agency.promentor;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Promentor's CSV dialect (promentor-files.md): UTF-8 without BOM, {@code ;} separated, one header
 * row naming the columns (read by name, any order), {@code \n} line ends, a field holding {@code ;},
 * {@code "} or a line end quoted with {@code "} and inner quotes doubled, an empty field absent.
 * Plain code: no I/O.
 */
public final class PromentorCsv {

    private PromentorCsv() {}

    /** A file that cannot be read at all (not UTF-8, no header, a quote never closed): nothing of it is applied. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One data row by column name; {@code number} is its line in the file (the header is line 1).
     * A column the row left empty is absent.
     */
    public record Row(int number, Map<String, String> fields) {

        public Optional<String> get(String column) {
            return Optional.ofNullable(fields.get(column));
        }
    }

    /** Writes a file: the header, then one line per row, each value in the header's order (null: empty). */
    public static byte[] write(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        line(out, header);
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(row.size() + " values for " + header.size() + " columns");
            }
            line(out, row);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(';');
            }
            String v = values.get(i);
            if (v == null) {
                continue;
            }
            if (v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
        }
        out.append('\n');
    }

    /**
     * Reads a file. Blank lines are skipped; a row with more fields than the header is kept with its
     * extra fields under {@code #extra} so the caller can refuse that line alone.
     *
     * @throws Unreadable when the file is not UTF-8, starts with a BOM, has no header, repeats a column
     *                    or leaves a quote open
     */
    public static List<Row> read(byte[] content) throws Unreadable {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new Unreadable("not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            throw new Unreadable("starts with a byte-order mark, which the exchange does not use");
        }
        List<Parsed> lines = split(text);
        if (lines.isEmpty() || lines.get(0).values.stream().allMatch(String::isEmpty)) {
            throw new Unreadable("has no header row");
        }
        List<String> header = lines.get(0).values.stream().map(String::trim).toList();
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (h.isEmpty() || !seen.add(h)) {
                throw new Unreadable(h.isEmpty() ? "has an empty column name in its header" : "names column " + h + " twice");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Parsed p : lines.subList(1, lines.size())) {
            if (p.values.size() == 1 && p.values.get(0).isEmpty()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < p.values.size(); i++) {
                String v = p.values.get(i);
                if (i >= header.size()) {
                    if (!v.isEmpty()) {
                        fields.put("#extra", v);
                    }
                } else if (!v.isEmpty()) {
                    fields.put(header.get(i), v);
                }
            }
            rows.add(new Row(p.number, Collections.unmodifiableMap(fields)));
        }
        return rows;
    }

    private record Parsed(int number, List<String> values) {}

    /** Splits into records, honouring quotes (a quoted field may hold a line end). */
    private static List<Parsed> split(String text) throws Unreadable {
        List<Parsed> out = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int startLine = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ';') {
                values.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                values.add(field.toString());
                out.add(new Parsed(startLine, values));
                values = new ArrayList<>();
                field.setLength(0);
                line++;
                startLine = line;
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new Unreadable("a quoted field starting on line " + startLine + " is never closed");
        }
        if (any) {
            values.add(field.toString());
            out.add(new Parsed(startLine, values));
        }
        return out;
    }
}
