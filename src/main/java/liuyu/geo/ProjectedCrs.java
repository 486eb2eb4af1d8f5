package liuyu.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The projected CRSs offered to map clients: Web Mercator (EPSG:3857, easting first) and the
 * CGCS2000 Gauss-Krüger CRSs EPSG:4491–4554 (northing first, as EPSG defines their X axis). CGCS2000
 * is taken as coincident with WGS84, as in {@link Crs}; the definitions are PROJ strings, so no EPSG
 * database ships with the service.
 */
public record ProjectedCrs(int epsg, String title, String proj4, boolean northingFirst) {
    private static final CRSFactory CRS_FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    private static final String WGS84 = "+proj=longlat +datum=WGS84 +no_defs";
    private static final Map<Integer, ProjectedCrs> BY_CODE = new ConcurrentHashMap<>();
    private static final List<ProjectedCrs> ALL;
    // Proj4J transforms keep scratch state, so each thread gets its own pair per CRS
    private static final Map<Integer, ThreadLocal<CoordinateTransform[]>> PAIRS = new ConcurrentHashMap<>();

    static {
        List<ProjectedCrs> all = new ArrayList<>();
        all.add(new ProjectedCrs(
                3857,
                "WGS 84 / Pseudo-Mercator",
                "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs",
                false));
        for (int i = 0; i <= 10; i++) { // 6° zones 13–23, central meridians 75°E–135°E
            int cm = 75 + 6 * i;
            all.add(gaussKruger(
                    4491 + i, "CGCS2000 / Gauss-Kruger zone " + (13 + i), cm, (13 + i) * 1_000_000 + 500_000));
            all.add(gaussKruger(4502 + i, "CGCS2000 / Gauss-Kruger CM " + cm + "E", cm, 500_000));
        }
        for (int i = 0; i <= 20; i++) { // 3° zones 25–45, central meridians 75°E–135°E
            int cm = 75 + 3 * i;
            all.add(gaussKruger(
                    4513 + i, "CGCS2000 / 3-degree Gauss-Kruger zone " + (25 + i), cm, (25 + i) * 1_000_000 + 500_000));
            all.add(gaussKruger(4534 + i, "CGCS2000 / 3-degree Gauss-Kruger CM " + cm + "E", cm, 500_000));
        }
        all.sort((a, b) -> Integer.compare(a.epsg, b.epsg));
        all.forEach(c -> BY_CODE.put(c.epsg, c));
        ALL = List.copyOf(all);
    }

    private static ProjectedCrs gaussKruger(int epsg, String title, int centralMeridian, int falseEasting) {
        return new ProjectedCrs(
                epsg,
                title,
                String.format(
                        Locale.ROOT,
                        "+proj=tmerc +lat_0=0 +lon_0=%d +k=1 +x_0=%d +y_0=0 +ellps=GRS80 +units=m +no_defs",
                        centralMeridian,
                        falseEasting),
                true);
    }

    public static List<ProjectedCrs> all() {
        return ALL;
    }

    /** From {@code EPSG:4498}, {@code http://www.opengis.net/def/crs/EPSG/0/4498} or {@code [EPSG:4498]}; {@code null} if not offered. */
    public static ProjectedCrs parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        String code;
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EPSG:")) {
            code = t.substring(5);
        } else if (upper.startsWith("HTTP://WWW.OPENGIS.NET/DEF/CRS/EPSG/0/")) {
            code = t.substring("http://www.opengis.net/def/crs/EPSG/0/".length());
        } else {
            return null;
        }
        if (!code.matches("\\d{4,5}")) {
            return null;
        }
        return BY_CODE.get(Integer.parseInt(code));
    }

    public String uri() {
        return "http://www.opengis.net/def/crs/EPSG/0/" + epsg;
    }

    public String label() {
        return "EPSG:" + epsg;
    }

    /** A projected copy (easting as x, northing as y) of a lon/lat geometry. */
    public Geometry fromLonLat(Geometry lonLat) {
        return Transforms.apply(lonLat, pair()[0]);
    }

    public Coordinate toLonLat(double easting, double northing) {
        ProjCoordinate out = new ProjCoordinate();
        pair()[1].transform(new ProjCoordinate(easting, northing), out);
        return new Coordinate(out.x, out.y);
    }

    public Coordinate fromLonLat(double lon, double lat) {
        ProjCoordinate out = new ProjCoordinate();
        pair()[0].transform(new ProjCoordinate(lon, lat), out);
        return new Coordinate(out.x, out.y);
    }

    /**
     * The lon/lat envelope of a projected box: its edges are sampled (a Gauss-Krüger box's edges
     * bend in lon/lat), 64 points a side, far finer than any layer's accuracy.
     */
    public Envelope toLonLat(Envelope box) {
        Envelope e = new Envelope();
        int n = 64;
        for (int i = 0; i <= n; i++) {
            double fx = box.getMinX() + box.getWidth() * i / n;
            double fy = box.getMinY() + box.getHeight() * i / n;
            e.expandToInclude(toLonLat(fx, box.getMinY()));
            e.expandToInclude(toLonLat(fx, box.getMaxY()));
            e.expandToInclude(toLonLat(box.getMinX(), fy));
            e.expandToInclude(toLonLat(box.getMaxX(), fy));
        }
        // a box made from features' own coordinates must still hold them after the round trip through
        // the projection: grow it by 1e-9° (0.1 mm), far below any layer's accuracy
        e.expandBy(1e-9);
        return e;
    }

    private CoordinateTransform[] pair() {
        return PAIRS.computeIfAbsent(
                        epsg,
                        k -> ThreadLocal.withInitial(() -> new CoordinateTransform[] {
                            TRANSFORMS.createTransform(
                                    CRS_FACTORY.createFromParameters("WGS84", WGS84),
                                    CRS_FACTORY.createFromParameters(label(), proj4)),
                            TRANSFORMS.createTransform(
                                    CRS_FACTORY.createFromParameters(label(), proj4),
                                    CRS_FACTORY.createFromParameters("WGS84", WGS84))
                        }))
                .get();
    }
}
