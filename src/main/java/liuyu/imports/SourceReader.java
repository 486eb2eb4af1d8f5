package liuyu.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a source file into raw features (attributes decoded, coordinates untouched), one at a time with
 * flat memory however large the file: GeoJSON directly with Jackson's streaming parser, every other vector
 * format through GDAL's ogr2ogr, which converts it to PostgreSQL dump text (hex EWKB, no reprojection).
 */
public final class SourceReader {
    /**
     * One feature as the file holds it, geometry in the source's coordinates or null: {@code geometry} as GeoJSON
     * (a GeoJSON file) or {@code shape} as JTS (read by GDAL).
     */
    public record RawFeature(
            int index, String fid, Map<String, Object> properties, JsonNode geometry, Geometry shape) {}

    /**
     * What a file holds, and how it is read: the report states each of these. {@link #forEach} reads the
     * features (once per call); {@link #fields()} and {@link #count()} are complete after it. Closing deletes
     * GDAL's intermediate file.
     */
    public static final class Source implements AutoCloseable {
        private final Path file;
        private final String format;
        private final String layer;
        private final String declaredCrs;
        private final String declaredCrsName;
        private final TextDecoding.Encoding encoding;
        private final Path data;
        private final boolean temporary;
        private final PgDump dump;
        private final Supplier<Gdal.Running> pipe;
        private final Set<String> fields = new LinkedHashSet<>();
        private int count;

        Source(
                Path file,
                String format,
                String layer,
                String declaredCrs,
                String declaredCrsName,
                TextDecoding.Encoding encoding,
                Path data,
                boolean temporary,
                PgDump dump,
                Supplier<Gdal.Running> pipe) {
            this.file = file;
            this.format = format;
            this.layer = layer;
            this.declaredCrs = declaredCrs;
            this.declaredCrsName = declaredCrsName;
            this.encoding = encoding;
            this.data = data;
            this.temporary = temporary;
            this.dump = dump;
            this.pipe = pipe;
        }

        public Path file() {
            return file;
        }

        public String format() {
            return format;
        }

        public String layer() {
            return layer;
        }

        public String declaredCrs() {
            return declaredCrs;
        }

        public String declaredCrsName() {
            return declaredCrsName;
        }

        public String encoding() {
            return encoding.name();
        }

        public String encodingHow() {
            return encoding.how();
        }

        /** Attribute names met so far, in order of first appearance. */
        public List<String> fields() {
            return List.copyOf(fields);
        }

        /** Features read by the last {@link #forEach}. */
        public int count() {
            return count;
        }

        /**
         * Streams the features in file order; one feature at a time is in memory. Read by GDAL with a declared
         * encoding, the features come through a pipe while GDAL still converts the file.
         */
        public void forEach(Consumer<RawFeature> each) {
            count = 0;
            if (dump != null) {
                Consumer<RawFeature> counted = f -> {
                    count++;
                    each.accept(f);
                };
                if (pipe == null) {
                    try (InputStream in = Files.newInputStream(data)) {
                        dump.read(in, fields, counted);
                    } catch (IOException e) {
                        throw new ImportException(List.of(file + ": cannot be read: " + e.getMessage()));
                    }
                    return;
                }
                Gdal.Running gdal = pipe.get();
                boolean read = false;
                try {
                    dump.read(gdal.output(), fields, counted);
                    read = true;
                } finally {
                    if (!read) {
                        gdal.stop();
                    }
                }
                gdal.finish();
                return;
            }
            try (Reader reader = new BufferedReader(
                    new InputStreamReader(Files.newInputStream(data), encoding.charset()), 1 << 16)) {
                try (JsonParser p = JSON.createParser(reader)) {
                    if (!toFeatures(p)) {
                        throw new ImportException(List.of(file + ": must be a GeoJSON FeatureCollection"));
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        each.accept(raw(JSON.readTree(p)));
                    }
                }
            } catch (IOException e) {
                throw new ImportException(List.of(file + ": cannot be read: " + e.getMessage()));
            } catch (JacksonException e) {
                throw new ImportException(List.of(file + ": not valid JSON: " + e.getOriginalMessage()));
            }
        }

        private RawFeature raw(JsonNode f) {
            JsonNode props = f.path("properties");
            @SuppressWarnings("unchecked")
            Map<String, Object> map =
                    props.isObject() ? JSON.treeToValue(props, LinkedHashMap.class) : new LinkedHashMap<>();
            fields.addAll(map.keySet());
            JsonNode id = f.path("id");
            String fid = id.isString() || id.isNumber() ? id.asString() : null;
            JsonNode g = f.path("geometry");
            return new RawFeature(count++, fid, map, g.isObject() ? g : null, null);
        }

        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(data);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    // a feature is read from the middle of a stream: what follows it is not "trailing"
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern LAYER_LINE = Pattern.compile("^(?:\\d+|Layer): (.+?)(?: \\([^()]*\\))?$");
    private static final Pattern DRIVER = Pattern.compile("using driver `([^']+)' successful");
    private static final Pattern TOP_ID = Pattern.compile("^ {4}ID\\[\"EPSG\",(\\d+)\\]\\]$");
    private static final Pattern CRS_NAME = Pattern.compile("^[A-Z]+CRS\\[\"([^\"]*)\"");

