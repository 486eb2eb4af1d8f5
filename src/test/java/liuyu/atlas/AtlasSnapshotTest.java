package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The atlas snapshot file: what it serves equals a fresh load of the sources (the oracle is the loader itself, on
 * every feature and on random points), and a corrupt, truncated, old-format or stale file is refused and rebuilt.
 */
class AtlasSnapshotTest {
    @TempDir
    Path temp;

    Path generatedAtlas() throws IOException {
        Path dir = temp.resolve("atlas");
        GeneratedAtlas.write(GeneratedAtlas.tiled(300, 3, 6, 23), dir);
        return dir;
    }

    /** Loads through the snapshot file twice: the first builds it, the second must come from it. */
    static Atlas fromSnapshot(Path atlas, Path snapshots) {
        AtlasSnapshot.Loaded built = AtlasSnapshot.loadOrBuild(atlas, snapshots, false);
        assertThat(built.fromSnapshot())
                .as("no snapshot yet: loaded from the sources")
                .isNull();
        AtlasSnapshot.Loaded reused = AtlasSnapshot.loadOrBuild(atlas, snapshots, false);
        assertThat(reused.fromSnapshot()).isEqualTo(AtlasSnapshot.fileFor(snapshots, atlas));
        return reused.atlas();
    }

    static void assertSameAtlas(Atlas snapshot, Atlas fresh) {
        assertThat(snapshot.id()).isEqualTo(fresh.id());
        assertThat(snapshot.title()).isEqualTo(fresh.title());
        assertThat(snapshot.version()).isEqualTo(fresh.version());
        assertThat(snapshot.demo()).isEqualTo(fresh.demo());
        assertThat(snapshot.layers().stream().map(Layer::info))
                .containsExactlyElementsOf(
                        fresh.layers().stream().map(Layer::info).toList());
        Iterator<Layer> other = fresh.layers().iterator();
        for (Layer layer : snapshot.layers()) {
            Layer expected = other.next();
            assertThat(layer.features()).hasSameSizeAs(expected.features());
            // the extent a stored tree gives (its root's box) and the served geometry type are a fresh load's
            assertThat(layer.extent()).isEqualTo(expected.extent());
            assertThat(layer.servedGeometryType()).isEqualTo(expected.servedGeometryType());
            for (int i = 0; i < layer.features().size(); i++) {
                Feature f = layer.features().get(i);
                Feature e = expected.features().get(i);
                // record equality: id, properties (types included), provenance, geometry to the last bit
                assertThat(f).isEqualTo(e);
                assertThat(f.geometry().getFactory()).isSameAs(e.geometry().getFactory());
                // a zone read as arrays keeps arrays (no JTS polygon held), as a fresh load's does
                assertThat(f.packed() == null).isEqualTo(e.packed() == null);
                assertThat(f.properties()).containsExactlyEntriesOf(e.properties());
                assertThat(layer.served(f).equalsExact(expected.served(e))).isTrue();
                assertThat(layer.feature(f.id())).isSameAs(f);
            }
        }
        assertThat(snapshot.zones().zoneCount()).isEqualTo(fresh.zones().zoneCount());
        assertThat(snapshot.zones().pieceCount()).isEqualTo(fresh.zones().pieceCount());
        assertSameDerivedZones(snapshot, fresh);
        // every outline in one array, in the order a fresh index moves them to
        assertThat(snapshot.zones().outlineStore()).isEqualTo(fresh.zones().outlineStore());
    }

