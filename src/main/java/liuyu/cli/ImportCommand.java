package liuyu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import liuyu.atlas.AtlasLoadException;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.imports.AtlasWriter;
import liuyu.imports.Gdal;
import liuyu.imports.ImportException;
import liuyu.imports.LayerImport;
import liuyu.imports.LayerKind;
import liuyu.imports.SourceReader;
import liuyu.storage.Migrations;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code import}: a layer from any vector file GDAL reads (GeoJSON also without GDAL) into an atlas directory
 * or PostGIS, in any supported Chinese CRS and encoding; or, without FILE, a whole atlas directory into
 * PostGIS. Exit codes: 0 done (or dry run), 1 refused (nothing written), 2 usage.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Import a layer from FILE (Shapefile, GeoPackage, FileGDB, KML/KMZ, GeoJSON, DXF, CSV/XLSX points, any"
                    + " vector format GDAL reads) into an atlas directory or PostGIS; or, without FILE, an atlas"
                    + " directory into PostGIS.",
            "A refused import writes nothing. See docs/import.md."
        },
        exitCodeOnInvalidInput = 2)
public final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the source file (a directory for FileGDB)")
    Path file;

    @Option(
            names = "--layer",
            paramLabel = "ID",
            description = "the layer id to create or replace (default: from the file name)")
    String layer;

    @Option(
            names = "--atlas",
            paramLabel = "DIR",
            description = "atlas directory to write into (default gis); with --db-url and no"
                    + " FILE, the atlas to load into PostGIS")
    Path atlas;

    @Option(
            names = "--db-url",
            paramLabel = "URL",
            description = "jdbc:postgresql://host:port/db (or LIUYU_DB_URL): import into PostGIS")
    String dbUrl;

    @Option(
            names = "--db-user",
            paramLabel = "USER",
            description = "database user (or LIUYU_DB_USER; default postgres)")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", description = "database password (or LIUYU_DB_PASSWORD)")
    String dbPassword;

    @Option(
            names = "--crs",
            paramLabel = "CRS",
            description = "the source CRS, overriding what the file declares: EPSG:4548, GCJ-02, BD-09, …")
    String crs;

    @Option(
            names = "--encoding",
            paramLabel = "NAME",
            description = "attribute encoding (GBK, GB18030, UTF-8…); default: .cpg, else detected")
    String encoding;

    @Option(
            names = "--map",
            paramLabel = "TARGET=SOURCE",
            description = "take attribute TARGET from the file's SOURCE"
                    + " (id, nameZh, nameEn, lon, lat, level, type, …); repeatable")
    List<String> maps = new ArrayList<>();

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "YAML with map: {target: source} and any of these options, for repeated imports")
    Path mappingFile;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description =
                    "zones, rivers, sections, outfalls, lines or points (default: from the layer id and geometry)")
    String kind;

    @Option(names = "--source-layer", paramLabel = "NAME", description = "the layer inside a file that holds several")
    String sourceLayer;

    @Option(names = "--title-en", paramLabel = "TEXT")
    String titleEn;

    @Option(names = "--title-zh", paramLabel = "TEXT")
    String titleZh;

    @Option(
            names = "--description",
            paramLabel = "TEXT",
            description = "default: where the layer came from, its CRS and transformation")
    String description;

    @Option(
            names = "--method",
            paramLabel = "METHOD",
            description = "layer provenance: surveyed, derived, schematic or synthetic")
    String method;

    @Option(names = "--source", paramLabel = "TEXT", description = "layer provenance: where the data came from")
    String source;

    @Option(names = "--licence", paramLabel = "TEXT", description = "layer provenance: the licence")
    String licence;

    @Option(names = "--accuracy", paramLabel = "TEXT", description = "layer provenance: how accurate it is")
    String accuracy;

    @Option(
            names = "--authoritative",
            arity = "0..1",
            paramLabel = "true|false",
            description = "layer provenance: an official, binding source")
    Boolean authoritative;

    @Option(names = "--dry-run", description = "report what would be imported and replaced; write nothing")
    boolean dryRun;

    @Option(names = "--make-valid", description = "repair invalid polygons (each repair is reported)")
    boolean makeValid;

    private final Map<String, String> env;

    public ImportCommand(Map<String, String> env) {
        this.env = env;
    }

    /** Runs the command as the jar does; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, java.io.PrintStream out, java.io.PrintStream err) {
        String[] all = new String[args.length + 1];
        all[0] = "import";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.run(
                all,
                env,
                new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(err, java.nio.charset.StandardCharsets.UTF_8), true));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            applyMappingFile();
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return 2;
        }
        String url = dbUrl != null ? dbUrl : atlas == null ? env.get("LIUYU_DB_URL") : null;
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            err.println(
                    "import: --db-url=jdbc:postgresql://host:port/database (or LIUYU_DB_URL) is required for PostGIS");
            return 2;
        }
        if (file == null) {
            if (url == null) {
                err.println("import: give a FILE to import, or --db-url=jdbc:postgresql://host:port/database"
                        + " (or LIUYU_DB_URL)"
                        + " to load an atlas directory into PostGIS; see --help");
                return 2;
            }
            return wholeAtlas(url, out, err);
        }
        if (dbUrl != null && atlas != null) {
            err.println("import: give one target: --atlas=DIR or --db-url=URL");
            return 2;
        }
        LayerKind layerKind = null;
        if (kind != null) {
            layerKind = LayerKind.parse(kind);
            if (layerKind == null) {
                err.println("import: --kind must be zones, rivers, sections, outfalls, lines or points, got '" + kind
                        + "'");
                return 2;
            }
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String m : maps) {
            int eq = m.indexOf('=');
            if (eq <= 0 || eq == m.length() - 1) {
                err.println("import: --map takes TARGET=SOURCE (e.g. --map nameZh=名称), got '" + m + "'");
                return 2;
            }
            mapping.put(m.substring(0, eq).trim(), m.substring(eq + 1).trim());
        }
        String id = layer != null ? layer : idFromFileName(file);
        if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            err.println("import: --layer=ID is required (lower-case letters and digits joined by hyphens,"
                    + " e.g. protection-zones)"
                    + (id == null ? "" : "; got '" + id + "'"));
            return 2;
        }
        Path atlasDir = atlas != null ? atlas : Path.of("gis");
        try {
            String replaces;
            if (isLayerFile(file)) {
                Layer l = new AtlasLoader()
                        .readLayerFile(file, url == null); // PostGIS judges validity itself (ST_IsValidReason)
                replaces = url == null
                        ? describe(new AtlasWriter(atlasDir).existing(l.id()), atlasDir, l.id())
                        : describeDb(url, l.id());
                out.println("import " + file + " → layer '" + l.id() + "' (a Liuyu layer file: taken as written), "
                        + l.features().size() + " features");
                out.println("  " + replaces);
                if (dryRun) {
                    out.println("dry run: nothing written");
                    return 0;
                }
                if (url == null) {
                    new AtlasWriter(atlasDir).write(l.info(), file);
                    out.println(imported(l.id(), l.features().size(), atlasDir));
                } else {
                    DriverManagerDataSource db = dataSource(url);
                    Migrations.postgis(db).migrate();
                    new PostgisImporter(db).importLayers(List.of(l), false, i -> out.println(imported(i)));
                }
                return 0;
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            AtlasWriter.Existing existing = url == null ? new AtlasWriter(atlasDir).existing(id) : null;
            if (existing != null) {
                provenance.putAll(existing.provenance());
            }
            putIf(provenance, "method", method);
            putIf(provenance, "source", source);
            putIf(provenance, "licence", licence);
            putIf(provenance, "accuracy", accuracy);
            putIf(provenance, "authoritative", authoritative);
            // into PostGIS for real, the early thread asks (see PostgisSink), as it takes the load's lock
            replaces = url == null ? describe(existing, atlasDir, id) : dryRun ? describeDb(url, id) : null;
            LayerImport.Options options = new LayerImport.Options(
                    id, layerKind, crs, mapping, makeValid, titleEn, titleZh, description, provenance);
            // into PostGIS, rows go through COPY as they pass the checks, in one transaction committed only
            // after the whole file passed; a dry run or an atlas directory gets a checked layer file first
            PostgisSink postgis = null;
            if (url != null && !dryRun) {
                postgis = new PostgisSink(dataSource(url), id, () -> describeDb(url, id));
            }
            LayerImport.Plan plan = null;
            try {
                try (SourceReader.Source src = new SourceReader(Gdal.onPath()).read(file, sourceLayer, encoding)) {
                    plan = postgis == null
                            ? new LayerImport().plan(src, options)
                            : new LayerImport().plan(src, options, postgis);
                }
                report(plan, postgis != null ? postgis.replaces() : replaces, out);
                if (plan.refused()) {
                    err.println("import refused; nothing was written ("
                            + plan.problems().size() + " problem"
                            + (plan.problems().size() == 1 ? "" : "s") + "):");
                    plan.problems().forEach(p -> err.println("  " + p));
                    return 1;
                }
                if (dryRun) {
                    out.println("dry run: nothing written");
                    return 0;
                }
                if (postgis == null) {
                    new AtlasWriter(atlasDir).write(plan.info(), plan.geojson());
                    out.println(imported(id, plan.features(), atlasDir));
                } else {
                    out.println(imported(postgis.commit(plan.info())));
                }
                return 0;
            } finally {
                if (postgis != null) {
                    postgis.discard(); // rolls back unless committed
                }
                if (plan != null && plan.geojson() != null) {
                    Files.deleteIfExists(plan.geojson());
                }
            }
        } catch (ImportException e) {
            err.println("import refused; nothing was written:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        } catch (AtlasLoadException e) {
            err.println("import refused; nothing was written:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        } catch (IOException e) {
            err.println("import: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The plan's checked features into PostGIS as they come (one transaction; see PostgisImporter#load). While GDAL
     * still looks at the file and converts its first features, a second thread checks the schema with Flyway and,
     * if it is current, opens the layer's transaction and takes the load's lock in it ({@link PostgisImporter#lock}),
     * counting the features the import replaces: waits and queries that overlap GDAL's work instead of following
     * it. A refusal rolls that transaction back; a schema that needs migrating is migrated only at the first
     * feature that passed its checks, as before, so a file refused before it leaves the database untouched.
     */
    private static final class PostgisSink implements LayerImport.Sink {
        private final DriverManagerDataSource db;
        private final CompletableFuture<String> replaces = new CompletableFuture<>();
        private final CompletableFuture<Early> early;
        private PostgisImporter.Load load;
        private boolean discarded;

        /**
         * The early thread's outcome: the connection whose transaction holds the load's lock and what the import replaces, or
         * both null (schema not current).
         */
        private record Early(java.sql.Connection connection, String replaces) {}

        PostgisSink(DriverManagerDataSource db, String layer, java.util.function.Supplier<String> describe) {
            this.db = db;
            // one thread, in this order: the schema check, then the load's lock and the count of what the import
            // replaces
            this.early = CompletableFuture.supplyAsync(
                    () -> {
                        Early e = null;
                        try {
                            e = prepare(db, layer);
                            return e;
                        } finally {
                            try {
                                // counted under the lock when it was taken; else asked as a dry run asks
                                replaces.complete(e != null && e.replaces() != null ? e.replaces() : describe.get());
                            } catch (RuntimeException | Error x) {
                                replaces.completeExceptionally(x);
                            }
                        }
                    },
                    runnable -> {
                        Thread t = new Thread(runnable, "liuyu-import-db");
                        t.setDaemon(true);
                        t.start();
                    });
        }

        private static Early prepare(DriverManagerDataSource db, String layer) {
            org.flywaydb.core.Flyway flyway = Migrations.postgis(db);
            // what migrate() checks before doing nothing: a valid history and nothing pending (a pending migration
            // fails
            // validation; an empty database has every one pending)
            if (!flyway.validateWithResult().validationSuccessful) {
                return new Early(null, null);
            }
            java.sql.Connection c = null;
            try {
                c = db.getConnection();
                c.setAutoCommit(false);
                org.springframework.jdbc.datasource.SingleConnectionDataSource one =
                        new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true);
                boolean exists = Boolean.TRUE.equals(new JdbcTemplate(one)
                        .queryForObject(
                                "SELECT EXISTS (SELECT 1 FROM atlas_layer WHERE id = ?)", Boolean.class, layer));
                // the load's lock, taken while GDAL reads the file, counts the features the import replaces
                int features = new PostgisImporter(one).lock(layer);
                return new Early(c, replacesText(layer, exists ? features : null));
            } catch (java.sql.SQLException | RuntimeException e) {
                close(c);
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }

        private static void close(java.sql.Connection c) {
            if (c != null) {
                try {
                    c.rollback();
                } catch (java.sql.SQLException e) {
                    // closing rolls back anyway
                }
                try {
                    c.close();
                } catch (java.sql.SQLException e) {
                    // nothing more to do
                }
            }
        }

        /** What the report says the import replaces (describeDb never fails: it says so when it cannot ask). */
        String replaces() {
            return replaces.join();
        }

        private Early early() {
            try {
                return early.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        // at the first feature that passed its checks: a file refused before it leaves the database untouched
        @Override
        public void open(liuyu.atlas.LayerInfo layer) {
            Early e = early();
            if (e.connection() == null) {
                Migrations.postgis(db).migrate();
                load = new PostgisImporter(db).load(layer);
            } else {
                load = new PostgisImporter(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                                e.connection(), true))
                        .load(layer, true);
            }
        }

        @Override
        public void add(String id, Map<String, Object> properties, Geometry geometry, Feature feature) {
            load.add(feature);
        }

        @Override
        public void finish() {}

        @Override
        public void discard() {
            if (load != null) {
                load.abort();
            }
            if (!discarded) {
                discarded = true;
                Early e;
                try {
                    e = early.join();
                } catch (RuntimeException failed) {
                    return; // the early thread closed its connection
                }
                close(e.connection()); // rolled back unless committed; the connection is done with either way
            }
        }

        PostgisImporter.Imported commit(liuyu.atlas.LayerInfo info) {
            return load.commit(info);
        }
    }

    private static String imported(String id, int features, Path atlasDir) {
        return "imported " + id + ": " + features + " features into " + atlasDir.resolve(AtlasLoader.MANIFEST)
                + " (a running service takes it on POST /admin/atlas/reload)";
    }

    private static String imported(PostgisImporter.Imported i) {
        return "imported " + i.layer() + ": " + i.features() + " features, version " + i.version()
                + " (running services pick it up at their next poll)";
    }

    private int wholeAtlas(String url, PrintWriter out, PrintWriter err) {
        Path dir = atlas != null ? atlas : Path.of("gis");
        try {
            DriverManagerDataSource db = dataSource(url);
            List<Layer> layers =
                    new ArrayList<>(new AtlasLoader().read(dir, false).layers());
            if (dryRun) {
                layers.forEach(l -> out.println("would import " + l.id() + ": "
                        + l.features().size() + " features; " + describeDb(url, l.id())));
                out.println("dry run: nothing written");
                return 0;
            }
            Migrations.postgis(db).migrate();
            new PostgisImporter(db)
                    .importLayers(
                            layers,
                            true,
                            i -> out.println("imported " + i.layer() + ": " + i.features() + " features, version "
                                    + i.version()));
            return 0;
        } catch (AtlasLoadException e) {
            err.println("import refused; nothing of the refused layer was written:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        }
    }

    private DriverManagerDataSource dataSource(String url) {
        String user = dbUser != null ? dbUser : env.getOrDefault("LIUYU_DB_USER", "postgres");
        String password = dbPassword != null ? dbPassword : env.getOrDefault("LIUYU_DB_PASSWORD", "");
        DriverManagerDataSource db = new DriverManagerDataSource(url, user, password);
        java.util.Properties props = new java.util.Properties();
        props.setProperty("reWriteBatchedInserts", "true"); // PgJDBC sends each batch of rows as multi-row INSERTs
        db.setConnectionProperties(props);
        return db;
    }

    private static String describe(AtlasWriter.Existing existing, Path dir, String id) {
        if (existing == null) {
            return "a real run adds layer '" + id + "' to " + dir.resolve(AtlasLoader.MANIFEST) + " (file layers/" + id
                    + ".geojson)";
        }
        return "a real run replaces layer '" + id + "' in " + dir.resolve(AtlasLoader.MANIFEST) + " ("
                + existing.features() + " features in " + existing.file() + ")";
    }

    private String describeDb(String url, String id) {
        try {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource(url));
            Boolean exists = jdbc.queryForObject("SELECT to_regclass('atlas_layer') IS NOT NULL", Boolean.class);
            Integer n = Boolean.TRUE.equals(exists)
                    ? jdbc.queryForObject(
                            "SELECT (SELECT count(*) FROM zone_feature WHERE layer_id = ?)"
                                    + " + (SELECT count(*) FROM line_feature WHERE layer_id = ?)"
                                    + " + (SELECT count(*) FROM point_feature WHERE layer_id = ?)"
                                    + " WHERE EXISTS (SELECT 1 FROM atlas_layer WHERE id = ?)",
                            Integer.class,
                            id,
                            id,
                            id,
                            id)
                    : null;
            return replacesText(id, n);
        } catch (org.springframework.dao.EmptyResultDataAccessException e) {
            return "a real run adds layer '" + id + "' to PostGIS";
        } catch (RuntimeException e) {
            return "PostGIS not reachable to say what a real run would replace: " + e.getMessage();
        }
    }

    /** The report's line on what a PostGIS import replaces: {@code features} of the layer, null when it is new. */
    private static String replacesText(String id, Integer features) {
        return features == null
                ? "a real run adds layer '" + id + "' to PostGIS"
                : "a real run replaces layer '" + id + "' in PostGIS (" + features + " features)";
    }

    private static void report(LayerImport.Plan plan, String replaces, PrintWriter out) {
        SourceReader.Source s = plan.source();
        out.println("import " + s.file() + " → layer '" + plan.layerId() + "'"
                + (plan.kind() == null ? "" : " (" + plan.kind().code() + ")"));
        out.println("  format: " + s.format() + (s.layer() == null ? "" : ", layer '" + s.layer() + "'"));
        out.println("  encoding: " + s.encoding() + ", " + s.encodingHow());
        out.println("  CRS: " + (plan.crs() == null ? "none usable" : plan.crs().label() + ", " + plan.crsHow()));
        if (plan.crs() != null) {
            out.println("  transformation to CRS84: " + plan.crs().transformation());
        }
        out.println("  features: " + s.count()
                + (plan.geometryTypes().isEmpty() ? "" : "; geometry types: " + plan.geometryTypes()));
        if (!plan.bbox().isNull()) {
            out.printf(
                    Locale.ROOT,
                    "  bbox (CRS84): %.6f, %.6f, %.6f, %.6f%n",
                    plan.bbox().getMinX(),
                    plan.bbox().getMinY(),
                    plan.bbox().getMaxX(),
                    plan.bbox().getMaxY());
        }
        out.println("  attributes: " + s.fields() + (plan.mapping().isEmpty() ? "" : "; mapped " + plan.mapping()));
        plan.repairs().forEach(r -> out.println("  repaired: " + r));
        plan.warnings().forEach(w -> out.println("  warning: " + w));
        plan.problems().forEach(p -> out.println("  problem: " + p));
        out.println("  " + replaces);
    }

    private static boolean isLayerFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(n.endsWith(".geojson") || n.endsWith(".json")) || !Files.isRegularFile(f)) {
            return false;
        }
        try {
            return JsonMapper.builder()
                    .build()
                    .readTree(f.toFile())
                    .path("layer")
                    .isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static String idFromFileName(Path f) {
        String n = f.getFileName().toString();
        int dot = n.indexOf('.');
        String base =
                (dot > 0 ? n.substring(0, dot) : n).toLowerCase(Locale.ROOT).replace('_', '-');
        return base.matches("[a-z0-9]+(-[a-z0-9]+)*") ? base : null;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static final Set<String> MAPPING_KEYS = Set.of(
            "map",
            "layer",
            "kind",
            "crs",
            "encoding",
            "sourceLayer",
            "titleEn",
            "titleZh",
            "description",
            "method",
            "source",
            "licence",
            "accuracy",
            "authoritative");

    // The mapping file gives defaults; options on the command line win.
    private void applyMappingFile() {
        if (mappingFile == null) {
            return;
        }
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(Files.readString(mappingFile));
        } catch (IOException | JacksonException e) {
            throw new IllegalArgumentException("--mapping: " + mappingFile + " cannot be read: " + e.getMessage());
        }
        for (String key : root.propertyNames()) {
            if (!MAPPING_KEYS.contains(key)) {
                throw new IllegalArgumentException("--mapping: " + mappingFile + ": unknown key '" + key + "' (known: "
                        + String.join(", ", MAPPING_KEYS.stream().sorted().toList()) + ")");
            }
        }
        List<String> fromFile = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.path("map").properties()) {
            fromFile.add(e.getKey() + "=" + e.getValue().asString());
        }
        fromFile.addAll(maps);
        maps = fromFile;
        layer = layer != null ? layer : root.path("layer").asString(null);
        kind = kind != null ? kind : root.path("kind").asString(null);
        crs = crs != null ? crs : root.path("crs").asString(null);
        encoding = encoding != null ? encoding : root.path("encoding").asString(null);
        sourceLayer =
                sourceLayer != null ? sourceLayer : root.path("sourceLayer").asString(null);
        titleEn = titleEn != null ? titleEn : root.path("titleEn").asString(null);
        titleZh = titleZh != null ? titleZh : root.path("titleZh").asString(null);
        description =
                description != null ? description : root.path("description").asString(null);
        method = method != null ? method : root.path("method").asString(null);
        source = source != null ? source : root.path("source").asString(null);
        licence = licence != null ? licence : root.path("licence").asString(null);
        accuracy = accuracy != null ? accuracy : root.path("accuracy").asString(null);
        if (authoritative == null && root.has("authoritative")) {
            authoritative = root.path("authoritative").asBoolean();
        }
    }
}