    private final Gdal gdal;

    public SourceReader(Gdal gdal) {
        this.gdal = gdal;
    }

    public Source read(Path file, String sourceLayer, String encoding) {
        if (!Files.exists(file)) {
            throw new ImportException(List.of(file + ": no such file"));
        }
        Charset forced = null;
        if (encoding != null) {
            forced = TextDecoding.charset(encoding);
            if (forced == null) {
                throw new ImportException(List.of(
                        "--encoding: '" + encoding + "' is not an encoding Java knows (e.g. GBK, GB18030, UTF-8)"));
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isDirectory(file) && (name.endsWith(".geojson") || name.endsWith(".json"))) {
            return geoJson(file, forced, encoding);
        }
        try {
            return viaGdal(file, sourceLayer, forced, encoding);
        } catch (Gdal.Missing e) {
            throw new ImportException(List.of(file + ": reading this format needs GDAL, which is not on this machine: "
                    + Gdal.INSTALL + " (GeoJSON files import without it)"));
        }
    }

    private Source geoJson(Path file, Charset forced, String encoding) {
        TextDecoding.Encoding enc = TextDecoding.detect(file, forced, "--encoding", encoding, file.toString());
        // the top-level members before the features (type, crs), read by a token pass that skips the features
        String type = null;
        String crs = null;
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), enc.charset());
                JsonParser p = JSON.createParser(reader)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportException(List.of(file + ": must be a GeoJSON FeatureCollection"));
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String member = p.currentName();
                p.nextToken();
                if (member.equals("type") && p.currentToken() == JsonToken.VALUE_STRING) {
                    type = p.getString();
                } else if (member.equals("crs")) {
                    crs = JSON.readTree(p).path("properties").path("name").asString(null);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new ImportException(List.of(file + ": cannot be read: " + e.getMessage()));
        } catch (JacksonException e) {
            throw new ImportException(List.of(file + ": not valid JSON: " + e.getOriginalMessage()));
        }
        if (!"FeatureCollection".equals(type)) {
            throw new ImportException(List.of(file + ": must be a GeoJSON FeatureCollection"));
        }
        return new Source(file, "GeoJSON", null, crs, crs, enc, file, false, null, null);
    }