    /**
     * What the file keeps of the zone index instead of deriving it again: every zone's outline in metres to the last
     * bit (against the projection done afresh) and its pieces, vertex for vertex.
     */
    static void assertSameDerivedZones(Atlas snapshot, Atlas fresh) {
        assertSameTree(snapshot.zones().pieceTree(), fresh.zones().pieceTree());
        // the piece rasters are those built afresh from the pieces (which PieceRasterTest checks against JTS), word
        // for word and in the same order
        assertThat(snapshot.zones().pieceRasters())
                .isNotSameAs(fresh.zones().pieceRasters())
                .hasSize(PieceRaster.LONGS * fresh.zones().pieceCount())
                .isEqualTo(fresh.zones().pieceRasters());
        assertThat(snapshot.zones().metricTrees()).hasSameSizeAs(fresh.zones().metricTrees());
        for (int l = 0; l < snapshot.zones().metricTrees().size(); l++) {
            assertSameTree(
                    snapshot.zones().metricTrees().get(l),
                    fresh.zones().metricTrees().get(l));
        }
        Iterator<Layer> other = fresh.layers().iterator();
        for (Layer layer : snapshot.layers()) {
            Layer expected = other.next();
            assertSameTree(layer.envelopeTree(), expected.envelopeTree());
            if (layer.info().geometry() != GeometryKind.POLYGON) {
                continue;
            }
            for (int i = 0; i < layer.features().size(); i++) {
                ZoneIndex.Derived d = snapshot.zones().derived(layer.features().get(i));
                ZoneIndex.Derived e = fresh.zones().derived(expected.features().get(i));
                assertThat(d.outline().xy()).isEqualTo(e.outline().xy());
                assertThat(d.outline().ringEnds()).isEqualTo(e.outline().ringEnds());
                assertThat(d.pieces()).hasSameSizeAs(e.pieces());
                for (int k = 0; k < d.pieces().size(); k++) {
                    assertThat(d.pieces().get(k).equalsExact(e.pieces().get(k)))
                            .as("piece %d of %s", k, layer.features().get(i).id())
                            .isTrue();
                }
            }
        }
    }

    /** The trees read from the file are the trees a fresh load builds, entry for entry and to the last bit. */
    static void assertSameTree(PackedRTree read, PackedRTree built) {
        assertThat(read).isNotSameAs(built);
        assertThat(read.size()).isEqualTo(built.size());
        assertThat(read.levelEnds()).isEqualTo(built.levelEnds());
        assertThat(read.refs()).isEqualTo(built.refs());
        assertThat(read.boxes()).isEqualTo(built.boxes());
    }

    /** Boxes around random points: the zones a box intersects (the cut pieces' path) equal a fresh load's. */
    static void assertSameIntersections(Atlas snapshot, Atlas fresh, int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        for (double[] p : GeneratedAtlas.points(count, seed)) {
            double w = random.nextDouble() * 0.05;
            double h = random.nextDouble() * 0.05;
            var box = liuyu.geo.GeoJson.FACTORY.toGeometry(
                    new org.locationtech.jts.geom.Envelope(p[0], p[0] + w, p[1], p[1] + h));
            assertThat(snapshot.zones().intersecting(box))
                    .isEqualTo(fresh.zones().intersecting(box));
        }
    }

    @Test
    void theDemoAtlasFromItsSnapshotIsTheDemoAtlasLoadedFresh() {
        Path demo = Path.of("gis");
        Atlas snapshot = fromSnapshot(demo, temp.resolve("snapshots"));
        Atlas fresh = new AtlasLoader().load(demo);
        assertSameAtlas(snapshot, fresh);
        // random points over the demo's extent: every answer of /locate's engine identical, distances included
        for (double[] p : GeneratedAtlas.points(3000, 7)) {
            assertThat(snapshot.locate(p[0], p[1])).isEqualTo(fresh.locate(p[0], p[1]));
        }
        assertSameIntersections(snapshot, fresh, 500, 8);
        assertThat(snapshot.layer("districts").features()).isNotEmpty();
        assertThat(snapshot.zones().pieceCount())
                .as("the demo's large zones are cut: the file keeps cut pieces, not only whole zones")
                .isGreaterThan(snapshot.zones().zoneCount());
    }

