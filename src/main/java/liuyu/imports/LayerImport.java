package liuyu.imports;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.BeijingTime;
import liuyu.geo.Dms;
import liuyu.geo.GeoJson;
import liuyu.geo.GeoJsonException;
import liuyu.geo.SourceCrs;
import liuyu.imports.SourceReader.RawFeature;
import liuyu.imports.SourceReader.Source;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what a source file holds into one Liuyu layer: attribute mapping, CRS to CRS84, the kind's required
 * attributes, then exactly the checks start-up applies ({@link AtlasLoader#readFeatures}). Everything found
 * is collected; a plan with problems is refused as a whole and writes nothing.
 */
public final class LayerImport {
    /** Stored coordinates keep 8 decimals (about a millimetre) so imported vertices stay within a centimetre of the source. */
    public static final GeoJson.Style STYLE = new GeoJson.Style(false, 8);

    private static final List<String> LON_NAMES = List.of("lon", "lng", "long", "longitude", "x", "经度", "东经");
    private static final List<String> LAT_NAMES = List.of("lat", "latitude", "y", "纬度", "北纬");
    private static final int LISTED = 10;

    /** What the user asked for; provenance values are the layer-level defaults (method, source, licence, accuracy, authoritative). */
    public record Options(
            String layerId,
            LayerKind kind,
            String crs,
            Map<String, String> map,
            boolean makeValid,
            String titleEn,
            String titleZh,
            String description,
            Map<String, Object> provenance) {}

    /**
     * The outcome: the layer's description and, when planned into a file, its GeoJSON written to a temporary file
     * (both null when refused; the caller moves or deletes the file), the feature count, and everything the
     * report shows.
     */
    public record Plan(
            Source source,
            String layerId,
            LayerKind kind,
            SourceCrs crs,
            String crsHow,
            Map<String, String> mapping,
            Map<String, Integer> geometryTypes,
            Envelope bbox,
            List<String> problems,
            List<String> warnings,
            List<String> repairs,
            LayerInfo info,
            Path geojson,
            int features) {
        public boolean refused() {
            return !problems.isEmpty();
        }

        Plan withGeojson(Path file) {
            return new Plan(
                    source,
                    layerId,
                    kind,
                    crs,
                    crsHow,
                    mapping,
                    geometryTypes,
                    bbox,
                    problems,
                    warnings,
                    repairs,
                    info,
                    file,
                    features);
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Reads the source once, feature by feature: each is mapped, reprojected, checked (exactly as start-up
     * checks it, {@link AtlasLoader#checkFeature}) and written to the layer file at once, so memory holds one
     * feature plus the ids (for duplicates), whatever the file's size.
     */
    public Plan plan(Source source, Options options) {
        FileSink file = new FileSink();
        Plan plan = plan(source, options, file);
        return plan.refused() ? plan : plan.withGeojson(file.out);
    }

    /** As {@link #plan(Source, Options)}, the checked features going to {@code sink} (discarded when refused). */
    public Plan plan(Source source, Options options, Sink sink) {
        String file = source.file().toString();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        Map<String, String> mapping = new LinkedHashMap<>(options.map());

        // 1. CRS: --crs, else what the file declares, else lon/lat only if the numbers turn out to be lon/lat
        String crsText = options.crs() != null ? options.crs() : source.declaredCrs();
        String crsHow = options.crs() != null ? "given with --crs" : "declared by the file (" + source.format() + ")";
        if (options.crs() != null
                && source.declaredCrs() != null
                && !options.crs().equalsIgnoreCase(source.declaredCrs())) {
            warnings.add(
                    "--crs=" + options.crs() + " overrides the CRS the file declares (" + source.declaredCrs() + ")");
        }
        if (options.crs() == null && source.declaredCrs() == null && source.declaredCrsName() != null) {
            problems.add(file + ": unknown CRS: the file declares '" + source.declaredCrsName()
                    + "', which has no EPSG code;" + " give its EPSG code with --crs (supported: " + supported() + ")");
            return refused(source, options, null, null, mapping, problems, warnings, repairs);
        }
        SourceCrs crs = crsText == null ? null : SourceCrs.parse(crsText);
        if (crsText != null && crs == null) {
            problems.add(file + ": unknown CRS '" + crsText + "' (" + crsHow + "); supported: " + supported());
            return refused(source, options, null, null, mapping, problems, warnings, repairs);
        }
        if (crs != null && crs.approximate() && options.crs() == null) {
            problems.add(file + ": declares " + crs.label()
                    + ": Xi'an 1980 and Beijing 1954 are imported only with an explicit" + " --crs=" + crs.code()
                    + ", and the result is labelled approximate (no official transformation parameters are public)");
            return refused(source, options, crs, crsHow, mapping, problems, warnings, repairs);
        }
        Provenance provenance =
                provenance(options.provenance(), crs == null ? SourceCrs.parse("CRS84") : crs, problems);
        if (provenance == null) {
            // refused already; the features are still read and checked so the report lists everything at once
            provenance = new Provenance(Method.SYNTHETIC, "-", "-", "-", false);
        }

        // 2. every feature, once: mapped attributes, id, geometry in CRS84, the start-up checks, written out
        Run run = new Run(source, options, crs, provenance, mapping, problems, repairs, sink);
        try {
            source.forEach(run::accept);
            run.finish();
        } catch (RuntimeException e) {
            run.discard();
            throw e;
        }
        if (run.undecided) {
            Envelope raw = run.raw;
            if (raw.isNull()
                    || raw.getMinX() >= -180 && raw.getMaxX() <= 180 && raw.getMinY() >= -90 && raw.getMaxY() <= 90) {
                crs = SourceCrs.parse("CRS84");
                crsHow =
                        "none declared; the coordinates lie within longitude/latitude ranges, so they are taken as CRS84";
                warnings.add(file
                        + ": no CRS declared: coordinates taken as WGS84 lon/lat (CRS84); if they were copied from a web map,"
                        + " give --crs=GCJ-02 or --crs=BD-09");
            } else {
                // the per-feature complaints about projected numbers read as degrees say the same thing less clearly
                problems.clear();
                problems.add(file + ": no CRS declared and the coordinates are not longitude/latitude (x "
                        + (long) raw.getMinX() + " to "
                        + (long) raw.getMaxX() + ", y " + (long) raw.getMinY() + " to " + (long) raw.getMaxY()
                        + "): likely "
                        + SourceCrs.likelyFamily(raw.getMinX(), raw.getMaxX(), raw.getMinY(), raw.getMaxY())
                        + "; give --crs");
                run.discard();
                return refused(source, options, null, null, mapping, problems, warnings, repairs);
            }
        }
        List<String> early = new ArrayList<>();
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            if (!source.fields().contains(m.getValue())) {
                early.add("--map " + m.getKey() + "=" + m.getValue() + ": " + file + " has no attribute '"
                        + m.getValue() + "' (attributes: " + String.join(", ", source.fields()) + ")");
            }
        }
        problems.addAll(0, early);
        if (run.tabularWithoutColumns) {
            problems.add(file + ": no geometry, and no longitude/latitude columns found (looked for "
                    + String.join(", ", LON_NAMES) + " / " + String.join(", ", LAT_NAMES)
                    + "): name them with --map lon=<column> --map lat=<column>");
        }
        if (run.noId > 0) {
            problems.add(file + ": " + run.noId + " of " + source.count()
                    + " features have no id: required attribute 'id' missing;"
                    + " map one with --map id=<attribute> (attributes: " + String.join(", ", source.fields()) + ")");
        }
        GeometryKind geometry = options.kind() != null ? options.kind().geometry() : geometryOf(run.types);
        if (geometry == null) {
            problems.add(file + ": mixes geometry types " + run.types
                    + ": one layer holds polygons, lines or points; split the file"
                    + " (--source-layer, or ogr2ogr -where)");
        }
        LayerKind kind = run.kind;
        if (kind != null) {
            for (String attribute : kind.required(options.layerId())) {
                Missing missing = run.missing.get(attribute);
                if (missing.count > 0 && missing.count == run.accepted) {
                    problems.add(file + ": required attribute '" + attribute + "' of " + kind.code()
                            + " layers is not mapped: give" + " --map " + attribute + "=<attribute> (attributes: "
                            + String.join(", ", source.fields()) + ")");
                } else if (missing.count > 0) {
                    problems.add(file + ": required attribute '" + attribute + "' missing on " + missing.count
                            + " features: " + shortList(missing.ids, missing.count));
                }
            }
        }
        if (run.noName > 0) {
            warnings.add(
                    file + ": nameZh missing on " + run.noName + " features (" + shortList(run.noNameIds, run.noName)
                            + "): the id is shown" + " instead; map a name with --map nameZh=<attribute>");
        }
        if (problems.isEmpty() && run.info == null && !run.tabularWithoutColumns) {
            problems.add(file + ": holds no features to import");
        }
        if (!problems.isEmpty()) {
            run.discard();
            return new Plan(
                    source,
                    options.layerId(),
                    kind != null ? kind : options.kind(),
                    crs,
                    crsHow,
                    mapping,
                    run.types,
                    run.bbox,
                    problems,
                    warnings,
                    repairs,
                    null,
                    null,
                    run.accepted);
        }
        String description = options.description() != null
                ? options.description()
                : "Imported with liuyu import from " + source.file().getFileName() + " (" + source.format()
                        + (source.layer() == null ? "" : ", layer '" + source.layer() + "'") + ") on "
                        + BeijingTime.today() + "; CRS " + crs.label() + " " + crsHow + "; transformation: "
                        + crs.transformation() + ".";
        LayerInfo info = new LayerInfo(
                run.info.id(),
                run.info.titleEn(),
                run.info.titleZh(),
                description,
                run.info.geometry(),
                run.info.provenance(),
                "",
                null,
                null,
                file);
        return new Plan(
                source,
                options.layerId(),
                kind,
                crs,
                crsHow,
                mapping,
                run.types,
                run.bbox,
                problems,
                warnings,
                repairs,
                info,
                null,
                run.accepted);
    }

    /**
     * A GDAL-read feature's geometry, prepared on the second thread: the envelope of its source coordinates (when the
     * CRS is undecided), then the geometry in CRS84 with its validity error (null: valid), or why it could not be
     * reprojected.
     */
    private record Shape(Envelope raw, Geometry geometry, TopologyValidationError invalid, RuntimeException failure) {}

    /** How often a required attribute was missing, and the first ids it was missing on. */
    private static final class Missing {
        int count;
        final List<String> ids = new ArrayList<>();
    }

    /** One pass over the source: decisions taken at the first feature, counts and the layer file as it goes. */
    private final class Run {
        final Source source;
        final Options options;
        final String file;
        final SourceCrs.Transform transform;
        final boolean undecided;
        final Provenance provenance;
        final Map<String, String> mapping;
        final Map<String, String> renamed = new LinkedHashMap<>();
        final List<String> problems;
        final List<String> repairs;
        final Set<String> ids = new HashSet<>();
        final List<Feature> dated = new ArrayList<>();
        final Map<String, Integer> types = new TreeMap<>();
        final Map<String, Missing> missing = new LinkedHashMap<>();
        final Envelope bbox = new Envelope();
        final Envelope raw = new Envelope();
        final AtlasLoader checks = new AtlasLoader();
        boolean first = true;
        boolean tabular;
        boolean tabularWithoutColumns;
        String lonField;
        String latField;
        LayerKind kind;
        LayerInfo info;
        int noId;
        int noName;
        final List<String> noNameIds = new ArrayList<>();
        int accepted;
        final Sink sink;
        boolean opened;
        final SourceCrs crs;
        Shapes shapes;

        Run(
                Source source,
                Options options,
                SourceCrs crs,
                Provenance provenance,
                Map<String, String> mapping,
                List<String> problems,
                List<String> repairs,
                Sink sink) {
            this.source = source;
            this.sink = sink;
            this.options = options;
            this.file = source.file().toString();
            this.undecided = crs == null;
            this.crs = crs;
            this.transform = (crs == null ? SourceCrs.parse("CRS84") : crs).transform();
            this.provenance = provenance;
            this.mapping = mapping;
            this.problems = problems;
            this.repairs = repairs;
            mapping.forEach((target, src) -> {
                if (!target.equals("lon") && !target.equals("lat")) {
                    renamed.put(src, target);
                }
            });
        }

        void accept(RawFeature f) {
            if (first) {
                first = false;
                // a table (CSV, XLSX) has no geometry: its points come from longitude/latitude columns
                if (f.geometry() == null && f.shape() == null) {
                    List<String> fields = List.copyOf(f.properties().keySet());
                    tabular = true;
                    lonField = column(fields, mapping.get("lon"), LON_NAMES);
                    latField = column(fields, mapping.get("lat"), LAT_NAMES);
                    tabularWithoutColumns = lonField == null || latField == null;
                }
                // read by GDAL: each feature's reprojection and validity test go to a second thread (see Shapes)
                if (f.shape() != null) {
                    shapes = new Shapes((crs == null ? SourceCrs.parse("CRS84") : crs).transform(), undecided);
                }
            }
            if (shapes != null) {
                shapes.add(f);
            } else {
                process(f, null);
            }
        }

        /** The rest of {@link #accept}, in file order; {@code shape}: the feature's geometry already prepared. */
        void process(RawFeature f, Shape shape) {
            if (tabularWithoutColumns) {
                return;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            f.properties().forEach((k, v) -> {
                if (!(tabular && (k.equals(lonField) || k.equals(latField)))) {
                    p.put(renamed.getOrDefault(k, k), v);
                }
            });
            Object idValue = p.remove("id");
            if (idValue == null && !mapping.containsKey("id")) {
                idValue = f.fid();
            }
            String id = idValue == null || idValue.toString().isBlank()
                    ? null
                    : idValue.toString().trim();
            if (id == null) {
                noId++;
                return;
            }
            String label = "feature '" + id + "'";
            if (p.get("nameZh") == null || p.get("nameZh").toString().isBlank()) {
                if (noName++ < LISTED) {
                    noNameIds.add(id);
                }
            }
            Geometry g;
            try {
                JsonNode node;
                if (tabular) {
                    double[] lonLat = lonLat(f, lonField, latField, file, problems);
                    if (lonLat == null) {
                        return; // reported with its coordinate columns
                    }
                    raw.expandToInclude(lonLat[0], lonLat[1]);
                    node = point(lonLat, transform);
                } else if (f.shape() != null) {
                    if (undecided) {
                        raw.expandToInclude(
                                shape != null ? shape.raw() : f.shape().getEnvelopeInternal());
                    }
                    if (shape != null && shape.failure() != null) {
                        throw shape.failure();
                    }
                    node = null;
                } else if (f.geometry() == null) {
                    problems.add(file + ": " + label + ": no geometry");
                    return;
                } else {
                    if (undecided) {
                        expand(f.geometry(), raw);
                    }
                    node = reproject(f.geometry(), transform);
                }
                g = node == null
                        ? shape != null ? shape.geometry() : reproject(f.shape(), transform)
                        : GeoJson.read(node, "geometry");
            } catch (GeoJsonException | IllegalArgumentException e) {
                problems.add(file + ": " + label + ": " + e.getMessage());
                return;
            }
            TopologyValidationError invalid = shape != null ? shape.invalid() : new IsValidOp(g).getValidationError();
            if (invalid != null) {
                String reason =
                        invalid.getMessage() + " at " + invalid.getCoordinate().x + " " + invalid.getCoordinate().y;
                if (options.makeValid() && g instanceof Polygonal) {
                    Geometry fixed = GeometryFixer.fix(g);
                    repairs.add(label + ": " + reason + ": repaired to a valid " + fixed.getGeometryType() + " (area "
                            + Math.round(liuyu.geo.MetricProjection.toMetric(g.buffer(0))
                                    .getArea()) + " m² by the even-odd reading, "
                            + Math.round(
                                    liuyu.geo.MetricProjection.toMetric(fixed).getArea()) + " m² after repair)");
                    g = fixed;
                } else {
                    problems.add(file + ": " + label + ": invalid geometry: " + reason
                            + (g instanceof Polygonal ? " (--make-valid repairs it and reports the repair)" : ""));
                    return;
                }
            }
            types.merge(g.getGeometryType(), 1, Integer::sum);
            if (info == null) {
                GeometryKind geometry =
                        options.kind() != null ? options.kind().geometry() : geometryOf(Map.of(g.getGeometryType(), 1));
                kind = options.kind() != null ? options.kind() : LayerKind.of(options.layerId(), geometry);
                kind.required(options.layerId()).forEach(a -> missing.put(a, new Missing()));
                info = new LayerInfo(
                        options.layerId(),
                        options.titleEn() == null ? options.layerId() : options.titleEn(),
                        options.titleZh() == null ? "" : options.titleZh(),
                        "",
                        geometry,
                        provenance,
                        "",
                        null,
                        null,
                        file);
            }
            if (!ids.add(id)) {
                problems.add(file + ": " + label + ": duplicate id");
                return;
            }
            for (Map.Entry<String, Missing> m : missing.entrySet()) {
                Object v = p.get(m.getKey());
                if (v == null || v.toString().isBlank()) {
                    if (m.getValue().count++ < LISTED) {
                        m.getValue().ids.add(id);
                    }
                }
            }
            // a mixed layer is refused as a whole below; its features are not also listed one by one
            if (!info.geometry().accepts(g) && options.kind() == null) {
                return;
            }
            Feature feature = checks.checkFeature(id, p, g, info, file + ": " + label, false, problems);
            if (feature == null) {
                return;
            }
            if (feature.validFrom() != null || feature.replacedBy() != null) {
                dated.add(feature);
            }
            bbox.expandToInclude(g.getEnvelopeInternal());
            accepted++;
            if (problems.isEmpty()) {
                write(id, p, g, feature);
            }
        }

        private void write(String id, Map<String, Object> p, Geometry g, Feature feature) {
            if (!opened) {
                opened = true;
                sink.open(info);
            }
            sink.add(id, p, g, feature);
        }

        void finish() {
            if (shapes != null) {
                shapes.drain();
            }
            AtlasLoader.replacements(dated, file, problems);
            if (opened) {
                sink.finish();
            }
        }

        void discard() {
            if (shapes != null) {
                shapes.stop();
            }
            sink.discard();
        }

        /**
         * The geometry work of features read by GDAL, on a second thread: reprojection in place and JTS's validity
         * test take about a third of a feature's time, and depend on nothing but the feature. Features go over in
         * batches; the main thread takes each batch back in file order and does the rest ({@link #process}) as
         * before, so the problems, the checks and the rows come out exactly as from one thread. At most two batches
         * are ahead of the main thread.
         */
        private final class Shapes {
            private static final int BATCH = 256;
            private final SourceCrs.Transform transform; // the worker's own: Proj4J's scratch state is per thread
            private final boolean raw;
            private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "liuyu-import-shapes");
                t.setDaemon(true);
                return t;
            });
            private final ArrayDeque<Future<List<Shape>>> ahead = new ArrayDeque<>();
            private final ArrayDeque<List<RawFeature>> batches = new ArrayDeque<>();
            private List<RawFeature> batch = new ArrayList<>(BATCH);

            Shapes(SourceCrs.Transform transform, boolean raw) {
                this.transform = transform;
                this.raw = raw;
            }

            void add(RawFeature f) {
                batch.add(f);
                if (batch.size() == BATCH) {
                    send();
                    if (ahead.size() > 2) {
                        takeBack();
                    }
                }
            }

            private void send() {
                List<RawFeature> features = batch;
                batch = new ArrayList<>(BATCH);
                batches.add(features);
                ahead.add(
                        worker.submit(() -> features.stream().map(this::prepare).toList()));
            }

            private Shape prepare(RawFeature f) {
                if (f.shape() == null) {
                    return null;
                }
                Envelope before = raw ? new Envelope(f.shape().getEnvelopeInternal()) : null;
                Geometry g;
                try {
                    g = reproject(f.shape(), transform);
                } catch (GeoJsonException | IllegalArgumentException e) {
                    return new Shape(before, null, null, e);
                }
                TopologyValidationError invalid = new IsValidOp(g).getValidationError();
                g.getEnvelopeInternal(); // computed here, read by the main thread (bbox)
                return new Shape(before, g, invalid, null);
            }

            private void takeBack() {
                List<RawFeature> features = batches.poll();
                List<Shape> shapes;
                try {
                    shapes = ahead.poll().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                for (int i = 0; i < features.size(); i++) {
                    process(features.get(i), shapes.get(i));
                }
            }

            void drain() {
                if (!batch.isEmpty()) {
                    send();
                }
                try {
                    while (!ahead.isEmpty()) {
                        takeBack();
                    }
                } finally {
                    worker.shutdown();
                }
            }

            void stop() {
                worker.shutdownNow();
                ahead.clear();
                batches.clear();
            }
        }
    }

    /**
     * Where a plan's features go as they pass the checks, one at a time: a layer file, or PostGIS. Features stop
     * coming at the first problem; a refused plan is discarded, so nothing of it remains.
     */
    public interface Sink {
        /** Before the first feature: the layer as known then (titles, geometry kind, provenance). */
        void open(LayerInfo layer);

        /** One feature that passed every check: the mapped attributes, the geometry in CRS84, and as checked. */
        void add(String id, Map<String, Object> properties, Geometry geometry, Feature feature);

        /** After the last feature, when nothing was refused while reading. */
        void finish();

        /** The plan was refused or failed: nothing that was added may remain. Safe to call more than once. */
        void discard();
    }

    /** The layer as a GeoJSON temporary file ({@link Plan#geojson}), coordinates with 8 decimals. */
    private final class FileSink implements Sink {
        Path out;
        OutputStream stream;
        JsonGenerator gen;

        @Override
        public void open(LayerInfo layer) {}

        @Override
        public void add(String id, Map<String, Object> p, Geometry g, Feature feature) {
            try {
                if (gen == null) {
                    out = Files.createTempFile("liuyu-layer-", ".geojson");
                    stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                    gen = json.createGenerator(stream);
                    gen.writeStartObject();
                    gen.writeStringProperty("type", "FeatureCollection");
                    gen.writeArrayPropertyStart("features");
                }
                gen.writeRaw('\n');
                GeoJson.writeFeature(id, p, g, gen, STYLE);
            } catch (IOException e) {
                throw new ImportException(List.of("cannot write a temporary file: " + e.getMessage()));
            }
        }

        @Override
        public void finish() {
            if (gen != null) {
                gen.writeEndArray();
                gen.writeEndObject();
                gen.close();
                try {
                    stream.close();
                } catch (IOException e) {
                    throw new ImportException(List.of("cannot write a temporary file: " + e.getMessage()));
                }
            }
        }

        @Override
        public void discard() {
            try {
                if (gen != null) {
                    gen.close();
                }
                if (stream != null) {
                    stream.close();
                }
                if (out != null) {
                    Files.deleteIfExists(out);
                }
            } catch (IOException | RuntimeException e) {
                // a temp file left behind is harmless
            }
            out = null;
        }
    }

    private Plan refused(
            Source source,
            Options options,
            SourceCrs crs,
            String crsHow,
            Map<String, String> mapping,
            List<String> problems,
            List<String> warnings,
            List<String> repairs) {
        return new Plan(
                source,
                options.layerId(),
                options.kind(),
                crs,
                crsHow,
                mapping,
                Map.of(),
                new Envelope(),
                problems,
                warnings,
                repairs,
                null,
                null,
                0);
    }

    static String supported() {
        return "EPSG:4490, EPSG:4326, CRS84, CGCS2000 Gauss-Krüger EPSG:4491–4554, WGS 84 / UTM EPSG:32601–32660 and 32701–32760,"
                + " GCJ-02, BD-09; with an explicit --crs only: Xi'an 1980 (EPSG:4610, 2327–2390) and Beijing 1954 (EPSG:4214,"
                + " 21413–21423, 21473–21483, 2401–2442), approximate";
    }

    private static String shortList(List<String> first, int count) {
        return String.join(", ", first.subList(0, Math.min(LISTED, first.size()))) + (count > LISTED ? ", …" : "");
    }

    private static GeometryKind geometryOf(Map<String, Integer> types) {
        GeometryKind kind = null;
        for (String t : types.keySet()) {
            GeometryKind k = t.endsWith("Polygon")
                    ? GeometryKind.POLYGON
                    : t.endsWith("LineString") ? GeometryKind.LINE : t.endsWith("Point") ? GeometryKind.POINT : null;
            if (k == null || kind != null && kind != k) {
                return null;
            }
            kind = k;
        }
        return kind == null ? GeometryKind.POINT : kind;
    }

    private static String column(List<String> fields, String mapped, List<String> names) {
        if (mapped != null) {
            return fields.contains(mapped) ? mapped : null;
        }
        for (String n : names) {
            for (String f : fields) {
                if (f.trim().equalsIgnoreCase(n)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static double[] lonLat(RawFeature f, String lonField, String latField, String file, List<String> problems) {
        Object lon = f.properties().get(lonField);
        Object lat = f.properties().get(latField);
        try {
            return new double[] {
                Dms.parse(lon == null ? "" : lon.toString(), Dms.Axis.LON),
                Dms.parse(lat == null ? "" : lat.toString(), Dms.Axis.LAT)
            };
        } catch (IllegalArgumentException e) {
            String field = lon == null || isBad(lon, Dms.Axis.LON) ? lonField : latField;
            problems.add(file + ": feature #" + (f.index() + 1) + ": attribute '" + field + "': " + e.getMessage());
            return null;
        }
    }

    private static boolean isBad(Object v, Dms.Axis axis) {
        try {
            Dms.parse(v.toString(), axis);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static JsonNode point(double[] lonLat, SourceCrs.Transform t) {
        if (lonLat == null) {
            return null;
        }
        double[] p = t.apply(lonLat[0], lonLat[1]);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", "Point");
        n.putArray("coordinates").add(p[0]).add(p[1]);
        return n;
    }

    // Source coordinates are lon/lat here only after transform; CSV points are lon/lat (or GCJ-02/BD-09) already
    private JsonNode reproject(JsonNode geometry, SourceCrs.Transform t) {
        ObjectNode copy = (ObjectNode) geometry.deepCopy();
        if (copy.has("coordinates")) {
            copy.set("coordinates", positions(copy.get("coordinates"), t));
        }
        if (copy.has("geometries")) {
            ArrayNode parts = JsonNodeFactory.instance.arrayNode();
            copy.get("geometries").forEach(g -> parts.add(reproject(g, t)));
            copy.set("geometries", parts);
        }
        return copy;
    }

    // A geometry GDAL read (ours to change): every position to CRS84 in place, checked as GeoJson.read checks it
    private static Geometry reproject(Geometry g, SourceCrs.Transform t) {
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                if (seq instanceof PackedCoordinateSequence.Double packed
                        && packed.getDimension() == 2
                        && packed.getMeasures() == 0) {
                    // GDAL's WKB is read into packed x,y arrays: converted where the numbers are
                    double[] xy = packed.getRawCoordinates();
                    t.applyInPlace(xy, 2 * i);
                    GeoJson.checkLonLat(xy[2 * i], xy[2 * i + 1], "geometry");
                    seq.setOrdinate(i, CoordinateSequence.X, xy[2 * i]); // drops the sequence's cached Coordinates
                    return;
                }
                double[] p = t.apply(seq.getX(i), seq.getY(i));
                GeoJson.checkLonLat(p[0], p[1], "geometry");
                seq.setOrdinate(i, CoordinateSequence.X, p[0]);
                seq.setOrdinate(i, CoordinateSequence.Y, p[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        g.setSRID(GeoJson.FACTORY.getSRID());
        return g;
    }

    private static JsonNode positions(JsonNode node, SourceCrs.Transform t) {
        if (!node.isArray() || node.isEmpty()) {
            return node;
        }
        if (node.get(0).isNumber() && node.size() >= 2 && node.get(1).isNumber()) {
            double[] p = t.apply(node.get(0).doubleValue(), node.get(1).doubleValue());
            return JsonNodeFactory.instance.arrayNode().add(p[0]).add(p[1]);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
        node.forEach(c -> out.add(positions(c, t)));
        return out;
    }

    private static void expand(JsonNode node, Envelope e) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            expand(node.get("coordinates"), e);
            expand(node.get("geometries"), e);
        } else if (node.isArray() && !node.isEmpty()) {
            if (node.get(0).isNumber() && node.size() >= 2) {
                e.expandToInclude(node.get(0).doubleValue(), node.get(1).doubleValue());
            } else {
                node.forEach(c -> expand(c, e));
            }
        }
    }

    private static Provenance provenance(Map<String, Object> given, SourceCrs crs, List<String> problems) {
        int before = problems.size();
        Method method = Method.parse(String.valueOf(given.getOrDefault("method", "")));
        if (method == null) {
            problems.add(
                    "layer provenance 'method' missing or unknown: give --method=surveyed|derived|schematic|synthetic");
        }
        for (String field : new String[] {"source", "licence", "accuracy"}) {
            Object v = given.get(field);
            if (v == null || v.toString().isBlank()) {
                problems.add("layer provenance '" + field + "' missing: give --" + field + "=…");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        String accuracy = given.get("accuracy").toString();
        if (crs.approximate()) {
            accuracy = accuracy + "; " + SourceCrs.APPROXIMATE_NOTE;
        }
        boolean authoritative = Boolean.parseBoolean(
                String.valueOf(given.getOrDefault("authoritative", "false")).toLowerCase(Locale.ROOT));
        return new Provenance(
                method,
                given.get("source").toString(),
                given.get("licence").toString(),
                accuracy,
                authoritative && !crs.approximate());
    }
}