    // Moves the parser to the first token inside the top-level "features" array; false when there is none.
    private static boolean toFeatures(JsonParser p) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return false;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String member = p.currentName();
            if (p.nextToken() == JsonToken.START_ARRAY && member.equals("features")) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    private Source viaGdal(Path file, String sourceLayer, Charset forced, String encoding) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> openOptions = new ArrayList<>();
        List<String> config = new ArrayList<>(List.of("DXF_CLOSED_LINE_AS_POLYGON=TRUE"));
        if (name.endsWith(".xlsx")) {
            // GDAL 3.6's XLSX driver takes these as configuration, not open options: first row = names, cells as text
            config.addAll(List.of("OGR_XLSX_HEADERS=FORCE", "OGR_XLSX_FIELD_TYPES=STRING"));
        }
        if (name.endsWith(".csv")) {
            openOptions.add("AUTODETECT_TYPE=NO");
        }
        String layer = sourceLayer;
        boolean shapefile;
        String fileName = file.getFileName().toString();
        String shp = name.endsWith(".shp") ? fileName.substring(0, fileName.length() - ".shp".length()) : null;
        if (shp != null && (layer == null || layer.equals(shp))) {
            // GDAL's Shapefile driver: one layer, named as the file; its summary at once, without listing the layers
            // first (each GDAL tool run costs a tenth of a second)
            layer = shp;
            shapefile = true;
        } else {
            String list = gdal.info(file, null, openOptions);
            List<String> layers = new ArrayList<>();
            for (String line : list.lines().toList()) {
                Matcher m = LAYER_LINE.matcher(line.trim());
                if (m.matches()) {
                    layers.add(m.group(1));
                }
            }
            if (layer == null) {
                if (layers.size() != 1) {
                    throw new ImportException(List.of(file + ": holds " + layers.size() + " layers ("
                            + String.join(", ", layers) + "): name one with --source-layer"));
                }
                layer = layers.get(0);
            } else if (!layers.contains(layer)) {
                throw new ImportException(List.of("--source-layer: " + file + " has no layer '" + layer + "' (layers: "
                        + String.join(", ", layers) + ")"));
            }
            shapefile = driver(list).equals("ESRI Shapefile");
        }
        if (shapefile) {
            openOptions.add("ENCODING="); // the bytes as stored: decoding is ours and strict
        }
        String info = gdal.info(file, layer, openOptions);
        String format = driver(info);
        String[] crs = declaredCrs(info);
        Charset declared = forced;
        String how = "--encoding";
        String declaredName = encoding;
        if (declared == null && shapefile) {
            Path cpg = sibling(file, ".cpg");
            if (cpg != null) {
                try {
                    declaredName =
                            Files.readString(cpg, StandardCharsets.US_ASCII).trim();
                } catch (IOException e) {
                    throw new ImportException(List.of(cpg + ": cannot be read: " + e.getMessage()));
                }
                declared = TextDecoding.charset(declaredName);
                how = "from " + cpg.getFileName();
                if (declared == null) {
                    throw new ImportException(List.of(cpg + ": names the encoding '" + declaredName
                            + "', which Java does not know; give --encoding"));
                }
            }
        }
        String where = file.toString();
        String onLayer = layer;
        if (declared != null) {
            // the encoding is known: read GDAL's output while it runs, decoding each value strictly as it comes
            return new Source(
                    file,
                    format,
                    layer,
                    crs[0],
                    crs[1],
                    new TextDecoding.Encoding(declared, declaredName, how),
                    null,
                    false,
                    new PgDump(where, declared, declaredName, how),
                    () -> gdal.dump(file, onLayer, openOptions, config, null));
        }
        // detection needs every value before the first is decoded: GDAL's output goes to a file, scanned first
        Path out;
        try {
            out = Files.createTempFile("liuyu-import-", ".sql");
        } catch (IOException e) {
            throw new ImportException(List.of("cannot write a temporary file: " + e.getMessage()));
        }
        try {
            gdal.dump(file, layer, openOptions, config, out).finish();
            PgDump.Bad badUtf8 = firstBad(out, new PgDump(where, StandardCharsets.UTF_8, "UTF-8", "detected"));
            TextDecoding.Encoding enc;
            if (badUtf8 == null) {
                enc = new TextDecoding.Encoding(StandardCharsets.UTF_8, "UTF-8", "detected (valid UTF-8)");
            } else if (firstBad(out, new PgDump(where, TextDecoding.GB18030, "GB18030", "detected")) == null) {
                String gbk = firstBad(out, new PgDump(where, Charset.forName("GBK"), "GBK", "detected")) == null
                        ? "GBK"
                        : "GB18030";
                enc = new TextDecoding.Encoding(TextDecoding.GB18030, gbk, "detected (not UTF-8, valid " + gbk + ")");
            } else {
                throw new ImportException(
                        List.of(
                                file + ": " + badUtf8.where()
                                        + ": text is neither UTF-8 nor GBK/GB18030;"
                                        + " give the file's encoding with --encoding (nothing is imported with undecodable characters)"));
            }
            return new Source(
                    file,
                    format,
                    layer,
                    crs[0],
                    crs[1],
                    enc,
                    out,
                    true,
                    new PgDump(where, enc.charset(), enc.name(), enc.how()),
                    null);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
            throw e;
        }
    }

    private static PgDump.Bad firstBad(Path dump, PgDump reader) {
        try (InputStream in = Files.newInputStream(dump)) {
            return reader.firstBad(in);
        } catch (IOException e) {
            throw new ImportException(List.of(dump + ": cannot be read: " + e.getMessage()));
        }
    }

    /** EPSG code (as "EPSG:n") and CRS name from ogrinfo's WKT2; code null when the WKT has no EPSG id; both null without a CRS. */
    static String[] declaredCrs(String info) {
        List<String> lines = info.lines().toList();
        int start = lines.indexOf("Layer SRS WKT:");
        if (start < 0
                || start + 1 >= lines.size()
                || lines.get(start + 1).trim().equals("(unknown)")) {
            return new String[] {null, null};
        }
        Matcher name = CRS_NAME.matcher(lines.get(start + 1));
        String crsName = name.find() ? name.group(1) : lines.get(start + 1);
        for (int i = start + 1; i < lines.size(); i++) {
            Matcher id = TOP_ID.matcher(lines.get(i));
            if (id.matches()) {
                return new String[] {"EPSG:" + id.group(1), crsName};
            }
            if (lines.get(i).startsWith("Data axis to CRS axis mapping")
                    || lines.get(i).startsWith("Geometry Column")) {
                break;
            }
        }
        return new String[] {null, crsName};
    }

    /** The GDAL driver that opened the file, from ogrinfo's "using driver" line. */
    private static String driver(String ogrinfo) {
        Matcher driver = DRIVER.matcher(ogrinfo);
        return driver.find() ? driver.group(1) : "GDAL";
    }

    private static Path sibling(Path file, String ext) {
        String n = file.getFileName().toString();
        String base = n.substring(0, n.lastIndexOf('.'));
        for (String e : new String[] {ext, ext.toUpperCase(Locale.ROOT)}) {
            Path p = file.resolveSibling(base + e);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }
}