    @Test
    void aGeneratedTilingFromItsSnapshotAnswersRandomPointsAsAFreshLoad() throws IOException {
        Path dir = generatedAtlas();
        Atlas snapshot = fromSnapshot(dir, temp.resolve("snapshots"));
        Atlas fresh = new AtlasLoader().load(dir);
        assertSameAtlas(snapshot, fresh);
        int inside = 0;
        for (double[] p : GeneratedAtlas.points(5000, 11)) {
            Location a = snapshot.locate(p[0], p[1]);
            assertThat(a).isEqualTo(fresh.locate(p[0], p[1]));
            inside += a.within().size();
        }
        assertSameIntersections(snapshot, fresh, 500, 12);
        assertThat(inside).as("a tiling: each point in one cell per layer").isEqualTo(3 * 5000);
    }

    @Test
    void zonesWithHolesPartsOrNoPointsComeBackAsAFreshLoadGivesThem() throws IOException {
        Path dir = generatedAtlas();
        Path layerFile = dir.resolve(
                new AtlasLoader().load(dir).layers().iterator().next().id() + ".geojson");
        // the first three cells of the layer become a polygon with a hole, a multipolygon (a part with a hole) and an
        // empty multipolygon (the loader refuses a polygon without rings): each shape the file keeps as packed rings
        String[] shapes = {
            "{\"type\":\"Polygon\",\"coordinates\":[[[116,40],[116.1,40],[116.1,40.1],[116,40.1],[116,40]],"
                    + "[[116.02,40.02],[116.02,40.05],[116.05,40.05],[116.05,40.02],[116.02,40.02]]]}",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[116.2,40],[116.3,40],[116.3,40.1],[116.2,40.1],"
                    + "[116.2,40]],[[116.22,40.02],[116.22,40.05],[116.25,40.05],[116.25,40.02],[116.22,40.02]]],"
                    + "[[[116.4,40],[116.5,40],[116.5,40.1],[116.4,40]]]]}",
            "{\"type\":\"MultiPolygon\",\"coordinates\":[]}"
        };
        String text = Files.readString(layerFile);
        int from = 0;
        for (String shape : shapes) {
            int g = text.indexOf("\"geometry\":", from);
            int end = text.indexOf("]]]}", g) + 4;
            text = text.substring(0, g) + "\"geometry\":" + shape + text.substring(end);
            from = g + shape.length();
        }
        Files.writeString(layerFile, text);
        Atlas snapshot = fromSnapshot(dir, temp.resolve("snapshots"));
        Atlas fresh = new AtlasLoader().load(dir);
        assertSameAtlas(snapshot, fresh);
        List<Feature> first = snapshot.layers().iterator().next().features();
        assertThat(first.subList(0, 3).stream().map(f -> f.geometry().getGeometryType()))
                .containsExactly("Polygon", "MultiPolygon", "MultiPolygon");
        assertThat(first.get(0).packed()).as("a polygon with a hole: its rings").isInstanceOf(double[][].class);
        assertThat(first.get(1).packed()).as("a multipolygon: its parts' rings").isInstanceOf(double[][][].class);
        assertThat(first.get(2).geometry().isEmpty()).isTrue();
        assertThat(first.get(2).packed())
                .as("an empty polygon: kept as a polygon")
                .isNull();
    }

    /** Each way a file goes wrong: refused with its reason, rebuilt, and the rebuilt file then reused. */
    void assertRefusedAndRebuilt(Path dir, Path snapshots, String reason) {
        Path file = AtlasSnapshot.fileFor(snapshots, dir);
        assertThatThrownBy(() -> AtlasSnapshot.read(file, dir, false))
                .isInstanceOf(AtlasSnapshot.Rejected.class)
                .hasMessageContaining(reason);
        AtlasSnapshot.Loaded rebuilt = AtlasSnapshot.loadOrBuild(dir, snapshots, false);
        assertThat(rebuilt.fromSnapshot()).as("never served").isNull();
        assertSameAtlas(rebuilt.atlas(), new AtlasLoader().load(dir));
        AtlasSnapshot.Loaded again = AtlasSnapshot.loadOrBuild(dir, snapshots, false);
        assertThat(again.fromSnapshot()).as("the rebuilt file is reused").isEqualTo(file);
        assertSameAtlas(again.atlas(), new AtlasLoader().load(dir));
    }

