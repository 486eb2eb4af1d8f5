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
 * around a centre, vertices in angle order), so they are always valid; sizes vary over three orders
 * of magnitude so the index sees both tiny and district-sized zones. Seeded: the same seed, the same atlas.
 */
public final class GeneratedAtlas {
    public static final double MIN_LON = 115.42;
    public static final double MAX_LON = 117.51;
    public static final double MIN_LAT = 39.44;
    public static final double MAX_LAT = 41.06;

    private static final Provenance SYNTHETIC = new Provenance(Method.SYNTHETIC, "GeneratedAtlas (test generator)",
        "CC0-1.0", "not a place", false);

    private GeneratedAtlas() {
    }

    /** {@code polygons} zones spread over {@code layers} layers across the Beijing bounding box. */
    public static Atlas of(int polygons, int layers, int maxVertices, long seed) {
        Random random = new Random(seed);
        List<List<Feature>> perLayer = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            perLayer.add(new ArrayList<>());
        }
        for (int i = 0; i < polygons; i++) {
            int l = i % layers;
            double cx = MIN_LON + random.nextDouble() * (MAX_LON - MIN_LON);
            double cy = MIN_LAT + random.nextDouble() * (MAX_LAT - MIN_LAT);
            double radius = 0.002 * Math.pow(10, random.nextDouble() * (polygons > 1000 ? 1.5 : 2.5));
            int vertices = 3 + random.nextInt(Math.max(1, maxVertices - 2));
            Polygon p = star(cx, cy, radius, vertices, random);
            String id = "g" + l + "-" + i;
            perLayer.get(l).add(new Feature("gen-" + l, id, p, Map.of("nameZh", "合成" + i, "method", "synthetic"), SYNTHETIC));
        }
        List<Layer> out = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            LayerInfo info = new LayerInfo("gen-" + l, "Generated layer " + l, "合成图层" + l, "synthetic test layer",
                GeometryKind.POLYGON, SYNTHETIC, "seed-" + seed, null, null, "generated");
            out.add(new Layer(info, perLayer.get(l)));
        }
        return new Atlas("generated", "Generated atlas", "seed-" + seed, out);
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
            out[i] = new double[] {MIN_LON + random.nextDouble() * (MAX_LON - MIN_LON), MIN_LAT + random.nextDouble() * (MAX_LAT - MIN_LAT)};
        }
        return out;
    }

}
