package liuyu.atlas;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded atlas directory kept as one binary file, so a restart skips parsing and checking the GeoJSON and deriving
 * the zone index (its trees, outlines in metres, cut pieces and piece rasters are read). The file is reused only while
 * the sources are those it was built from (the manifest's SHA-256 and every layer file's version, the digest the
 * loader takes while reading; a layer file whose {@link Stamp} — size, times, inode — is the one recorded with that
 * version is not digested again), and only when it is whole (CRC32C over every byte) and of this format version;
 * otherwise it is logged, rebuilt from the sources, and never served. Layout: magic, format version, sources (atlas
 * directory, skip option, manifest digest, each layer file and its version), the atlas (layers, features, properties,
 * packed coordinates, the zone index's parts), the features left out under the skip option, and the CRC32C of all
 * that. Read memory-mapped, so at most {@link #MAX_BYTES}.
 */
public final class AtlasSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasSnapshot.class);
    static final byte[] MAGIC = "LIUYUATL".getBytes(StandardCharsets.US_ASCII);
    /**
     * Raised whenever the layout or what the loader derives from the sources changes: older files are rebuilt (the
     * version is checked before anything after it is read). 4: the piece rasters after the piece tree. 5: every zone's
     * outline in one array, as the index keeps them, each zone naming where its own starts.
     */
    static final int FORMAT = 5;

    static final long MAX_BYTES = Integer.MAX_VALUE;

    /** An atlas as start-up got it, the features its loader left out, and the snapshot file it came from (or null). */
    public record Loaded(Atlas atlas, List<AtlasLoader.SkippedFeature> skipped, Path fromSnapshot) {}

    /** Why a snapshot file is not used. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private AtlasSnapshot() {}

    /** The snapshot file of {@code atlasDir} in {@code snapshotDir}: one per atlas directory (by absolute path). */
    public static Path fileFor(Path snapshotDir, Path atlasDir) {
        return snapshotDir.resolve(
                "atlas-" + AtlasLoader.digest(absolute(atlasDir).getBytes(StandardCharsets.UTF_8)) + ".snapshot");
    }

    private static String absolute(Path dir) {
        return dir.toAbsolutePath().normalize().toString();
    }

    /**
     * The atlas from its snapshot file when that matches the sources; otherwise loaded from the sources (a broken
     * atlas refuses as always) and written to a new snapshot file. A snapshot that cannot be written is logged.
     */
    public static Loaded loadOrBuild(Path atlasDir, Path snapshotDir, boolean skipInvalidFeatures) {
        Path file = fileFor(snapshotDir, atlasDir);
        if (Files.exists(file)) {
            try {
                return read(file, atlasDir, skipInvalidFeatures);
            } catch (Rejected e) {
                LOG.warn("atlas snapshot {} not used ({}): loading {} again", file, e.getMessage(), atlasDir);
            }
        }
        // the manifest is digested before the load: if it changes meanwhile, the snapshot names the older one (stale)
        byte[] manifest = manifestDigest(atlasDir);
        AtlasLoader loader = new AtlasLoader(skipInvalidFeatures);
        Atlas atlas = loader.load(atlasDir);
        if (manifest != null) {
            try {
                write(file, atlasDir, skipInvalidFeatures, manifest, atlas, loader.skipped());
                LOG.info("atlas snapshot written to {} ({} bytes)", file, Files.size(file));
            } catch (IOException | RuntimeException e) {
                LOG.warn("atlas snapshot not written to {}: {}", file, e.toString());
            }
        }
        return new Loaded(atlas, loader.skipped(), null);
    }

    private static byte[] manifestDigest(Path atlasDir) {
        try {
            return sha256(Files.readAllBytes(atlasDir.resolve(AtlasLoader.MANIFEST)));
        } catch (IOException e) {
            return null; // the loader reports the unreadable manifest
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- writing

    static void write(
            Path file,
            Path atlasDir,
            boolean skipInvalidFeatures,
            byte[] manifestDigest,
            Atlas atlas,
            List<AtlasLoader.SkippedFeature> skipped)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        // written beside and moved into place: a reader (another instance, a crash) never sees half a file
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(temp)) {
                CheckedOutputStream checked = new CheckedOutputStream(raw, new CRC32C());
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(checked, 1 << 16));
                out.write(MAGIC);
                out.writeInt(FORMAT);
                string(out, absolute(atlasDir));
                out.writeBoolean(skipInvalidFeatures);
                out.writeInt(manifestDigest.length);
                out.write(manifestDigest);
                out.writeInt(atlas.layers().size());
                Stamp[] stamps = stamps(List.copyOf(atlas.layers()));
                int l = 0;
                for (Layer layer : atlas.layers()) {
                    string(out, layer.info().origin());
                    string(out, layer.info().version());
                    Stamp stamp = stamps[l++];
                    out.writeBoolean(stamp != null);
                    if (stamp != null) {
                        out.writeLong(stamp.size());
                        out.writeLong(stamp.modified());
                        out.writeLong(stamp.changed());
                        out.writeLong(stamp.inode());
                        out.writeLong(stamp.device());
                    }
                }
                string(out, atlas.id());
                string(out, atlas.title());
                string(out, atlas.version());
                out.writeBoolean(atlas.demo());
                out.writeInt(atlas.layers().size());
                for (Layer layer : atlas.layers()) {
                    sized(out, o -> layer(o, layer));
                }
                zones(out, atlas);
                out.writeInt(skipped.size());
                for (AtlasLoader.SkippedFeature s : skipped) {
                    string(out, s.layer());
                    string(out, s.feature());
                    string(out, s.reason());
                }
                out.flush();
                long crc = checked.getChecksum().getValue();
                new DataOutputStream(raw).writeLong(crc);
            }
            if (Files.size(temp) > MAX_BYTES) {
                throw new IOException("the snapshot would be " + Files.size(temp) + " bytes, more than the " + MAX_BYTES
                        + " one file maps");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A file's size, modification and change times (nanoseconds), inode and device: what start-up compares before
     * it trusts a layer file to be the one the snapshot was built from without digesting it again. The change time
     * (ctime) moves with every write, rename or attribute change and no program can set it back; an edit that keeps
     * the size and restores the modification time still moves it, and a file replaced by another has another inode.
     */
    record Stamp(long size, long modified, long changed, long inode, long device) {
        /**
         * A stamp is kept only for a file neither written nor changed in the last seconds before it was taken: a
         * write within the file system's timestamp granularity after the stamp could otherwise leave every field as
         * it was (as Git's "racy clean" files). Coarser than any local file system's granularity (FAT's is 2 s).
         */
        static final long SETTLED_MILLIS = 3_000;

        /** The file's stamp; null where the file system gives no change time or inode (then it is always digested). */
        static Stamp of(Path file) {
            try {
                Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev");
                return new Stamp(
                        (Long) a.get("size"),
                        ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime"))
                                .to(java.util.concurrent.TimeUnit.NANOSECONDS),
                        ((java.nio.file.attribute.FileTime) a.get("ctime"))
                                .to(java.util.concurrent.TimeUnit.NANOSECONDS),
                        (Long) a.get("ino"),
                        (Long) a.get("dev"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                return null;
            }
        }

        /** Whether both times were at least {@link #SETTLED_MILLIS} before {@code takenAtMillis}. */
        boolean settled(long takenAtMillis) {
            long limit = (takenAtMillis - SETTLED_MILLIS) * 1_000_000L;
            return modified < limit && changed < limit;
        }
    }

    /**
     * Each layer file's stamp, taken before the file is digested once more: kept (non-null) only when that digest is
     * the version the layer was loaded with (the file did not change since the load, nor while being stamped: a
     * later write moves its change time) and the file had settled ({@link Stamp#settled}). One layer per core.
     */
    private static Stamp[] stamps(List<Layer> layers) {
        Stamp[] stamps = new Stamp[layers.size()];
        IntStream.range(0, layers.size()).parallel().forEach(l -> {
            LayerInfo info = layers.get(l).info();
            if (info.origin() == null) {
                return;
            }
            Path file = Path.of(info.origin());
            long takenAt = System.currentTimeMillis();
            Stamp stamp = Stamp.of(file);
            if (stamp != null && stamp.settled(takenAt)) {
                String digested = AtlasLoader.fileVersion(file);
                stamps[l] = digested != null && digested.equals(info.version()) ? stamp : null;
            }
        });
        return stamps;
    }

    private static void layer(DataOutputStream out, Layer layer) throws IOException {
        LayerInfo i = layer.info();
        string(out, i.id());
        string(out, i.titleEn());
        string(out, i.titleZh());
        string(out, i.description());
        string(out, i.geometry().code());
        provenance(out, i.provenance());
        string(out, i.version());
        string(out, i.validFrom() == null ? null : i.validFrom().toString());
        string(out, i.citation());
        string(out, i.origin());
        string(out, i.networkForm());
        out.writeInt(layer.features().size());
        for (Feature f : layer.features()) {
            string(out, f.id());
            if (f.provenance() == i.provenance()) {
                out.writeBoolean(false);
            } else {
                out.writeBoolean(true);
                provenance(out, f.provenance());
            }
            value(out, f.properties());
            geometry(out, f.geometry());
        }
        tree(out, layer.envelopeTree());
    }

    private static void tree(DataOutputStream out, PackedRTree tree) throws IOException {
        out.writeInt(tree.size());
        ints(out, tree.levelEnds());
        ints(out, tree.refs());
        out.writeInt(tree.boxes().length);
        for (double d : tree.boxes()) {
            out.writeDouble(d);
        }
    }

    private static void ints(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static void longs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    /**
     * What the zone index derived from each zone of each polygon layer (its outline in metres, its pieces), so a
     * restart neither projects nor cuts: the piece tree and every piece's raster (in the tree's order), each layer's
     * tree in metres, the array of every zone's outline as the index keeps it (in the order of the piece tree), then
     * per zone where its outline starts in that array and its ring ends, then its pieces, either "the zone's own
     * polygons" (a zone small enough) or each piece's rings.
     */
    private static void zones(DataOutputStream out, Atlas atlas) throws IOException {
        tree(out, atlas.zones().pieceTree());
        longs(out, atlas.zones().pieceRasters());
        for (PackedRTree metric : atlas.zones().metricTrees()) {
            tree(out, metric);
        }
        double[] outlines = atlas.zones().outlineStore();
        if (outlines == null) {
            // more than 2^31 doubles of outlines: a file of more than 16 GB, far above what one file maps
            throw new IOException("the zones' outlines do not fit one array");
        }
        out.writeInt(outlines.length);
        for (double v : outlines) {
            out.writeDouble(v);
        }
        for (Layer layer : atlas.layers()) {
            if (layer.info().geometry() == GeometryKind.POLYGON) {
                sized(out, o -> derivedZones(o, atlas, layer));
            }
        }
    }

    private interface Section {
        void write(DataOutputStream out) throws IOException;
    }

    /**
     * A section preceded by its length in bytes, so a reader can hand each layer to its own core. The section is
     * written twice, counted first and then for real, rather than held in memory to be measured: a layer of 250,000
     * zones is 160 MB, which would sit on top of the atlas just loaded (BENCHMARKS.md, the 1M atlas's peak heap).
     */
    private static void sized(DataOutputStream out, Section section) throws IOException {
        DataOutputStream counted = new DataOutputStream(OutputStream.nullOutputStream());
        section.write(counted);
        int length = counted.size();
        out.writeInt(length);
        DataOutputStream written = new DataOutputStream(out);
        section.write(written);
        if (written.size() != length) {
            throw new IOException("a section of " + written.size() + " bytes, counted " + length);
        }
    }

    private static void derivedZones(DataOutputStream out, Atlas atlas, Layer layer) throws IOException {
        out.writeInt(layer.features().size());
        for (Feature f : layer.features()) {
            ZoneIndex.Derived d = atlas.zones().derived(f);
            out.writeInt(d.outline().from()); // in the array of every outline, written before
            int[] ends = d.outline().ringEnds();
            out.writeInt(ends.length);
            for (int end : ends) {
                out.writeInt(end);
            }
            if (ownPolygons(f.geometry(), d.pieces())) {
                out.writeByte(OWN_POLYGONS);
            } else {
                out.writeByte(CUT_PIECES);
                out.writeInt(d.pieces().size());
                for (Polygon piece : d.pieces()) {
                    rings(out, piece);
                }
            }
        }
    }

    private static final byte OWN_POLYGONS = 0, CUT_PIECES = 1;

    /**
     * Whether the pieces are the zone's own polygons: polygons over the very same ring arrays (a packed zone small
     * enough, whose piece shares its arrays), or the same rings to the last coordinate (a zone not packed, whose
     * piece holds a copy of them).
     */
    private static boolean ownPolygons(Geometry zone, List<Polygon> pieces) {
        if (pieces.size() != zone.getNumGeometries()) {
            return false;
        }
        for (int i = 0; i < pieces.size(); i++) {
            Polygon own = (Polygon) zone.getGeometryN(i);
            if (!sameArrays(pieces.get(i), own) && !pieces.get(i).equalsExact(own)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameArrays(Polygon a, Polygon b) {
        if (a.getNumInteriorRing() != b.getNumInteriorRing()) {
            return false;
        }
        for (int r = 0; r <= a.getNumInteriorRing(); r++) {
            double[] ra = PackedGeometry.raw(r == 0 ? a.getExteriorRing() : a.getInteriorRingN(r - 1));
            if (ra == null || ra != PackedGeometry.raw(r == 0 ? b.getExteriorRing() : b.getInteriorRingN(r - 1))) {
                return false;
            }
        }
        return true;
    }

    private static void provenance(DataOutputStream out, Provenance p) throws IOException {
        string(out, p.method().code());
        string(out, p.source());
        string(out, p.licence());
        string(out, p.accuracy());
        out.writeBoolean(p.authoritative());
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    // property values as the loader gives them (Jackson's natural types); anything else is not written at all
    private static final byte NULL = 0,
            FALSE = 1,
            TRUE = 2,
            INT = 3,
            LONG = 4,
            DOUBLE = 5,
            STRING = 6,
            LIST = 7,
            MAP = 8,
            BIG_INTEGER = 9,
            BIG_DECIMAL = 10;

    private static void value(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof Integer n) {
            out.writeByte(INT);
            out.writeInt(n);
        } else if (v instanceof Long n) {
            out.writeByte(LONG);
            out.writeLong(n);
        } else if (v instanceof Double n) {
            out.writeByte(DOUBLE);
            out.writeDouble(n);
        } else if (v instanceof String str) {
            out.writeByte(STRING);
            string(out, str);
        } else if (v instanceof BigInteger n) {
            out.writeByte(BIG_INTEGER);
            string(out, n.toString());
        } else if (v instanceof BigDecimal n) {
            out.writeByte(BIG_DECIMAL);
            string(out, n.toString());
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                value(out, o);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                string(out, (String) e.getKey());
                value(out, e.getValue());
            }
        } else {
            throw new IllegalArgumentException(
                    "a property value of type " + v.getClass().getName());
        }
    }

    private static final byte POINT = 1,
            LINE = 2,
            POLYGON = 3,
            MULTI_POINT = 4,
            MULTI_LINE = 5,
            MULTI_POLYGON = 6,
            COLLECTION = 7,
            PACKED_POLYGON = 8,
            PACKED_MULTI_POLYGON = 9;

    private static void geometry(DataOutputStream out, Geometry g) throws IOException {
        boolean packed = g.getFactory() == PackedGeometry.FACTORY;
        if (g instanceof Point p) {
            out.writeByte(POINT);
            coordinates(out, p.getCoordinates());
        } else if (g instanceof LinearRing) {
            throw new IllegalArgumentException("a bare linear ring");
        } else if (g instanceof LineString l) {
            out.writeByte(LINE);
            coordinates(out, l.getCoordinates());
        } else if (g instanceof Polygon p) {
            out.writeByte(packed ? PACKED_POLYGON : POLYGON);
            rings(out, p);
        } else if (g instanceof MultiPoint m) {
            parts(out, MULTI_POINT, m);
        } else if (g instanceof MultiLineString m) {
            parts(out, MULTI_LINE, m);
        } else if (g instanceof MultiPolygon m) {
            out.writeByte(packed ? PACKED_MULTI_POLYGON : MULTI_POLYGON);
            out.writeInt(m.getNumGeometries());
            for (int i = 0; i < m.getNumGeometries(); i++) {
                rings(out, (Polygon) m.getGeometryN(i));
            }
        } else if (g instanceof GeometryCollection c) {
            parts(out, COLLECTION, c);
        } else {
            throw new IllegalArgumentException("a geometry of type " + g.getGeometryType());
        }
    }

    private static void parts(DataOutputStream out, byte tag, GeometryCollection c) throws IOException {
        out.writeByte(tag);
        out.writeInt(c.getNumGeometries());
        for (int i = 0; i < c.getNumGeometries(); i++) {
            geometry(out, c.getGeometryN(i));
        }
    }

    private static void rings(DataOutputStream out, Polygon p) throws IOException {
        out.writeInt(1 + p.getNumInteriorRing());
        ring(out, p.getExteriorRing());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            ring(out, p.getInteriorRingN(i));
        }
    }

    // a packed ring is written from its array: getCoordinates() would leave a Coordinate[] cached on every zone
    private static void ring(DataOutputStream out, LineString ring) throws IOException {
        double[] xy = PackedGeometry.raw(ring);
        if (xy == null) {
            coordinates(out, ring.getCoordinates());
            return;
        }
        out.writeInt(xy.length / 2);
        for (double d : xy) {
            out.writeDouble(d);
        }
    }

    private static void coordinates(DataOutputStream out, Coordinate[] cs) throws IOException {
        out.writeInt(cs.length);
        for (Coordinate c : cs) {
            if (!Double.isNaN(c.getZ())) {
                throw new IllegalArgumentException("a coordinate with a height");
            }
            out.writeDouble(c.x);
            out.writeDouble(c.y);
        }
    }

    // ---- reading

    /** The atlas of a snapshot file that is whole, of this format and of these very sources; else why not. */
    static Loaded read(Path file, Path atlasDir, boolean skipInvalidFeatures) throws Rejected {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < MAGIC.length + 4 + 8) {
                throw new Rejected("truncated: " + size + " bytes");
            }
            if (size > MAX_BYTES) {
                throw new Rejected("larger than the " + MAX_BYTES + " bytes one file maps");
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            ByteBuffer in = map.duplicate().limit((int) size - 8);
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new Rejected("not a Liuyu atlas snapshot");
            }
            int format = in.getInt();
            if (format != FORMAT) {
                throw new Rejected("format version " + format + ", this service reads version " + FORMAT);
            }
            long t0 = System.nanoTime();
            CRC32C crc = new CRC32C();
            crc.update(map.duplicate().limit((int) size - 8));
            if (crc.getValue() != map.getLong((int) size - 8)) {
                throw new Rejected("checksum mismatch: the file is corrupt or truncated");
            }
            long t1 = System.nanoTime();
            try {
                sources(in, atlasDir, skipInvalidFeatures);
                long t2 = System.nanoTime();
                Loaded loaded = new Loaded(atlas(in), skipped(in), file);
                long t3 = System.nanoTime();
                LOG.info(
                        "atlas snapshot {} read: checksum {} ms, sources checked {} ms, atlas decoded {} ms",
                        file,
                        (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000,
                        (t3 - t2) / 1_000_000);
                return loaded;
            } catch (java.nio.BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new Rejected("unreadable content: " + e);
            }
        } catch (IOException e) {
            throw new Rejected("cannot be read: " + e.getMessage());
        }
    }

    /** Stale unless built from this directory, with this skip option, this manifest and these very layer files. */
    private static void sources(ByteBuffer in, Path atlasDir, boolean skipInvalidFeatures) throws Rejected {
        String dir = string(in);
        if (!dir.equals(absolute(atlasDir))) {
            throw new Rejected("stale: built from " + dir);
        }
        if (in.get() != (skipInvalidFeatures ? 1 : 0)) {
            throw new Rejected("stale: built with skip-invalid-features=" + !skipInvalidFeatures);
        }
        byte[] manifest = new byte[in.getInt()];
        in.get(manifest);
        if (!Arrays.equals(manifest, manifestDigest(atlasDir))) {
            throw new Rejected("stale: " + AtlasLoader.MANIFEST + " changed");
        }
        int layers = in.getInt();
        String[] files = new String[layers];
        String[] versions = new String[layers];
        Stamp[] stamps = new Stamp[layers];
        for (int i = 0; i < layers; i++) {
            files[i] = string(in);
            versions[i] = string(in);
            if (in.get() == 1) {
                stamps[i] = new Stamp(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
            }
        }
        // a layer file whose stamp is the one recorded is the file digested then; any other is digested again as
        // the loader does it, one per core
        String[] now = new String[layers];
        IntStream.range(0, layers).parallel().forEach(i -> {
            Path file = Path.of(files[i]);
            now[i] =
                    stamps[i] != null && stamps[i].equals(Stamp.of(file)) ? versions[i] : AtlasLoader.fileVersion(file);
        });
        for (int i = 0; i < layers; i++) {
            if (!versions[i].equals(now[i])) {
                throw new Rejected(
                        "stale: " + files[i] + " is version " + now[i] + ", the snapshot has " + versions[i]);
            }
        }
    }

    private static Atlas atlas(ByteBuffer in) {
        String id = string(in);
        String title = string(in);
        String version = string(in);
        boolean demo = in.get() == 1;
        // each layer's section (and each zone layer's derived parts) is decoded on its own core
        List<ByteBuffer> sections = new ArrayList<>();
        int count = count(in);
        for (int l = 0; l < count; l++) {
            sections.add(section(in));
        }
        PropertyMap.Names names = new PropertyMap.Names();
        LayerRead[] read = new LayerRead[count];
        IntStream.range(0, count).parallel().forEach(l -> read[l] = layerRead(sections.get(l), names));
        PackedRTree pieces = tree(in);
        long[] rasters = longs(in);
        List<PackedRTree> metric = new ArrayList<>();
        List<Integer> zoneLayers = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            if (read[l].info.geometry() == GeometryKind.POLYGON) {
                metric.add(tree(in));
                zoneLayers.add(l);
            }
        }
        double[] outlines = new double[count(in)];
        in.asDoubleBuffer().get(outlines);
        in.position(in.position() + 8 * outlines.length);
        List<ByteBuffer> zoneSections = new ArrayList<>();
        for (int l = 0; l < zoneLayers.size(); l++) {
            zoneSections.add(section(in));
        }
        @SuppressWarnings("unchecked")
        List<ZoneIndex.Derived>[] derived = new List[zoneLayers.size()];
        IntStream.range(0, derived.length)
                .parallel()
                .forEach(z -> derived[z] = derived(zoneSections.get(z), read[zoneLayers.get(z)].features, outlines));
        Layer[] layers = new Layer[count];
        IntStream.range(0, count)
                .parallel()
                .forEach(l -> layers[l] = new Layer(read[l].info, read[l].features, read[l].tree));
        return new Atlas(
                id,
                title,
                version,
                demo,
                List.of(layers),
                new ZoneIndex.Stored(List.of(derived), pieces, metric, rasters, outlines));
    }

    private record LayerRead(LayerInfo info, List<Feature> features, PackedRTree tree) {}

    /** The next length-prefixed section as a buffer of its own; {@code in} moves past it. */
    private static ByteBuffer section(ByteBuffer in) {
        int length = count(in);
        ByteBuffer section = in.slice(in.position(), length);
        in.position(in.position() + length);
        return section;
    }

    private static LayerRead layerRead(ByteBuffer in, PropertyMap.Names names) {
        Strings strings = new Strings();
        LayerInfo info = layerInfo(in);
        int n = count(in);
        List<Feature> list = new ArrayList<>(n);
        String[] lastNames = null;
        for (int k = 0; k < n; k++) {
            String fid = string(in);
            Provenance p = in.get() == 1 ? provenance(in) : info.provenance();
            byte tag = in.get();
            if (tag != MAP) {
                throw new IllegalArgumentException("feature '" + fid + "': properties tagged " + tag);
            }
            String[] keys = new String[count(in)];
            Object[] values = new Object[keys.length];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = strings.read(in);
                values[i] = value(in, strings);
            }
            // the features of a layer mostly have the names of the one before: the same String objects (shared),
            // compared without the lookup of the load's name lists
            lastNames = Arrays.equals(keys, lastNames) ? lastNames : names.shared(keys);
            list.add(feature(in, info.id(), fid, names.of(lastNames, values), p));
        }
        PackedRTree tree = tree(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("layer '" + info.id() + "': " + in.remaining() + " bytes after it");
        }
        return new LayerRead(info, list, tree);
    }

    private static PackedRTree tree(ByteBuffer in) {
        int count = in.getInt();
        int[] levelEnds = ints(in);
        int[] refs = ints(in);
        double[] boxes = new double[count(in)];
        in.asDoubleBuffer().get(boxes);
        in.position(in.position() + 8 * boxes.length);
        return new PackedRTree(count, boxes, refs, levelEnds);
    }

    private static int[] ints(ByteBuffer in) {
        int[] values = new int[count(in)];
        in.asIntBuffer().get(values);
        in.position(in.position() + 4 * values.length);
        return values;
    }

    private static long[] longs(ByteBuffer in) {
        long[] values = new long[count(in)];
        in.asLongBuffer().get(values);
        in.position(in.position() + 8 * values.length);
        return values;
    }

    private static List<ZoneIndex.Derived> derived(ByteBuffer in, List<Feature> zones, double[] outlines) {
        int n = in.getInt();
        if (n != zones.size()) {
            throw new IllegalArgumentException(n + " derived zones for " + zones.size() + " features");
        }
        List<ZoneIndex.Derived> out = new ArrayList<>(n);
        for (Feature f : zones) {
            int from = in.getInt();
            int[] ends = new int[count(in)];
            in.asIntBuffer().get(ends);
            in.position(in.position() + 4 * ends.length);
            Outline outline = new Outline(outlines, from, ends);
            List<Polygon> pieces;
            byte how = in.get();
            if (how == OWN_POLYGONS) {
                Polygon[] own = new Polygon[f.geometry().getNumGeometries()];
                for (int i = 0; i < own.length; i++) {
                    own[i] = (Polygon) f.geometry().getGeometryN(i);
                }
                pieces = List.of(own);
            } else if (how == CUT_PIECES) {
                Polygon[] cut = new Polygon[count(in)];
                for (int i = 0; i < cut.length; i++) {
                    cut[i] = polygon(in, true);
                }
                pieces = List.of(cut);
            } else {
                throw new IllegalArgumentException("pieces tag " + how);
            }
            out.add(new ZoneIndex.Derived(outline, pieces));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the derived zones");
        }
        return out;
    }

    /**
     * One String for each property name and short value met while reading: a snapshot would otherwise hold as many
     * copies of "nameZh" as it has features (the JSON parser shares names; a byte buffer does not).
     */
    private static final class Strings {
        private static final int MAX_ENTRIES = 1 << 16;
        private static final int MAX_LENGTH = 64;
        private final Map<String, String> seen = new java.util.HashMap<>();

        /** The next string of {@code in}, the one met before when it is short. */
        String read(ByteBuffer in) {
            String s = string(in);
            if (s == null || s.length() > MAX_LENGTH) {
                return s;
            }
            String before = seen.get(s);
            if (before != null) {
                return before;
            }
            if (seen.size() < MAX_ENTRIES) {
                seen.put(s, s);
            }
            return s;
        }
    }

    /**
     * A feature and its geometry. A packed polygon or multipolygon is read into the arrays the feature keeps ({@link
     * Feature#packed}), with no JTS polygon made on the way; an empty multipolygon (no arrays to keep) as JTS gives it.
     */
    private static Feature feature(ByteBuffer in, String layer, String id, Map<String, Object> props, Provenance p) {
        byte tag = in.get(in.position());
        if (tag == PACKED_POLYGON) {
            in.get();
            double[][] rings = rings(in);
            return Feature.packed(layer, id, rings.length == 1 ? rings[0] : rings, props, p);
        }
        if (tag == PACKED_MULTI_POLYGON) {
            in.get();
            double[][][] parts = new double[count(in)][][];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = rings(in);
            }
            return parts.length == 0
                    ? new Feature(layer, id, PackedGeometry.geometry(parts), props, p)
                    : Feature.packed(layer, id, parts, props, p);
        }
        return new Feature(layer, id, geometry(in), props, p);
    }

    /** A packed polygon's rings, shell first, as its x,y arrays. */
    private static double[][] rings(ByteBuffer in) {
        int count = count(in);
        if (count < 1) {
            throw new IllegalArgumentException("a polygon without rings");
        }
        double[][] rings = new double[count][];
        for (int i = 0; i < count; i++) {
            double[] xy = new double[2 * count(in)];
            in.asDoubleBuffer().get(xy);
            in.position(in.position() + 8 * xy.length);
            rings[i] = xy;
        }
        return rings;
    }

    private static LayerInfo layerInfo(ByteBuffer in) {
        String id = string(in);
        String titleEn = string(in);
        String titleZh = string(in);
        String description = string(in);
        GeometryKind kind = GeometryKind.parse(string(in));
        if (kind == null) {
            throw new IllegalArgumentException("layer '" + id + "': unknown geometry kind");
        }
        Provenance provenance = provenance(in);
        String version = string(in);
        String validFrom = string(in);
        return new LayerInfo(
                id,
                titleEn,
                titleZh,
                description,
                kind,
                provenance,
                version,
                validFrom == null ? null : LocalDate.parse(validFrom),
                string(in),
                string(in),
                string(in));
    }

    private static Provenance provenance(ByteBuffer in) {
        Method method = Method.parse(string(in));
        if (method == null) {
            throw new IllegalArgumentException("unknown provenance method");
        }
        return new Provenance(method, string(in), string(in), string(in), in.get() == 1);
    }

    private static List<AtlasLoader.SkippedFeature> skipped(ByteBuffer in) {
        int n = in.getInt();
        List<AtlasLoader.SkippedFeature> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new AtlasLoader.SkippedFeature(string(in), string(in), string(in)));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the content");
        }
        return List.copyOf(out);
    }

    private static String string(ByteBuffer in) {
        int n = in.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("a string of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Object value(ByteBuffer in, Strings strings) {
        byte tag = in.get();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INT -> in.getInt();
            case LONG -> in.getLong();
            case DOUBLE -> in.getDouble();
            case STRING -> strings.read(in);
            case BIG_INTEGER -> new BigInteger(string(in));
            case BIG_DECIMAL -> new BigDecimal(string(in));
            case LIST -> {
                int n = count(in);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value(in, strings));
                }
                yield list;
            }
            case MAP -> {
                int n = count(in);
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(strings.read(in), value(in, strings));
                }
                yield map;
            }
            default -> throw new IllegalArgumentException("value tag " + tag);
        };
    }

    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("a count of " + n);
        }
        return n;
    }

    private static Geometry geometry(ByteBuffer in) {
        GeometryFactory plain = GeoJson.FACTORY;
        byte tag = in.get();
        return switch (tag) {
            case POINT -> plain.createPoint(coordinates(in)[0]);
            case LINE -> plain.createLineString(coordinates(in));
            case POLYGON -> polygon(in, false);
            case PACKED_POLYGON -> polygon(in, true);
            case MULTI_POLYGON, PACKED_MULTI_POLYGON -> {
                boolean packed = tag == PACKED_MULTI_POLYGON;
                Polygon[] parts = new Polygon[count(in)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(in, packed);
                }
                yield (packed ? PackedGeometry.FACTORY : plain).createMultiPolygon(parts);
            }
            case MULTI_POINT -> {
                Point[] parts = new Point[count(in)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = (Point) geometry(in);
                }
                yield plain.createMultiPoint(parts);
            }
            case MULTI_LINE -> {
                LineString[] parts = new LineString[count(in)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = (LineString) geometry(in);
                }
                yield plain.createMultiLineString(parts);
            }
            case COLLECTION -> {
                Geometry[] parts = new Geometry[count(in)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = geometry(in);
                }
                yield plain.createGeometryCollection(parts);
            }
            default -> throw new IllegalArgumentException("geometry tag " + tag);
        };
    }

    private static Polygon polygon(ByteBuffer in, boolean packed) {
        if (packed) {
            double[][] rings = rings(in);
            return PolygonPiece.polygon(rings[0], Arrays.copyOfRange(rings, 1, rings.length));
        }
        int rings = count(in);
        if (rings < 1) {
            throw new IllegalArgumentException("a polygon without rings");
        }
        LinearRing[] all = new LinearRing[rings];
        for (int i = 0; i < rings; i++) {
            all[i] = GeoJson.FACTORY.createLinearRing(coordinates(in));
        }
        return GeoJson.FACTORY.createPolygon(all[0], Arrays.copyOfRange(all, 1, rings));
    }

    private static Coordinate[] coordinates(ByteBuffer in) {
        Coordinate[] cs = new Coordinate[count(in)];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(in.getDouble(), in.getDouble());
        }
        return cs;
    }
}
