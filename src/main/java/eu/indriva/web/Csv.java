package eu.indriva.web;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * CSV for an accountant's spreadsheet: a byte-order mark (so Excel reads UTF-8), {@code ;} between
 * fields, dot decimals, CRLF line ends, a field quoted when it holds a separator, a quote or a line
 * break. A text that a spreadsheet would take as a formula ({@code = + - @}, other than a number) gets a
 * leading apostrophe, so opening the file never runs it. Plain code.
 */
public final class Csv {

    static final char BOM = '\uFEFF';
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Csv() {}

    /**
     * Makes the response a CSV download named {@code filename} and returns its writer (UTF-8); the
     * caller flushes it at the end.
     */
    public static Writer download(jakarta.servlet.http.HttpServletResponse response, String filename) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        return new java.io.OutputStreamWriter(response.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes the byte-order mark and the header line. */
    public static void begin(Writer out, String header) throws IOException {
        out.write(BOM);
        out.write(header);
        out.write("\r\n");
    }

    /** Writes one line of fields (a null is an empty field). */
    public static void line(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(';');
            }
            out.write(field(fields[i]));
        }
        out.write("\r\n");
    }

    public static String amount(BigDecimal a) {
        return a == null ? null : a.toPlainString();
    }

    static String field(String v) {
        if (v == null) {
            return "";
        }
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        if (v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
