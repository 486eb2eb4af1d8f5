package liuyu.atlas;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads layers into PostGIS, one transaction per layer: the layer row is upserted and the features sent through COPY
 * into a new table of their own, indexed once they are all in and then swapped in as the layer's partition of its
 * kind's table, the old partition dropped whole (migration V36_1), so re-running is safe and leaves no dead rows.
 * Layer files are judged by PostGIS itself ({@code ST_IsValidReason}); one invalid feature rolls the whole layer back.
 */
public final class PostgisImporter {
    public record Imported(String layer, int features, String version) {}

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final DataSourceTransactionManager transactionManager;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration swapPatience;

    private static final Logger LOG = LoggerFactory.getLogger(PostgisImporter.class);

    /** The advisory lock a layer's load holds for its transaction (an arbitrary number, the same in every instance). */
    static final long LOAD_LOCK = 0x6c6975797549L; // "liuyuI"

    /**
     * How long one try to swap a partition in waits for the table. Dropping the old partition needs the table to
     * itself, so it waits for every transaction reading any layer of that kind, and while it waits new readers queue
     * behind it; a try gives up after this moment, lets them through, and tries again, for {@link #SWAP_PATIENCE}.
     */
    static final String SWAP_TRY = "100ms";

    /** How long a load tries to swap its partition in before it gives up and rolls back, naming who held the table. */
    static final Duration SWAP_PATIENCE = Duration.ofMinutes(5);

    public PostgisImporter(DataSource dataSource) {
        this(dataSource, SWAP_PATIENCE);
    }

