package liuyu.imports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a source file into raw features (attributes decoded, coordinates untouched): GeoJSON by us, every
 * other vector format through GDAL's ogr2ogr, which converts it to GeoJSON without reprojecting.
 */
public final class SourceReader {
    /** One feature as the file holds it; {@code geometry} is GeoJSON in the source's coordinates, or null. */
    public record RawFeature(int index, String fid, Map<String, Object> properties, JsonNode geometry) {
    }

    /** What was read, and how: the report states each of these. */
    public record Source(Path file, String format, String layer, String declaredCrs, String declaredCrsName,
                         String encoding, String encodingHow, List<String> fields, List<RawFeature> features) {
    }

    private static final Pattern LAYER_LINE = Pattern.compile("^(?:\\d+|Layer): (.+?)(?: \\([^()]*\\))?$");
    private static final Pattern DRIVER = Pattern.compile("using driver `([^']+)' successful");
    private static final Pattern TOP_ID = Pattern.compile("^ {4}ID\\[\"EPSG\",(\\d+)\\]\\]$");
    private static final Pattern CRS_NAME = Pattern.compile("^[A-Z]+CRS\\[\"([^\"]*)\"");

    private final Gdal gdal;
    private final JsonMapper json = JsonMapper.builder().build();

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
                throw new ImportException(List.of("--encoding: '" + encoding + "' is not an encoding Java knows (e.g. GBK, GB18030, UTF-8)"));
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isDirectory(file) && (name.endsWith(".geojson") || name.endsWith(".json"))) {
            return geoJson(file, forced, encoding);
        }
        if (gdal.version() == null) {
            throw new ImportException(List.of(file + ": reading this format needs GDAL, which is not on this machine: " + Gdal.INSTALL
                + " (GeoJSON files import without it)"));
        }
        return viaGdal(file, sourceLayer, forced, encoding);
    }

    private Source geoJson(Path file, Charset forced, String encoding) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImportException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        TextDecoding.Decoded text = TextDecoding.decode(bytes, forced, "--encoding", encoding, file.toString());
        JsonNode root = parse(text.text(), file);
        String crs = root.path("crs").path("properties").path("name").asString(null);
        return features(file, "GeoJSON", null, crs, crs, text, root);
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
        String list = gdal.info(file, null, openOptions);
        Matcher driver = DRIVER.matcher(list);
        String format = driver.find() ? driver.group(1) : "GDAL";
        List<String> layers = new ArrayList<>();
        for (String line : list.lines().toList()) {
            Matcher m = LAYER_LINE.matcher(line.trim());
            if (m.matches()) {
                layers.add(m.group(1));
            }
        }
        String layer = sourceLayer;
        if (layer == null) {
            if (layers.size() != 1) {
                throw new ImportException(List.of(file + ": holds " + layers.size() + " layers (" + String.join(", ", layers)
                    + "): name one with --source-layer"));
            }
            layer = layers.get(0);
        } else if (!layers.contains(layer)) {
            throw new ImportException(List.of("--source-layer: " + file + " has no layer '" + layer + "' (layers: " + String.join(", ", layers) + ")"));
        }
        boolean shapefile = format.equals("ESRI Shapefile");
        if (shapefile) {
            openOptions.add("ENCODING="); // the bytes as stored: decoding is ours and strict
        }
        String info = gdal.info(file, layer, openOptions);
        String[] crs = declaredCrs(info);
        Charset declared = forced;
        String how = "--encoding";
        String declaredName = encoding;
        if (declared == null && shapefile) {
            Path cpg = sibling(file, ".cpg");
            if (cpg != null) {
                try {
                    declaredName = Files.readString(cpg, java.nio.charset.StandardCharsets.US_ASCII).trim();
                } catch (IOException e) {
                    throw new ImportException(List.of(cpg + ": cannot be read: " + e.getMessage()));
                }
                declared = TextDecoding.charset(declaredName);
                how = "from " + cpg.getFileName();
                if (declared == null) {
                    throw new ImportException(List.of(cpg + ": names the encoding '" + declaredName + "', which Java does not know; give --encoding"));
                }
            }
        }
        Path out = gdal.toGeoJson(file, layer, openOptions, config);
        try {
            byte[] bytes = Files.readAllBytes(out);
            TextDecoding.Decoded text = TextDecoding.decode(bytes, declared, how, declaredName, file.toString());
            return features(file, format, layer, crs[0], crs[1], text, parse(text.text(), file));
        } catch (IOException e) {
            throw new ImportException(List.of(file + ": cannot read GDAL's output: " + e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    /** EPSG code (as "EPSG:n") and CRS name from ogrinfo's WKT2; code null when the WKT has no EPSG id; both null without a CRS. */
    static String[] declaredCrs(String info) {
        List<String> lines = info.lines().toList();
        int start = lines.indexOf("Layer SRS WKT:");
        if (start < 0 || start + 1 >= lines.size() || lines.get(start + 1).trim().equals("(unknown)")) {
            return new String[] {null, null};
        }
        Matcher name = CRS_NAME.matcher(lines.get(start + 1));
        String crsName = name.find() ? name.group(1) : lines.get(start + 1);
        for (int i = start + 1; i < lines.size(); i++) {
            Matcher id = TOP_ID.matcher(lines.get(i));
            if (id.matches()) {
                return new String[] {"EPSG:" + id.group(1), crsName};
            }
            if (lines.get(i).startsWith("Data axis to CRS axis mapping") || lines.get(i).startsWith("Geometry Column")) {
                break;
            }
        }
        return new String[] {null, crsName};
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

    private JsonNode parse(String text, Path file) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw new ImportException(List.of(file + ": not valid JSON: " + e.getOriginalMessage()));
        }
    }

    private Source features(Path file, String format, String layer, String crs, String crsName, TextDecoding.Decoded text, JsonNode root) {
        if (!"FeatureCollection".equals(root.path("type").asString(""))) {
            throw new ImportException(List.of(file + ": must be a GeoJSON FeatureCollection"));
        }
        List<RawFeature> features = new ArrayList<>();
        Set<String> fields = new LinkedHashSet<>();
        int index = 0;
        for (JsonNode f : root.path("features")) {
            JsonNode props = f.path("properties");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = props.isObject() ? json.treeToValue(props, LinkedHashMap.class) : new LinkedHashMap<>();
            fields.addAll(map.keySet());
            JsonNode id = f.path("id");
            String fid = id.isString() || id.isNumber() ? id.asString() : null;
            JsonNode g = f.path("geometry");
            features.add(new RawFeature(index++, fid, map, g.isObject() ? g : null));
        }
        return new Source(file, format, layer, crs, crsName, text.encoding(), text.how(), List.copyOf(fields), features);
    }
}
