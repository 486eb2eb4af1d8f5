package liuyu.atlas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * Synthetic atlases for tests and benchmarks. Polygons are star-shaped (random radius per vertex
 * around a centre, vertices in angle order), so they are always valid; radii vary tenfold around a
 * size at which each layer covers the Beijing box about once. Seeded: the same seed, the same atlas.
 */
public final class GeneratedAtlas {
    public static final double MIN_LON = 115.42;
    public static final double MAX_LON = 117.51;
    public static final double MIN_LAT = 39.44;
    public static final double MAX_LAT = 41.06;

    private static final Provenance SYNTHETIC =
            new Provenance(Method.SYNTHETIC, "GeneratedAtlas (test generator)", "CC0-1.0", "not a place", false);

    private GeneratedAtlas() {}

    /** {@code polygons} zones spread over {@code layers} layers across the Beijing bounding box. */
    public static Atlas of(int polygons, int layers, int maxVertices, long seed) {
        Random random = new Random(seed);
        List<List<Feature>> perLayer = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            perLayer.add(new ArrayList<>());
        }
        // radius chosen so each layer covers the box about once over: a point lies in one or two
        // zones per layer, as with real zone layers, whatever the polygon count
        double area = (MAX_LON - MIN_LON) * (MAX_LAT - MIN_LAT);
        double typical = Math.sqrt(2 * area * layers / (Math.PI * polygons));
        for (int i = 0; i < polygons; i++) {
            int l = i % layers;
            double cx = MIN_LON + random.nextDouble() * (MAX_LON - MIN_LON);
            double cy = MIN_LAT + random.nextDouble() * (MAX_LAT - MIN_LAT);
            double radius = typical * Math.pow(10, random.nextDouble() - 0.5);
            int vertices = 3 + random.nextInt(Math.max(1, maxVertices - 2));
            Polygon p = star(cx, cy, radius, vertices, random);
            String id = "g" + l + "-" + i;
            perLayer.get(l)
                    .add(new Feature("gen-" + l, id, p, Map.of("nameZh", "合成" + i, "method", "synthetic"), SYNTHETIC));
        }
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            LayerInfo info = new LayerInfo(
                    "gen-" + l,
                    "Generated layer " + l,
                    "合成图层" + l,
                    "synthetic test layer",
                    GeometryKind.POLYGON,
                    SYNTHETIC,
                    "seed-" + seed,
                    null,
                    null,
                    "generated");
            out.add(new Layer(info, perLayer.get(l)));
        }
        return new Atlas("generated", "Generated atlas", "seed-" + seed, out);
    }

    /**
     * A realistic zone atlas: {@code layers} layers, each a tiling of the Beijing box by
     * {@code cellsPerLayer} cells (like township or grid-management zones). Cell corners are jittered
     * and every edge carries {@code edgeVertices} wavy intermediate vertices shared by both neighbours,
     * so the cells tile exactly: each point lies in exactly one cell per layer.
     */
    public static Atlas tiled(int cellsPerLayer, int layers, int edgeVertices, long seed) {
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double aspect = (MAX_LON - MIN_LON) / (MAX_LAT - MIN_LAT);
            int nx = (int) Math.round(Math.sqrt(cellsPerLayer * aspect));
            int ny = (int) Math.ceil(cellsPerLayer / (double) nx);
            Tiling t = new Tiling(nx, ny, edgeVertices, seed * 31 + l);
            List<Feature> features = new ArrayList<>();
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    String id = "t" + l + "-" + i + "-" + j;
                    features.add(new Feature(
                            "tiled-" + l,
                            id,
                            t.cell(i, j),
                            Map.of("nameZh", "网格" + id, "method", "synthetic"),
                            SYNTHETIC));
                }
            }
            LayerInfo info = new LayerInfo(
                    "tiled-" + l,
                    "Tiled layer " + l,
                    "网格图层" + l,
                    "synthetic tiling",
                    GeometryKind.POLYGON,
                    SYNTHETIC,
                    "seed-" + seed,
                    null,
                    null,
                    "generated");
            out.add(new Layer(info, features));
        }
        return new Atlas("generated-tiled", "Generated tiled atlas", "seed-" + seed, out);
    }

    private record Tiling(int nx, int ny, int k, long seed) {
        double dx() {
            return (MAX_LON - MIN_LON) / nx;
        }

        double dy() {
            return (MAX_LAT - MIN_LAT) / ny;
        }

        private double noise(long a, long b, long c) {
            long h = seed * 0x9E3779B97F4A7C15L
                    + a * 0xC2B2AE3D27D4EB4FL
                    + b * 0x165667B19E3779F9L
                    + c * 0x27D4EB2F165667C5L;
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            return ((h >>> 11) * 0x1.0p-53) * 2 - 1; // [-1, 1)
        }

        Coordinate corner(int i, int j) {
            boolean edgeX = i == 0 || i == nx;
            boolean edgeY = j == 0 || j == ny;
            double x = MIN_LON + i * dx() + (edgeX ? 0 : 0.15 * dx() * noise(i, j, 1));
            double y = MIN_LAT + j * dy() + (edgeY ? 0 : 0.15 * dy() * noise(i, j, 2));
            return new Coordinate(x, y);
        }

        /** Points from a to b (b excluded), with offsets that vanish at both ends; shared by both neighbours. */
        void edge(Coordinate a, Coordinate b, long edgeId, boolean outer, boolean reverse, List<Coordinate> out) {
            List<Coordinate> pts = new ArrayList<>();
            double ex = b.x - a.x;
            double ey = b.y - a.y;
            for (int m = 1; m <= k; m++) {
                double t = m / (double) (k + 1);
                double off = outer ? 0 : 0.08 * Math.sin(Math.PI * t) * noise(edgeId, m, 3);
                pts.add(new Coordinate(a.x + t * ex - off * ey, a.y + t * ey + off * ex));
            }
            if (reverse) {
                java.util.Collections.reverse(pts);
                out.add(b);
            } else {
                out.add(a);
            }
            out.addAll(pts);
        }

        Polygon cell(int i, int j) {
            List<Coordinate> ring = new ArrayList<>();
            // horizontal edge ids 2*(j*(nx+1)+i), vertical edge ids 2*(j*(nx+1)+i)+1
            edge(corner(i, j), corner(i + 1, j), 2L * (j * (nx + 1L) + i), j == 0, false, ring);
            edge(corner(i + 1, j), corner(i + 1, j + 1), 2L * (j * (nx + 1L) + i + 1) + 1, i + 1 == nx, false, ring);
            edge(corner(i, j + 1), corner(i + 1, j + 1), 2L * ((j + 1) * (nx + 1L) + i), j + 1 == ny, true, ring);
            edge(corner(i, j), corner(i, j + 1), 2L * (j * (nx + 1L) + i) + 1, i == 0, true, ring);
            ring.add(ring.get(0));
            return GeoJson.FACTORY.createPolygon(ring.toArray(new Coordinate[0]));
        }
    }

    public static Polygon star(double cx, double cy, double radius, int vertices, Random random) {
        Coordinate[] ring = new Coordinate[vertices + 1];
        double cosLat = Math.cos(Math.toRadians(cy));
        for (int v = 0; v < vertices; v++) {
            double angle = 2 * Math.PI * v / vertices;
            double r = radius * (0.3 + 0.7 * random.nextDouble());
            ring[v] = new Coordinate(cx + r * Math.cos(angle) / cosLat, cy + r * Math.sin(angle));
        }
        ring[vertices] = ring[0];
        return GeoJson.FACTORY.createPolygon(ring);
    }

    /** Uniform random points over the Beijing bounding box, as {lon, lat} pairs. */
    public static double[][] points(int n, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {
                MIN_LON + random.nextDouble() * (MAX_LON - MIN_LON), MIN_LAT + random.nextDouble() * (MAX_LAT - MIN_LAT)
            };
        }
        return out;
    }

    /**
     * Writes a generated atlas as an atlas directory ({@code atlas.yaml} and one GeoJSON file per layer, streamed
     * feature by feature), so the loader can be measured on it; coordinates keep 7 decimals, as the service writes them.
     */
    public static void write(Atlas atlas, java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        StringBuilder manifest = new StringBuilder("atlas:\n  id: " + atlas.id() + "\n  titleEn: " + atlas.title()
                + "\n  version: \"" + atlas.version() + "\"\nlayers:\n");
        tools.jackson.databind.ObjectMapper json =
                tools.jackson.databind.json.JsonMapper.builder().build();
        for (Layer layer : atlas.layers()) {
            Provenance p = layer.info().provenance();
            manifest.append("  - id: ")
                    .append(layer.id())
                    .append("\n    file: ")
                    .append(layer.id())
                    .append(".geojson\n")
                    .append("    geometry: ")
                    .append(layer.info().geometry().code())
                    .append("\n    titleEn: ")
                    .append(layer.info().titleEn())
                    .append("\n    method: ")
                    .append(p.method().code())
                    .append("\n    source: \"")
                    .append(p.source())
                    .append("\"\n    licence: ")
                    .append(p.licence())
                    .append("\n    accuracy: ")
                    .append(p.accuracy())
                    .append("\n    authoritative: ")
                    .append(p.authoritative())
                    .append('\n');
            try (var out = java.nio.file.Files.newOutputStream(dir.resolve(layer.id() + ".geojson"));
                    tools.jackson.core.JsonGenerator g =
                            json.createGenerator(new java.io.BufferedOutputStream(out, 1 << 16))) {
                g.writeStartObject();
                g.writeStringProperty("type", "FeatureCollection");
                g.writeArrayPropertyStart("features");
                for (Feature f : layer.features()) {
                    GeoJson.writeFeature(f.id(), Map.of("nameZh", f.nameZh()), f.geometry(), g, GeoJson.Style.CRS84);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        }
        java.nio.file.Files.writeString(dir.resolve("atlas.yaml"), manifest);
    }
}