    @Test
    void aCorruptedByteIsDetectedAndTheSnapshotRebuilt() throws IOException {
        Path dir = generatedAtlas();
        Path snapshots = temp.resolve("snapshots");
        fromSnapshot(dir, snapshots);
        Path file = AtlasSnapshot.fileFor(snapshots, dir);
        long size = Files.size(file);
        // one bit flipped in each of several places of the body (a coordinate, a string, the checksum itself)
        for (long at : new long[] {size / 2, 100, size - 3}) {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0x10);
            }
            assertRefusedAndRebuilt(dir, snapshots, "checksum mismatch");
        }
    }

    @Test
    void aTruncatedFileIsDetectedAndTheSnapshotRebuilt() throws IOException {
        Path dir = generatedAtlas();
        Path snapshots = temp.resolve("snapshots");
        fromSnapshot(dir, snapshots);
        Path file = AtlasSnapshot.fileFor(snapshots, dir);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 1000);
        }
        assertRefusedAndRebuilt(dir, snapshots, "checksum mismatch");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(10);
        }
        assertRefusedAndRebuilt(dir, snapshots, "truncated: 10 bytes");
        Files.write(file, new byte[0]);
        assertRefusedAndRebuilt(dir, snapshots, "truncated: 0 bytes");
    }

    @Test
    void aFileOfAnotherFormatVersionOrNotASnapshotIsRebuilt() throws IOException {
        Path dir = generatedAtlas();
        Path snapshots = temp.resolve("snapshots");
        fromSnapshot(dir, snapshots);
        Path file = AtlasSnapshot.fileFor(snapshots, dir);
        // the version before, with a valid checksum: only the version refuses it (format 4 kept each outline apart)
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(AtlasSnapshot.MAGIC.length, AtlasSnapshot.FORMAT - 1);
        Files.write(file, withChecksum(bytes));
        assertRefusedAndRebuilt(
                dir,
                snapshots,
                "format version " + (AtlasSnapshot.FORMAT - 1) + ", this service reads version "
                        + AtlasSnapshot.FORMAT);
        Files.writeString(file, "{\"type\": \"FeatureCollection\", \"features\": []}");
        assertRefusedAndRebuilt(dir, snapshots, "not a Liuyu atlas snapshot");
    }

    /**
     * Where a snapshot file holds the given rasters: the offset of their count, found by their bytes (a count and big
     * endian longs, as DataOutputStream writes them), which occur once.
     */
    static int rasterOffset(byte[] file, long[] rasters) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * rasters.length);
        b.putInt(rasters.length);
        for (long r : rasters) {
            b.putLong(r);
        }
        byte[] pattern = b.array();
        int found = -1;
        search:
        for (int i = 0; i + pattern.length <= file.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (file[i + k] != pattern[k]) {
                    continue search;
                }
            }
            assertThat(found).as("the rasters' bytes occur once").isEqualTo(-1);
            found = i;
        }
        assertThat(found).as("the rasters' bytes are in the file").isNotNegative();
        return found;
    }

    /** Sets the last eight bytes to the CRC32C of the others, as the writer does: the file passes the checksum. */
    static byte[] withChecksum(byte[] file) {
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 8);
        ByteBuffer.wrap(file).putLong(file.length - 8, crc.getValue());
        return file;
    }

    @Test
    void theRastersServedFromTheSnapshotAreTheFilesNotBuiltAgain() throws IOException {
        Path dir = generatedAtlas();
        Path snapshots = temp.resolve("snapshots");
        Atlas fresh = new AtlasLoader().load(dir);
        long[] built = fresh.zones().pieceRasters();
        fromSnapshot(dir, snapshots);
        Path file = AtlasSnapshot.fileFor(snapshots, dir);
        byte[] bytes = Files.readAllBytes(file);
        int at = rasterOffset(bytes, built);
        // one word of a raster that has inside or outside cells made all boundary (a raster the builder would give a
        // piece too thin for its cells): the answers stay exact, only the shortcut is lost
        long allBoundary = 0xAAAA_AAAA_AAAA_AAAAL;
        int word = 0;
        while (built[word] == allBoundary) {
            word++;
        }
        ByteBuffer.wrap(bytes).putLong(at + 4 + 8 * word, allBoundary);
        Files.write(file, withChecksum(bytes));
        AtlasSnapshot.Loaded read = AtlasSnapshot.loadOrBuild(dir, snapshots, false);
        assertThat(read.fromSnapshot()).isEqualTo(file);
        long[] served = read.atlas().zones().pieceRasters().clone();
        assertThat(served[word]).as("the word read from the file").isEqualTo(allBoundary);
        served[word] = built[word];
        assertThat(served).as("every other word as built").isEqualTo(built);
        for (double[] p : GeneratedAtlas.points(2000, 13)) {
            assertThat(read.atlas().locate(p[0], p[1])).isEqualTo(fresh.locate(p[0], p[1]));
        }
    }

    @Test
    void anEditedLayerFileOrManifestMakesTheSnapshotStaleAndTheEditIsServed() throws IOException {
        Path dir = generatedAtlas();
        Path snapshots = temp.resolve("snapshots");
        fromSnapshot(dir, snapshots);
        // a layer file edited in place (one name changed): its digest, the layer version, changes
        Path layerFile;
        try (Stream<Path> files = Files.list(dir)) {
            layerFile = files.filter(p -> p.toString().endsWith(".geojson"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
        String text = Files.readString(layerFile);
        int at = text.indexOf("\"nameZh\":\"") + "\"nameZh\":\"".length();
        assertThat(at).isGreaterThan(20);
        Files.writeString(layerFile, text.substring(0, at) + "改" + text.substring(at + 1));
        assertRefusedAndRebuilt(dir, snapshots, "stale: " + layerFile);
        assertThat(AtlasSnapshot.loadOrBuild(dir, snapshots, false)
                        .atlas()
                        .layers()
                        .iterator()
                        .next()
                        .features()
                        .get(0)
                        .nameZh())
                .startsWith("改");

        Files.writeString(dir.resolve("atlas.yaml"), Files.readString(dir.resolve("atlas.yaml")) + "# edited\n");
        assertRefusedAndRebuilt(dir, snapshots, "stale: atlas.yaml changed");
    }

    /**
     * The snapshot's recorded version of {@code version}'s layer file changed (one hex digit) and its checksum made
     * right again: a whole file that names a version the layer file does not have.
     */
    static void recordOtherVersion(Path snapshot, String version) throws IOException {
        byte[] bytes = Files.readAllBytes(snapshot);
        byte[] v = version.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = -1;
        for (int i = 0; i + v.length <= bytes.length && at < 0; i++) {
            if (java.util.Arrays.equals(bytes, i, i + v.length, v, 0, v.length)) {
                at = i; // the first: the sources, before the layers' own descriptions
            }
        }
        assertThat(at).isPositive();
        bytes[at] = (byte) (bytes[at] == '0' ? '1' : '0');
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        java.nio.ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        Files.write(snapshot, bytes);
    }

    @Test
    void aSettledLayerFileWithItsStampUnchangedIsNotDigestedAndAnEditKeepingSizeAndTimeIsStillSeen() throws Exception {
        Path dir = generatedAtlas();
        // stamps are kept only for files left alone for a while before the snapshot is built
        Thread.sleep(AtlasSnapshot.Stamp.SETTLED_MILLIS + 500);
        Path snapshots = temp.resolve("snapshots");
        Atlas atlas = fromSnapshot(dir, snapshots);
        Layer first = atlas.layers().iterator().next();
        Path layerFile = Path.of(first.info().origin());
        Path file = AtlasSnapshot.fileFor(snapshots, dir);

        // a copy whose recorded version is wrong is still served: the unchanged stamp stood for the digest
        Path patched = temp.resolve("patched.snapshot");
        Files.copy(file, patched);
        recordOtherVersion(patched, first.info().version());
        assertThat(AtlasSnapshot.read(patched, dir, false).fromSnapshot()).isEqualTo(patched);

        // the layer file edited in place, same size, its modification time put back: the change time moved, so the
        // file is digested, and the snapshot is stale
        long size = Files.size(layerFile);
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(layerFile);
        String text = Files.readString(layerFile);
        int at = text.indexOf("\"nameZh\":\"") + "\"nameZh\":\"".length();
        Files.writeString(layerFile, text.substring(0, at) + "改" + text.substring(at + 1));
        Files.setLastModifiedTime(layerFile, modified);
        assertThat(Files.size(layerFile)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(layerFile)).isEqualTo(modified);
        assertRefusedAndRebuilt(dir, snapshots, "stale: " + layerFile);
    }

    @Test
    void aStampIsSettledOnlyWhenBothTimesAreSecondsBeforeItWasTaken() {
        long takenAt = 1_800_000_000_000L; // ms
        long ns = takenAt * 1_000_000L;
        long margin = AtlasSnapshot.Stamp.SETTLED_MILLIS * 1_000_000L;
        assertThat(new AtlasSnapshot.Stamp(1, ns - margin - 1, ns - margin - 1, 1, 1).settled(takenAt))
                .isTrue();
        assertThat(new AtlasSnapshot.Stamp(1, ns - margin, ns - margin - 1, 1, 1).settled(takenAt))
                .as("modified within the margin")
                .isFalse();
        assertThat(new AtlasSnapshot.Stamp(1, ns - margin - 1, ns - 5, 1, 1).settled(takenAt))
                .as("changed within the margin")
                .isFalse();
        assertThat(new AtlasSnapshot.Stamp(1, ns + margin, ns + margin, 1, 1).settled(takenAt))
                .as("times in the future (another clock)")
                .isFalse();
    }

    @Test
    void theSkipOptionIsPartOfTheSourcesAndItsSkippedFeaturesAreKept() throws IOException {
        Path dir = generatedAtlas();
        Path snapshots = temp.resolve("snapshots");
        Path layerFile = dir.resolve(
                new AtlasLoader().load(dir).layers().iterator().next().id() + ".geojson");
        // one feature loses its geometry: refused without the option, left out with it
        String text = Files.readString(layerFile);
        int g = text.indexOf("\"geometry\":");
        int end = text.indexOf("]]]}", g) + 4;
        Files.writeString(layerFile, text.substring(0, g) + "\"geometry\":null" + text.substring(end));
        AtlasSnapshot.Loaded built = AtlasSnapshot.loadOrBuild(dir, snapshots, true);
        assertThat(built.skipped()).hasSize(1);
        AtlasSnapshot.Loaded reused = AtlasSnapshot.loadOrBuild(dir, snapshots, true);
        assertThat(reused.fromSnapshot()).isNotNull();
        assertThat(reused.skipped()).isEqualTo(built.skipped());
        assertSameAtlas(reused.atlas(), built.atlas());
        assertThatThrownBy(() -> AtlasSnapshot.read(AtlasSnapshot.fileFor(snapshots, dir), dir, false))
                .hasMessageContaining("stale: built with skip-invalid-features=true");
        assertThatThrownBy(() -> AtlasSnapshot.loadOrBuild(dir, snapshots, false))
                .isInstanceOf(AtlasLoadException.class);
    }

    @Test
    void twoAtlasDirectoriesKeepTwoSnapshotFiles() throws IOException {
        Path snapshots = temp.resolve("snapshots");
        Path dir = generatedAtlas();
        fromSnapshot(dir, snapshots);
        fromSnapshot(Path.of("gis"), snapshots);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(snapshots)) {
            s.forEach(files::add);
        }
        assertThat(files)
                .containsExactlyInAnyOrder(
                        AtlasSnapshot.fileFor(snapshots, dir), AtlasSnapshot.fileFor(snapshots, Path.of("gis")));
    }
}
