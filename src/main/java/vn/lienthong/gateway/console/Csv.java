package vn.lienthong.gateway.console;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A CSV export as a download (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese).
 * A cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
 */
final class Csv implements AutoCloseable {

    private final Writer out;

    private Csv(Writer out) {
        this.out = out;
    }

    /** Starts the download {@code fileName} with its header row. */
    static Csv download(HttpServletResponse response, String fileName, List<String> header) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        Csv csv = new Csv(writer);
        csv.row(header.toArray());
        return csv;
    }

    void row(Object... cells) {
        try {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells[i]));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("the CSV download was interrupted", e);
        }
    }

    static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
