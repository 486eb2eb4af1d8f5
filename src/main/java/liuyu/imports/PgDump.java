package liuyu.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liuyu.geo.GeoJson;
import liuyu.imports.SourceReader.RawFeature;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads what {@code ogr2ogr -f PGDUMP} writes with COPY rows: the column names and types from its
 * {@code ALTER TABLE … ADD COLUMN} lines, then one feature per row (tab-separated, backslash escapes, {@code \N}
 * for null, geometry as hex EWKB). Attribute names and values are bytes as the file holds them, decoded here
 * strictly; values typed by their column as GDAL's GeoJSON writer types them (integers, reals, booleans, ISO dates).
 */
final class PgDump {
    private static final Pattern GEOMETRY_COLUMN =
            Pattern.compile("^SELECT AddGeometryColumn\\('[^']*','[^']*','([^']*)',");
    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4})/(\\d{2})/(\\d{2})(?: (\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)(?:([+-]\\d{2})(\\d{2})?)?)?$");

    private static final Pattern WHOLE_NUMERIC = Pattern.compile("NUMERIC\\(\\d+,0\\)");
    private static final int[] HEX_VALUE = new int[256];

    static {
        java.util.Arrays.fill(HEX_VALUE, -1);
        for (int d = 0; d < 16; d++) {
            HEX_VALUE["0123456789abcdef".charAt(d)] = d;
            HEX_VALUE["0123456789ABCDEF".charAt(d)] = d;
        }
    }

    /** A column of the dump: its name (decoded) and SQL type as GDAL wrote it. */
    private record Column(String name, String type) {}

    /** Where a byte sequence the charset cannot decode sits, as the refusal names it. */
    record Bad(String where) {}

    private final String file;
    private final Charset charset;
    private final String charsetName;
    private final String how;
    private final CharsetDecoder decoder;
    private byte[] hex = new byte[1 << 12]; // a row's geometry, decoded: reused row after row

    PgDump(String file, Charset charset, String charsetName, String how) {
        this.file = file;
        this.charset = charset;
        this.charsetName = charsetName;
        this.how = how;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Streams every row to {@code each} (attribute names in {@code fields} as they get a value); throws
     * ImportException naming the feature and attribute whose bytes do not decode.
     */
    void read(InputStream input, Set<String> fields, Consumer<RawFeature> each) {
        try {
            scan(input, fields, each, true);
        } catch (Undecodable e) {
            throw refusal(e.where);
        }
    }

    /** The first place the charset cannot decode, or null when every name and text value decodes. */
    Bad firstBad(InputStream input) {
        try {
            scan(input, new java.util.HashSet<>(), f -> {}, false);
            return null;
        } catch (Undecodable e) {
            return new Bad(e.where);
        }
    }

    /** The refusal for text the chosen charset cannot decode. */
    ImportException refusal(String where) {
        return new ImportException(List.of(file + ": " + where + ": text is not valid " + charsetName + " (" + how
                + "); give the file's encoding with --encoding"));
    }

    private static final class Undecodable extends RuntimeException {
        final String where;

        Undecodable(String where) {
            super(where, null, false, false);
            this.where = where;
        }
    }

    private void scan(InputStream input, Set<String> fields, Consumer<RawFeature> each, boolean full) {
        Map<String, Column> declared = new LinkedHashMap<>();
        String fidColumn = null;
        String geometryColumn = null;
        List<Column> columns = null;
        // packed x,y arrays, as the atlas keeps them: the geometry is read once and never copied afterwards
        WKBReader wkb = new WKBReader(GeoJson.PACKED_FACTORY);
        long offset = 0;
        int index = 0;
        try (Lines lines = new Lines(input)) {
            while (true) {
                byte[] bytes = lines.next();
                if (bytes == null) {
                    break;
                }
                final long start = offset;
                offset += bytes.length + 1;
                if (columns == null) {
                    String text = new String(bytes, StandardCharsets.ISO_8859_1); // names decoded one by one below
                    if (text.startsWith("CREATE TABLE ")) {
                        int open = text.indexOf("( \"");
                        fidColumn = open < 0
                                ? null
                                : identifiers(bytes, open, 1, start).get(0);
                    } else if (text.startsWith("ALTER TABLE ") && text.contains(" ADD COLUMN \"")) {
                        int at = text.indexOf(" ADD COLUMN \"") + " ADD COLUMN ".length();
                        String name = identifiers(bytes, at, 1, start).get(0);
                        int end = closingQuote(bytes, at);
                        String type = text.substring(end + 1).trim();
                        type = type.endsWith(";") ? type.substring(0, type.length() - 1) : type;
                        declared.put(name, new Column(name, type.trim().toUpperCase(Locale.ROOT)));
                    } else if (text.startsWith("SELECT AddGeometryColumn(")) {
                        Matcher m = GEOMETRY_COLUMN.matcher(text);
                        if (m.find()) {
                            geometryColumn = name(m.group(1).getBytes(StandardCharsets.ISO_8859_1), start);
                        }
                    } else if (text.startsWith("COPY ")) {
                        int open = text.indexOf(" (\"");
                        columns = new ArrayList<>();
                        if (open >= 0) {
                            for (String n : identifiers(bytes, open + 2, Integer.MAX_VALUE, start)) {
                                columns.add(declared.getOrDefault(n, new Column(n, "")));
                            }
                        }
                    }
                    continue;
                }
                if (bytes.length == 2 && bytes[0] == '\\' && bytes[1] == '.') {
                    columns = null; // one layer per dump: the rest is GDAL's closing statements
                    break;
                }
                row(bytes, start, index, columns, fidColumn, geometryColumn, wkb, full, fields, each);
                index++;
            }
        } catch (IOException e) {
            throw new ImportException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    // One COPY row: its own method, not the body of scan's loop, so the JIT compiles it per call (a loop running for
    // the whole file would only ever get on-stack-replacement code, which the import's C1-only JIT leaves profiled)
    private void row(
            byte[] bytes,
            long start,
            int index,
            List<Column> columns,
            String fidColumn,
            String geometryColumn,
            WKBReader wkb,
            boolean full,
            Set<String> fields,
            Consumer<RawFeature> each) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Geometry geometry = null;
        int col = 0;
        int from = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == from
                    && full
                    && col < columns.size()
                    && columns.get(col).name().equals(geometryColumn)) {
                // the geometry's hex is most of the row: decoded in the pass that finds where it ends
                int end = hexRun(bytes, from);
                if (end > from && (end == bytes.length || bytes[end] == '\t')) {
                    geometry = wkb(java.util.Arrays.copyOf(hex, (end - from) / 2), wkb);
                    col++;
                    from = end + 1;
                    i = end;
                    continue;
                }
            }
            if (i < bytes.length && bytes[i] == '\\') {
                i++; // an escaped character, a tab included (GDAL writes a tab in a value as \<tab>)
                continue;
            }
            if (i < bytes.length && bytes[i] != '\t') {
                continue;
            }
            Column c = col < columns.size() ? columns.get(col) : new Column("column" + (col + 1), "");
            col++;
            final int at = from;
            final int feature = index + 1;
            boolean isNull = i - from == 2 && bytes[from] == '\\' && bytes[from + 1] == 'N';
            if (!isNull && c.name().equals(geometryColumn)) {
                if (full) {
                    geometry = geometry(bytes, from, i, wkb);
                }
            } else if (!isNull && !c.name().equals(fidColumn)) {
                byte[] raw = unescape(bytes, from, i);
                String value = decode(
                        raw,
                        () -> "feature #" + feature + ", attribute '" + c.name() + "' (byte " + (start + at)
                                + " of GDAL's output)");
                if (full) {
                    properties.put(c.name(), typed(value, c.type()));
                }
            }
            from = i + 1;
        }
        if (full) {
            fields.addAll(properties.keySet());
            each.accept(new RawFeature(index, null, properties, null, geometry));
        }
    }

    // Decodes the hex digits from {@code from} into {@code hex} until a byte that is not one (or an odd one out);
    // returns where they end
    private int hexRun(byte[] bytes, int from) {
        int most = (bytes.length - from) / 2;
        if (hex.length < most) {
            hex = new byte[Math.max(most, 2 * hex.length)];
        }
        byte[] out = hex;
        int[] value = HEX_VALUE;
        int j = from;
        for (int k = 0; k < most; k++, j += 2) {
            int high = value[bytes[j] & 0xFF];
            int low = value[bytes[j + 1] & 0xFF];
            if ((high | low) < 0) {
                break;
            }
            out[k] = (byte) (high << 4 | low);
        }
        return j;
    }

    private Geometry geometry(byte[] bytes, int from, int to, WKBReader wkb) {
        byte[] ewkb = new byte[(to - from) / 2];
        int bad = 0; // a non-hex byte maps to -1: checked once after the loop, which stays branch-free
        for (int k = 0, j = from; k < ewkb.length; k++, j += 2) {
            int high = HEX_VALUE[bytes[j] & 0xFF];
            int low = HEX_VALUE[bytes[j + 1] & 0xFF];
            bad |= high | low;
            ewkb[k] = (byte) (high << 4 | low);
        }
        if (bad < 0) {
            throw new ImportException(List.of(file + ": GDAL wrote a geometry Liuyu cannot read: not hex"));
        }
        return wkb(ewkb, wkb);
    }

    private Geometry wkb(byte[] ewkb, WKBReader wkb) {
        try {
            Geometry g = wkb.read(ewkb);
            return g.isEmpty() ? null : g;
        } catch (ParseException e) {
            throw new ImportException(List.of(file + ": GDAL wrote a geometry Liuyu cannot read: " + e.getMessage()));
        }
    }

    /** The dump's lines as bytes (without the newline), read in 64 KiB blocks. */
    private static final class Lines implements AutoCloseable {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos;
        private int end;
        private boolean eof;

        Lines(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            int scanFrom = pos;
            while (true) {
                byte[] b = buf; // locals, not fields, in the loop every byte of the dump goes through
                int e = end;
                for (int i = scanFrom; i < e; i++) {
                    if (b[i] == '\n' && !escaped(i)) {
                        byte[] line = java.util.Arrays.copyOfRange(buf, pos, i);
                        pos = i + 1;
                        return line;
                    }
                }
                if (eof) {
                    if (pos == end) {
                        return null;
                    }
                    byte[] line = java.util.Arrays.copyOfRange(buf, pos, end);
                    pos = end;
                    return line;
                }
                scanFrom = end - pos;
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, end - pos);
                    end -= pos;
                    pos = 0;
                }
                if (end == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
            }
        }

        // a line end after an odd number of backslashes is part of a value (GDAL writes one as \<newline>)
        private boolean escaped(int newline) {
            int k = newline - 1;
            while (k >= pos && buf[k] == '\\') {
                k--;
            }
            return (newline - 1 - k) % 2 == 1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private String name(byte[] raw, long at) {
        return decode(raw, () -> "an attribute name (byte " + at + " of GDAL's output)");
    }

    private String decode(byte[] raw, java.util.function.Supplier<String> where) {
        boolean ascii = true;
        for (byte x : raw) {
            if (x < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(raw));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Undecodable(where.get());
        }
    }

    // Quoted identifiers ("a""b" is a"b) from position at, at most max of them, until the closing parenthesis
    private List<String> identifiers(byte[] bytes, int at, int max, long lineStart) {
        List<String> names = new ArrayList<>();
        int i = at;
        while (names.size() < max && i < bytes.length) {
            while (i < bytes.length && bytes[i] != '"' && bytes[i] != ')') {
                i++;
            }
            if (i >= bytes.length || bytes[i] == ')') {
                break;
            }
            ByteArrayOutputStream name = new ByteArrayOutputStream();
            int j = i + 1;
            while (j < bytes.length) {
                if (bytes[j] == '"') {
                    if (j + 1 < bytes.length && bytes[j + 1] == '"') {
                        name.write('"');
                        j += 2;
                        continue;
                    }
                    break;
                }
                name.write(bytes[j++]);
            }
            int k = names.size() + 1;
            long offset = lineStart + i;
            names.add(decode(
                    name.toByteArray(), () -> "attribute name #" + k + " (byte " + offset + " of GDAL's output)"));
            i = j + 1;
        }
        return names;
    }

    private static int closingQuote(byte[] bytes, int openQuote) {
        int j = openQuote + 1;
        while (j < bytes.length) {
            if (bytes[j] == '"') {
                if (j + 1 < bytes.length && bytes[j + 1] == '"') {
                    j += 2;
                    continue;
                }
                return j;
            }
            j++;
        }
        return bytes.length - 1;
    }

    // COPY text escapes: \\ \t \n \r \b \f \v, \ooo (octal) and \xhh
    static byte[] unescape(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && bytes[i] != '\\') {
            i++;
        }
        if (i == to) {
            byte[] plain = new byte[to - from];
            System.arraycopy(bytes, from, plain, 0, plain.length);
            return plain;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        out.write(bytes, from, i - from);
        while (i < to) {
            byte b = bytes[i++];
            if (b != '\\' || i == to) {
                out.write(b);
                continue;
            }
            byte e = bytes[i++];
            switch (e) {
                case 't' -> out.write('\t');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'v' -> out.write(0x0B);
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i < to && Character.digit(bytes[i], 16) >= 0) {
                        v = v * 16 + Character.digit(bytes[i++], 16);
                        n++;
                    }
                    out.write(v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i < to && bytes[i] >= '0' && bytes[i] <= '7') {
                            v = v * 8 + (bytes[i++] - '0');
                            n++;
                        }
                        out.write(v);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    /** A value as GDAL's GeoJSON writer would give it: numbers for numeric columns, true/false, ISO dates. */
    static Object typed(String value, String type) {
        try {
            if (type.equals("INTEGER")
                    || type.equals("INT")
                    || type.equals("INT4")
                    || type.equals("INT8")
                    || type.equals("BIGINT")
                    || type.equals("SMALLINT")
                    || type.equals("INT2")
                    || WHOLE_NUMERIC.matcher(type).matches()) {
                long v = Long.parseLong(value.trim());
                return v == (int) v ? (Object) (int) v : (Object) v;
            }
            if (type.startsWith("NUMERIC")
                    || type.equals("FLOAT8")
                    || type.equals("FLOAT4")
                    || type.equals("REAL")
                    || type.equals("DOUBLE PRECISION")) {
                return Double.parseDouble(value.trim());
            }
        } catch (NumberFormatException e) {
            return value;
        }
        if (type.equals("BOOLEAN")) {
            return value.equals("t") || value.equals("1") || value.equalsIgnoreCase("true");
        }
        if (type.equals("DATE") || type.startsWith("TIMESTAMP")) {
            Matcher m = DATE_TIME.matcher(value);
            if (m.matches()) {
                String iso = m.group(1) + "-" + m.group(2) + "-" + m.group(3);
                if (m.group(4) != null) {
                    iso += "T" + m.group(4);
                    if (m.group(5) != null) {
                        iso += m.group(5) + ":" + (m.group(6) == null ? "00" : m.group(6));
                    }
                }
                return iso;
            }
        }
        return value;
    }
}
