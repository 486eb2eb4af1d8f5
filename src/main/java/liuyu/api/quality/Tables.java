package liuyu.api.quality;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import liuyu.api.ApiProblem;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Tabular bodies: CSV text in the charset it was written in, and the first sheet of an XLSX workbook.
 * Text that does not decode is refused, never stored with replacement characters: a name saved by
 * Excel on Chinese Windows (GBK) and read as UTF-8 would be lost for good in an append-only store.
 */
final class Tables {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Most bytes an XLSX body may unpack to: a small upload must not inflate into gigabytes of XML. */
    static final long MAX_XLSX_UNPACKED = 64L * 1024 * 1024;

    private static final Map<String, Charset> CHARSETS = Map.of(
            "utf-8",
            StandardCharsets.UTF_8,
            "utf8",
            StandardCharsets.UTF_8,
            "gbk",
            Charset.forName("GBK"),
            "cp936",
            Charset.forName("GBK"),
            // GB2312 is a subset of GBK, which decodes it the same, and more leniently about the extensions Excel
            // writes
            "gb2312",
            Charset.forName("GBK"),
            "gb18030",
            Charset.forName("GB18030"));
    private static final Charset GB18030 = Charset.forName("GB18030");

    private Tables() {}

    /**
     * The text of a CSV body: in the charset the Content-Type declares (UTF-8, GBK, GB2312 or GB18030),
     * else UTF-8 if it decodes strictly as UTF-8 (a byte-order mark is dropped), else GB18030 (which
     * covers GBK) if it decodes strictly as that; anything else is a 400.
     */
    static String decode(byte[] body, String contentType) {
        byte[] bytes = body == null ? new byte[0] : body;
        String declared = charsetOf(contentType);
        if (declared != null) {
            Charset charset = CHARSETS.get(declared.toLowerCase(Locale.ROOT));
            if (charset == null) {
                throw ApiProblem.badRequest(
                        "charset",
                        "charset '" + declared + "' is not accepted; accepted: UTF-8, GBK, GB2312, GB18030"
                                + " (or none: UTF-8, else GB18030, is detected)");
            }
            String text = strict(bytes, charset);
            if (text == null) {
                throw ApiProblem.badRequest("body", "the body is not valid " + declared + " text; nothing was read");
            }
            return dropBom(text);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return dropBom(utf8);
        }
        String gb = strict(bytes, GB18030);
        if (gb != null) {
            return dropBom(gb); // GB18030 has a byte-order mark too (84 31 95 33)
        }
        throw ApiProblem.badRequest(
                "body",
                "the body is neither UTF-8 nor GB18030/GBK text (declare the charset in Content-Type,"
                        + " e.g. text/csv; charset=GBK); nothing was read");
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType).getParameter("charset");
        } catch (InvalidMediaTypeException e) {
            throw ApiProblem.badRequest("Content-Type", "Content-Type '" + contentType + "' cannot be read");
        }
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String dropBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The rows of the first sheet of an XLSX body as text, header first, at most {@code maxRows} data
     * rows; empty rows are skipped. A number cell gives its stored decimal text (0.025, not a binary
     * fraction); a date cell gives its serial number, so times are best written as text cells.
     */
    static List<List<String>> xlsx(byte[] body, int maxRows) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("body", "XLSX body is empty");
        }
        if (!ReadableWorkbook.isOOXMLZipHeader(body)) {
            throw ApiProblem.badRequest(
                    "body",
                    "the body is not an XLSX workbook (an .xls from Excel 97–2003 is not read: save as .xlsx or CSV)");
        }
        checkUnpackedSize(body);
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(body));
                Stream<Row> stream = workbook.getFirstSheet().openStream()) {
            Iterator<Row> it = stream.iterator();
            int width = -1;
            while (it.hasNext()) {
                Row row = it.next();
                List<String> cells = new ArrayList<>();
                boolean any = false;
                for (int c = 0; c < Math.max(row.getCellCount(), width); c++) {
                    String text = c < row.getCellCount() ? text(row.getCell(c)) : "";
                    any |= !text.isEmpty();
                    cells.add(text);
                }
                if (!any) {
                    continue;
                }
                if (width < 0) {
                    while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                        cells.remove(cells.size() - 1); // formatting can reach past the last header
                    }
                    width = cells.size();
                } else if (cells.size() > width) {
                    for (String extra : cells.subList(width, cells.size())) {
                        if (!extra.isEmpty()) {
                            throw ApiProblem.badRequest(
                                    "body",
                                    "XLSX row " + rows.size() + " has a value outside the header's " + width
                                            + " columns");
                        }
                    }
                    cells = new ArrayList<>(cells.subList(0, width));
                }
                rows.add(cells);
                if (rows.size() - 1 > maxRows) {
                    throw Bodies.tooMany("body", maxRows, "at most " + maxRows + " rows per request");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem p) {
                throw p;
            }
            throw ApiProblem.badRequest(
                    "body", "the XLSX workbook cannot be read: " + e.getClass().getSimpleName());
        }
        if (rows.isEmpty()) {
            throw ApiProblem.badRequest("body", "the first sheet of the workbook is empty");
        }
        return rows;
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING -> cell.asString() == null ? "" : cell.asString();
            case NUMBER, BOOLEAN, FORMULA, ERROR -> cell.getRawValue() == null ? "" : cell.getRawValue();
        };
    }

    /** Reads through the archive counting what it unpacks to; refuses it past {@link #MAX_XLSX_UNPACKED}. */
    private static void checkUnpackedSize(byte[] body) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        // commons-compress (FastExcel's own zip reader): java.util.zip refuses the stored entries with data descriptors
        // Excel-like writers use
        try (ZipArchiveInputStream zip =
                new ZipArchiveInputStream(new ByteArrayInputStream(body), "UTF-8", true, true)) {
            for (ZipArchiveEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    total += n;
                    if (total > MAX_XLSX_UNPACKED) {
                        throw ApiProblem.badRequest(
                                "body", "the XLSX workbook unpacks to more than " + (MAX_XLSX_UNPACKED >> 20) + " MiB");
                    }
                }
            }
        } catch (IOException e) {
            throw ApiProblem.badRequest("body", "the XLSX workbook is not a readable zip archive");
        }
    }
}