    /** An importer that gives up a swap after {@code swapPatience} (tests: the default is minutes). */
    PostgisImporter(DataSource dataSource, Duration swapPatience) {
        this.swapPatience = swapPatience;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactionManager = new DataSourceTransactionManager(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Imports every layer in order, telling {@code imported} as each one commits; the first layer PostGIS
     * refuses stops the run with its reasons, and the layers committed before it stay.
     */
    public void importLayers(List<Layer> layers, boolean keepOrder, Consumer<Imported> imported) {
        int position = keepOrder ? 0 : nextPosition();
        for (Layer layer : layers) {
            imported.accept(importLayer(layer, position++));
        }
    }

    /**
     * Replaces the features of layers already in the database, keeping their place in the layer order; one
     * transaction for all of them, so a refused layer leaves every one as it was.
     */
    public List<Imported> replaceFeatures(List<Layer> layers) {
        return transactions.execute(status -> {
            // every layer loaded and indexed first, then all swapped in: a swap holds its table until the commit
            List<Staged> staged = layers.stream()
                    .map(l -> stage(
                            l,
                            jdbc.queryForObject(
                                    "SELECT position FROM atlas_layer WHERE id = ?", Integer.class, l.id())))
                    .toList();
            return staged.stream().map(this::swapIn).toList();
        });
    }

    private int nextPosition() {
        Integer max = jdbc.queryForObject("SELECT max(position) FROM atlas_layer", Integer.class);
        return max == null ? 0 : max + 1;
    }

    /**
     * Starts loading one layer whose features arrive one by one, already checked as start-up checks them (the
     * importer's plan): one transaction, rows sent through COPY as they come. {@link Load#commit} ends it;
     * {@link Load#abort} (or a failure) rolls it back, so a refused layer leaves the database as it was.
     * Geometries are not judged again by PostGIS: JTS's validity test, which the plan ran, is GEOS's.
     */
    public Load load(LayerInfo info) {
        return load(info, false);
    }

    /**
     * As {@link #load(LayerInfo)}; {@code locked}: {@link #lock} already ran in the transaction this importer's
     * connection is in (a {@code SingleConnectionDataSource} with auto-commit off), so only the layer's row is
     * written before the rows come.
     */
    public Load load(LayerInfo info, boolean locked) {
        TransactionStatus tx = transactionManager.getTransaction(new DefaultTransactionDefinition());
        try {
            if (locked) {
                upsertLayer(jdbc, info, nextPosition());
            } else {
                begin(info, nextPosition());
            }
            return new Load(info, tx, new Rows(info));
        } catch (RuntimeException e) {
            transactionManager.rollback(tx);
            throw e;
        }
    }

    /** A layer being loaded: one open transaction and its COPY. */
    public final class Load {
        private final TransactionStatus tx;
        private final Rows rows;
        private boolean done;

        private Load(LayerInfo info, TransactionStatus tx, Rows rows) {
            this.tx = tx;
            this.rows = rows;
        }

        public void add(Feature feature) {
            rows.add(feature);
        }

        /** Ends the rows, writes the layer's final description ({@code info}) and commits. */
        public Imported commit(LayerInfo info) {
            try {
                rows.end();
                upsertLayer(
                        jdbc,
                        info,
                        jdbc.queryForObject("SELECT position FROM atlas_layer WHERE id = ?", Integer.class, info.id()));
                Imported imported = swapIn(index(info, rows, false));
                done = true;
                transactionManager.commit(tx);
                return imported;
            } finally {
                abort();
            }
        }

        /** Rolls everything back (nothing of the layer stays); does nothing after a commit. */
        public void abort() {
            if (!done) {
                done = true;
                rows.cancel();
                transactionManager.rollback(tx);
            }
        }
    }

    // the layer's row, added or updated in place (its features name it)
    private static void upsertLayer(JdbcTemplate jdbc, LayerInfo i, int position) {
        Provenance p = i.provenance();
        jdbc.update(
                """
            INSERT INTO atlas_layer (id, geometry_kind, position, title_en, title_zh, description, method, source,
                                     licence, accuracy, authoritative, valid_from, citation, network_form)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET geometry_kind = excluded.geometry_kind, position = excluded.position,
                title_en = excluded.title_en, title_zh = excluded.title_zh, description = excluded.description,
                method = excluded.method, source = excluded.source, licence = excluded.licence,
                accuracy = excluded.accuracy, authoritative = excluded.authoritative,
                valid_from = excluded.valid_from, citation = excluded.citation, network_form = excluded.network_form""",
                i.id(),
                i.geometry().code(),
                position,
                i.titleEn(),
                i.titleZh(),
                i.description(),
                p.method().code(),
                p.source(),
                p.licence(),
                p.accuracy(),
                p.authoritative(),
                i.validFrom() == null ? null : java.sql.Date.valueOf(i.validFrom()),
                i.citation(),
                i.networkForm());
    }

    private Imported importLayer(Layer layer, int position) {
        return transactions.execute(status -> swapIn(stage(layer, position)));
    }

    /** A layer's rows loaded and indexed in a table of their own, not yet the layer's partition. */
    private record Staged(LayerInfo info, String table, int features) {}

    // a layer file's features, in the open transaction; its geometries were not judged before: PostGIS does
    private Staged stage(Layer layer, int position) {
        begin(layer.info(), position);
        Rows rows = new Rows(layer.info());
        try {
            layer.features().forEach(rows::add);
            rows.end();
        } finally {
            rows.cancel();
        }
        return index(layer.info(), rows, true);
    }

    // inside the layer's transaction: one version bump for the whole layer (at the end), the layer row
    private void begin(LayerInfo i, int position) {
        lock(i.id());
        upsertLayer(jdbc, i, position);
    }

    /**
     * The part of a layer's load that needs only its id: bulk-load mode and the load's lock. Runs in the caller's open
     * transaction (the importer's connection with auto-commit off), which a refusal rolls back: the command starts it
     * while GDAL still reads the file, before the layer's description is known. Returns the layer's number of
     * features until now.
     */
    public int lock(String layer) {
        jdbc.execute("SET LOCAL liuyu.bulk_load = 'on'");
        // one load at a time per database: two would each wait, at their swap, for the table the other holds
        jdbc.execute("SELECT pg_advisory_xact_lock(" + LOAD_LOCK + ")");
        int features = 0;
        for (GeometryKind kind : GeometryKind.values()) {
            features += jdbc.queryForObject(
                    "SELECT count(*) FROM " + PostgisLayerSource.table(kind) + " WHERE layer_id = ?",
                    Integer.class,
                    layer);
        }
        return features;
    }

    // the loaded table judged (layer files only), keyed and indexed as its partition will be: built once, after the
    // rows, which is several times faster than keeping the indexes up to date row by row
    private Staged index(LayerInfo i, Rows rows, boolean judgeValidity) {
        String table = rows.table;
        if (judgeValidity) {
            List<String> invalid = jdbc.query(
                    "SELECT id, ST_IsValidReason(geom) FROM " + table + " WHERE NOT ST_IsValid(geom) ORDER BY position",
                    (rs, k) ->
                            "postgis: layer '" + i.id() + "': feature '" + rs.getString(1) + "': " + rs.getString(2));
            if (!invalid.isEmpty()) {
                throw new AtlasLoadException(invalid);
            }
        }
        try {
            jdbc.execute("ALTER TABLE " + table + " ADD PRIMARY KEY (layer_id, id)");
        } catch (DataAccessException e) {
            throw refused(i, e);
        }
        jdbc.execute("CREATE INDEX ON " + table + " USING gist (geom)");
        PropertyIndexes.build(jdbc, table, rows.keys.pairs());
        return new Staged(i, table, rows.count());
    }

    /**
     * The staged table made the layer's partition of its kind's table, in place of the old one, which is dropped whole
     * as are the layer's partitions of the other kinds' tables (a layer added by hand has one in each, a layer whose
     * geometry kind changed its old one); then the version bump. Dropping a partition waits for the table's readers,
     * a try of {@link #SWAP_TRY} at a time.
     */
    private Imported swapIn(Staged s) {
        LayerInfo i = s.info();
        String parent = PostgisLayerSource.table(i.geometry());
        for (GeometryKind kind : GeometryKind.values()) {
            String table = PostgisLayerSource.table(kind);
            String old = jdbc.queryForObject(
                    "SELECT atlas_layer_partition(?::regclass, ?)::text", String.class, table, i.id());
            if (old != null) {
                whenFree(i, table, "DROP TABLE " + old);
            }
        }
        whenFree(
                i,
                parent,
                "ALTER TABLE " + parent + " ATTACH PARTITION " + s.table() + " FOR VALUES IN ("
                        + PropertyIndexes.literal(i.id()) + ")");
        jdbc.update("UPDATE atlas_layer SET version = version + 1, changed_at = now() WHERE id = ?", i.id());
        Long version = jdbc.queryForObject("SELECT version FROM atlas_layer WHERE id = ?", Long.class, i.id());
        return new Imported(i.id(), s.features(), "v" + version);
    }

    // runs a statement that needs the table, a try of SWAP_TRY at a time under a savepoint, readers let through between
    // tries, until the importer's patience has passed
    private void whenFree(LayerInfo i, String table, String sql) {
        long deadline = System.nanoTime() + swapPatience.toNanos();
        String before = jdbc.queryForObject("SELECT current_setting('lock_timeout')", String.class);
        jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, SWAP_TRY);
        try {
            for (int tries = 1; ; tries++) {
                jdbc.execute("SAVEPOINT liuyu_swap");
                try {
                    jdbc.execute(sql);
                    jdbc.execute("RELEASE SAVEPOINT liuyu_swap");
                    return;
                } catch (DataAccessException e) {
                    jdbc.execute("ROLLBACK TO SAVEPOINT liuyu_swap");
                    if (!lockNotAvailable(e)) {
                        throw refused(i, e);
                    }
                    String holders = holders(table);
                    if (System.nanoTime() > deadline) {
                        throw new AtlasLoadException(List.of("postgis: layer '" + i.id() + "': " + table
                                + " stayed in use for " + swapPatience.toSeconds() + " s, by " + holders));
                    }
                    if (tries == 1) {
                        LOG.info(
                                "layer '{}': waiting for {} to be free to swap the new rows in; in use by {}",
                                i.id(),
                                table,
                                holders);
                    }
                    Thread.sleep(Math.min(1000, 50L * tries));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtlasLoadException(List.of("postgis: layer '" + i.id() + "': interrupted"));
        } finally {
            jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, before);
        }
    }

    // the other sessions holding a lock on the table, as the user would look them up in pg_stat_activity
    private String holders(String table) {
        List<String> sessions = jdbc.query(
                """
            SELECT a.pid, a.application_name, a.state, a.xact_start FROM pg_locks l JOIN pg_stat_activity a USING (pid)
             WHERE l.relation = ?::regclass AND l.granted AND l.pid <> pg_backend_pid() ORDER BY a.xact_start""",
                (rs, k) -> "pid " + rs.getInt(1) + " (" + rs.getString(2) + ", " + rs.getString(3)
                        + ", transaction since " + rs.getTimestamp(4) + ")",
                table);
        return sessions.isEmpty() ? "a session now gone" : String.join(", ", sessions);
    }

    // SQLSTATE 55P03 lock_not_available: what lock_timeout raises
    private static boolean lockNotAvailable(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    // PostgreSQL's refusal (a duplicate id when the key is built, ...) in the words it gave, detail included
    private static AtlasLoadException refused(LayerInfo i, DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        return new AtlasLoadException(List.of("postgis: layer '" + i.id() + "': " + cause.getMessage()));
    }

    /**
     * A feature's properties as JSON text for its jsonb column. Maps of text, booleans, whole numbers and nulls (what
     * the importer reads from most files) are written here, without Jackson's per-call set-up; anything else (real
     * numbers, whose digits Jackson chooses, nested values, text with surrogates) by {@code json}, as before.
     * PostgreSQL parses either into the same jsonb.
     */
    static byte[] jsonText(Map<String, Object> props, JsonMapper json) {
        StringBuilder s = new StringBuilder(64);
        s.append('{');
        for (Map.Entry<String, Object> e : props.entrySet()) {
            Object v = e.getValue();
            if (s.length() > 1) {
                s.append(',');
            }
            if (!string(s, e.getKey())) {
                return json.writeValueAsBytes(props);
            }
            s.append(':');
            if (v instanceof String text) {
                if (!string(s, text)) {
                    return json.writeValueAsBytes(props);
                }
            } else if (v == null || v instanceof Boolean || v instanceof Integer || v instanceof Long) {
                s.append(v);
            } else {
                return json.writeValueAsBytes(props);
            }
        }
        return s.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    // a JSON string; false (nothing to rely on) at a surrogate, which Jackson is left to handle
    private static boolean string(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                s.append(c);
            }
        }
        s.append('"');
        return true;
    }

    /**
     * A layer's features as COPY rows in PostgreSQL's binary format on the transaction's connection: geometry as
     * EWKB bytes, text as UTF-8, no hex or escaping on either side. The provenance fields are columns, the other
     * properties one jsonb value.
     */
    private final class Rows {
        private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
        private static final int EWKB_SRID_FLAG = 0x20000000;

        private final LayerInfo info;
        final String table; // the new table the rows go to, the layer's partition once swapped in
        private final CopyIn copy;
        private final DataOutputStream out;
        private byte[] row = new byte[1 << 12];
        private int len;
        private final WKBWriter wkb = new WKBWriter(2, ByteOrderValues.BIG_ENDIAN);
        private final byte[] layerId;
        private int n;
        // the properties' names and JSON types as sent, for the property indexes (no pass over the stored rows)
        final PropertyIndexes.Keys keys = new PropertyIndexes.Keys();

        Rows(LayerInfo info) {
            this.info = info;
            this.layerId = info.id().getBytes(StandardCharsets.UTF_8);
            this.table = jdbc.queryForObject(
                    "SELECT atlas_layer_stage(?::regclass, ?)::text",
                    String.class,
                    PostgisLayerSource.table(info.geometry()),
                    info.id());
            try {
                Connection c = DataSourceUtils.getConnection(dataSource);
                copy = c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY " + table
                                + " (layer_id, id, position, method, source, licence, accuracy, authoritative,"
                                + " properties, geom) FROM STDIN (FORMAT binary)");
                out = new DataOutputStream(new PGCopyOutputStream(copy, 1 << 16));
                out.write(HEADER);
                out.writeInt(0); // flags
                out.writeInt(0); // header extension length
            } catch (SQLException | IOException e) {
                throw new AtlasLoadException(List.of("postgis: layer '" + info.id() + "': " + e.getMessage()));
            }
        }

        void add(Feature f) {
            Map<String, Object> props = new LinkedHashMap<>(f.properties());
            for (String field : Provenance.FIELDS) {
                props.remove(field);
            }
            keys.add(props);
            Provenance fp = f.provenance();
            len = 0;
            short16(10);
            field(layerId);
            field(f.id().getBytes(StandardCharsets.UTF_8));
            int32(4);
            int32(n++);
            field(fp.method().code().getBytes(StandardCharsets.UTF_8));
            field(fp.source().getBytes(StandardCharsets.UTF_8));
            field(fp.licence().getBytes(StandardCharsets.UTF_8));
            field(fp.accuracy().getBytes(StandardCharsets.UTF_8));
            int32(1);
            room(1);
            row[len++] = (byte) (fp.authoritative() ? 1 : 0);
            byte[] jsonb = jsonText(props, json); // jsonb's binary form: version 1, then the text
            int32(jsonb.length + 1);
            room(1);
            row[len++] = 1;
            put(jsonb, 0, jsonb.length);
            ewkb(f.geometry());
            try {
                out.write(row, 0, len);
            } catch (IOException e) {
                throw failed(e);
            }
        }

        // EWKB, big-endian: the WKB's type word flagged as carrying an SRID, which follows it. Packed polygons (what
        // the importer reads) are written straight from their x,y arrays; anything else through JTS's writer
        private void ewkb(Geometry g) {
            int at = len;
            int32(0); // the field's length, known at the end
            if (g instanceof Polygon p && rings(p)) {
                head(3 | EWKB_SRID_FLAG);
                int32(4326);
                polygon(p);
            } else if (g instanceof MultiPolygon m && rings(m)) {
                head(6 | EWKB_SRID_FLAG);
                int32(4326);
                int32(m.getNumGeometries());
                for (int i = 0; i < m.getNumGeometries(); i++) {
                    head(3);
                    polygon((Polygon) m.getGeometryN(i));
                }
            } else {
                byte[] b = wkb.write(g);
                put(b, 0, 1);
                int32((b[1] & 0xFF) << 24 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 8 | (b[4] & 0xFF) | EWKB_SRID_FLAG);
                int32(4326);
                put(b, 5, b.length - 5);
            }
            int size = len - at - 4;
            row[at] = (byte) (size >>> 24);
            row[at + 1] = (byte) (size >>> 16);
            row[at + 2] = (byte) (size >>> 8);
            row[at + 3] = (byte) size;
        }

        private boolean rings(Geometry g) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Polygon p = (Polygon) g.getGeometryN(i);
                if (p.isEmpty() || PackedGeometry.raw(p.getExteriorRing()) == null) {
                    return false;
                }
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    if (PackedGeometry.raw(p.getInteriorRingN(h)) == null) {
                        return false;
                    }
                }
            }
            return true;
        }

        private void head(int type) {
            room(1);
            row[len++] = 0; // big-endian
            int32(type);
        }

        private void polygon(Polygon p) {
            int32(1 + p.getNumInteriorRing());
            ring(PackedGeometry.raw(p.getExteriorRing()));
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                ring(PackedGeometry.raw(p.getInteriorRingN(h)));
            }
        }

        private void ring(double[] xy) {
            int32(xy.length / 2);
            room(8 * xy.length);
            for (double d : xy) {
                long v = Double.doubleToLongBits(d);
                row[len++] = (byte) (v >>> 56);
                row[len++] = (byte) (v >>> 48);
                row[len++] = (byte) (v >>> 40);
                row[len++] = (byte) (v >>> 32);
                row[len++] = (byte) (v >>> 24);
                row[len++] = (byte) (v >>> 16);
                row[len++] = (byte) (v >>> 8);
                row[len++] = (byte) v;
            }
        }

        // the row is built in one array (big-endian lengths, as the binary format has them) and written at once
        private void field(byte[] b) {
            int32(b.length);
            put(b, 0, b.length);
        }

        private void short16(int v) {
            room(2);
            row[len++] = (byte) (v >>> 8);
            row[len++] = (byte) v;
        }

        private void int32(int v) {
            room(4);
            row[len++] = (byte) (v >>> 24);
            row[len++] = (byte) (v >>> 16);
            row[len++] = (byte) (v >>> 8);
            row[len++] = (byte) v;
        }

        private void put(byte[] b, int from, int count) {
            room(count);
            System.arraycopy(b, from, row, len, count);
            len += count;
        }

        private void room(int more) {
            if (len + more > row.length) {
                row = java.util.Arrays.copyOf(row, Math.max(row.length * 2, len + more));
            }
        }

        int count() {
            return n;
        }

        void end() {
            try {
                out.writeShort(-1); // the binary format's trailer
                out.close(); // flushes and ends the COPY: PostgreSQL's refusal of a row surfaces here
            } catch (IOException e) {
                throw failed(e);
            }
        }

        void cancel() {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException e) {
                    // the transaction is rolled back anyway
                }
            }
        }

        private AtlasLoadException failed(IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new AtlasLoadException(List.of("postgis: layer '" + info.id() + "': " + cause.getMessage()));
        }
    }
}
