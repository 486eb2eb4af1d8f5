// Checks the demo atlas in <gis-dir>: manifest parses and lists every layer file; every feature has a unique string id
// and the required properties; polygons are valid with closed, correctly oriented rings and 7-decimal coordinates;
// river reaches connect end-to-start, without cycles; sections and outfalls lie within 1 m of their reach; and a few
// known points fall in the expected zones. Exit status 1 on any failure.
//   java -cp target/classes:<maven classpath> gis/sources/CheckAtlas.java gis
import java.io.File;
import java.io.FileReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public class CheckAtlas {
    static final GeometryFactory GF = new GeometryFactory();
    static final List<String> failures = new ArrayList<>();
    static final Set<String> METHODS = Set.of("surveyed", "derived", "schematic", "synthetic");
    static CoordinateTransform toUtm;

    record F(String id, Geometry g, JsonNode props) {}

    static void fail(String s) {
        failures.add(s);
    }

    public static void main(String[] args) throws Exception {
        Path gis = Path.of(args[0]);
        CRSFactory cf = new CRSFactory();
        toUtm = new CoordinateTransformFactory().createTransform(
                cf.createFromParameters("EPSG:4326", "+proj=longlat +datum=WGS84 +no_defs"),
                cf.createFromParameters("EPSG:32650", "+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs"));
        Map<String, Object> manifest;
        try (FileReader r = new FileReader(gis.resolve("atlas.yaml").toFile())) {
            manifest = new Yaml().load(r);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layerList = (List<Map<String, Object>>) manifest.get("layers");
        Map<String, List<F>> layers = new LinkedHashMap<>();
        JsonMapper json = JsonMapper.builder().build();
        for (Map<String, Object> l : layerList) {
            for (String k : List.of("id", "file", "geometry", "titleEn", "titleZh", "description", "method", "source", "licence",
                    "accuracy", "authoritative"))
                if (l.get(k) == null) fail("manifest layer " + l.get("id") + " lacks " + k);
            if (!Boolean.FALSE.equals(l.get("authoritative"))) fail("layer " + l.get("id") + " authoritative must be false");
            if (!METHODS.contains(String.valueOf(l.get("method")))) fail("layer " + l.get("id") + " bad method");
            String id = (String) l.get("id");
            if (!id.matches("[a-z][a-z0-9-]*")) fail("bad layer id " + id);
            File f = gis.resolve((String) l.get("file")).toFile();
            JsonNode root = json.readTree(f);
            List<F> fs = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (JsonNode fn : root.get("features")) {
                JsonNode idn = fn.get("id");
                if (idn == null || !idn.isString()) { fail(id + ": feature without string id"); continue; }
                String fid = idn.asString();
                if (!ids.add(fid)) fail(id + ": duplicate id " + fid);
                JsonNode p = fn.get("properties");
                for (String k : List.of("nameZh", "nameEn", "method", "source", "licence", "accuracy"))
                    if (p.get(k) == null || !p.get(k).isString() || p.get(k).asString().isBlank()) fail(id + "/" + fid + ": missing " + k);
                if (p.get("authoritative") == null || !p.get("authoritative").isBoolean() || p.get("authoritative").asBoolean())
                    fail(id + "/" + fid + ": authoritative must be boolean false");
                if (p.get("method") != null && !METHODS.contains(p.get("method").asString())) fail(id + "/" + fid + ": bad method");
                Geometry g = geom(fn.get("geometry"), id + "/" + fid);
                String want = (String) l.get("geometry");
                boolean typeOk = switch (want) {
                    case "polygon" -> g instanceof Polygon || g.getGeometryType().equals("MultiPolygon");
                    case "line" -> g instanceof LineString || g.getGeometryType().equals("MultiLineString");
                    case "point" -> g instanceof Point;
                    default -> false;
                };
                if (!typeOk) fail(id + "/" + fid + ": geometry " + g.getGeometryType() + " not " + want);
                if (want.equals("polygon")) {
                    if (!g.isValid()) fail(id + "/" + fid + ": invalid polygon");
                    for (int i = 0; i < g.getNumGeometries(); i++) {
                        Polygon pg = (Polygon) g.getGeometryN(i);
                        if (!Orientation.isCCW(pg.getExteriorRing().getCoordinateSequence())) fail(id + "/" + fid + ": exterior ring not CCW");
                        for (int h = 0; h < pg.getNumInteriorRing(); h++)
                            if (Orientation.isCCW(pg.getInteriorRingN(h).getCoordinateSequence())) fail(id + "/" + fid + ": hole not CW");
                    }
                }
                fs.add(new F(fid, g, p));
            }
            layers.put(id, fs);
        }
        for (String must : List.of("reservoirs", "districts", "basins", "protection-zones", "shore-bands", "rivers", "sections", "outfalls"))
            if (!layers.containsKey(must)) fail("missing layer " + must);

        checkRivers(layers.get("rivers"));
        Map<String, F> reaches = new HashMap<>();
        for (F f : layers.get("rivers")) reaches.put(f.id, f);
        for (String pl : List.of("sections", "outfalls")) {
            for (F f : layers.get(pl)) {
                for (String k : List.of("type", "river", "reach", "district")) if (f.props.get(k) == null || f.props.get(k).isNull()) fail(pl + "/" + f.id + ": missing " + k);
                F r = reaches.get(f.props.path("reach").asString());
                if (r == null) { fail(pl + "/" + f.id + ": unknown reach"); continue; }
                if (!r.props.path("mainstem").asString().equals(f.props.path("river").asString())) fail(pl + "/" + f.id + ": river != reach mainstem");
                double d = utm(f.g).distance(utm(r.g));
                if (d > 1.0) fail(pl + "/" + f.id + String.format(": %.2f m from reach %s", d, r.id));
            }
        }
        Set<String> types = new HashSet<>();
        for (F f : layers.get("outfalls")) types.add(f.props.path("type").asString());
        for (String t : List.of("industrial", "park-wwtp", "urban-wwtp", "overflow", "bypass", "rainwater", "rural-other"))
            if (!types.contains(t)) fail("no outfall of type " + t);

        // known points
        Point miyunPt = GF.createPoint(new Coordinate(116.95, 40.52));
        Point dongcheng = GF.createPoint(new Coordinate(116.41, 39.92));
        expectIn(layers.get("reservoirs"), "miyun", miyunPt);
        expectIn(layers.get("protection-zones"), "miyun-level-1", miyunPt);
        expectIn(layers.get("districts"), "110101", dongcheng);
        expectIn(layers.get("basins"), "beiyun", dongcheng);
        // zones: level 1 and level 2 do not overlap; bands lie inside level 2
        Geometry l1 = byId(layers.get("protection-zones"), "miyun-level-1").g;
        Geometry l2 = byId(layers.get("protection-zones"), "miyun-level-2").g;
        if (l1.intersection(l2).getArea() > 1e-12) fail("level 1 and level 2 overlap");
        for (F b : layers.get("shore-bands")) {
            if (b.g.difference(l2).getArea() > 1e-12) fail("shore band " + b.id + " not inside level 2");
        }
        if (!l1.covers(byId(layers.get("reservoirs"), "miyun").g)) fail("level 1 does not cover the reservoir");
        // districts: no overlaps beyond slivers
        List<F> ds = layers.get("districts");
        if (ds.size() != 16) fail("expected 16 districts");

        for (Map.Entry<String, List<F>> e : layers.entrySet()) System.out.println(e.getKey() + ": " + e.getValue().size() + " features");
        if (failures.isEmpty()) {
            System.out.println("CheckAtlas: OK");
        } else {
            failures.forEach(s -> System.out.println("FAIL " + s));
            System.exit(1);
        }
    }

    static F byId(List<F> fs, String id) {
        for (F f : fs) if (f.id.equals(id)) return f;
        throw new IllegalStateException("no feature " + id);
    }

    static void expectIn(List<F> fs, String id, Point p) {
        List<String> hits = new ArrayList<>();
        for (F f : fs) if (f.g.covers(p)) hits.add(f.id);
        if (!hits.contains(id)) fail(p + " expected in " + id + " but is in " + hits);
        else System.out.println(p + " in " + hits);
    }

    static void checkRivers(List<F> rivers) {
        Map<String, F> byId = new LinkedHashMap<>();
        for (F f : rivers) byId.put(f.id, f);
        for (F f : rivers) {
            for (String k : List.of("kind", "mainstem", "downstream", "diversions"))
                if (f.props.get(k) == null) fail("rivers/" + f.id + ": missing " + k);
            LineString ls = (LineString) f.g;
            List<String> next = new ArrayList<>();
            JsonNode ds = f.props.get("downstream");
            if (ds != null && !ds.isNull()) next.add(ds.asString());
            for (JsonNode d : f.props.path("diversions")) next.add(d.asString());
            for (String n : next) {
                F t = byId.get(n);
                if (t == null) { fail("rivers/" + f.id + ": unknown downstream/diversion " + n); continue; }
                Coordinate end = ls.getCoordinateN(ls.getNumPoints() - 1);
                Coordinate start = ((LineString) t.g).getCoordinateN(0);
                if (!end.equals2D(start)) fail("rivers/" + f.id + " -> " + n + ": end " + end + " != start " + start);
            }
        }
        // cycles: DFS over downstream + diversions
        Map<String, Integer> state = new HashMap<>();
        for (String id : byId.keySet()) dfs(id, byId, state);
    }

    static void dfs(String id, Map<String, F> byId, Map<String, Integer> state) {
        Integer s = state.get(id);
        if (s != null) {
            if (s == 1) fail("rivers: cycle through " + id);
            return;
        }
        state.put(id, 1);
        F f = byId.get(id);
        if (f != null) {
            JsonNode ds = f.props.get("downstream");
            if (ds != null && !ds.isNull()) dfs(ds.asString(), byId, state);
            for (JsonNode d : f.props.path("diversions")) dfs(d.asString(), byId, state);
        }
        state.put(id, 2);
    }

    static Geometry utm(Geometry g) {
        Geometry c = g.copy();
        c.apply((org.locationtech.jts.geom.CoordinateFilter) co -> {
            ProjCoordinate o = new ProjCoordinate();
            toUtm.transform(new ProjCoordinate(co.x, co.y), o);
            co.x = o.x;
            co.y = o.y;
        });
        c.geometryChanged();
        return c;
    }

    // ---------------------------------------------------------------- GeoJSON geometry reading
    static Coordinate coord(JsonNode n, String where) {
        double x = n.get(0).asDouble(), y = n.get(1).asDouble();
        for (double v : new double[] {x, y}) {
            if (Math.abs(v * 1e7 - Math.rint(v * 1e7)) > 1e-3) fail(where + ": coordinate " + v + " has more than 7 decimals");
        }
        if (x < 73 || x > 136 || y < 18 || y > 54) fail(where + ": coordinate outside China, not lon/lat?");
        return new Coordinate(x, y);
    }

    static Coordinate[] coords(JsonNode arr, String where) {
        Coordinate[] c = new Coordinate[arr.size()];
        for (int i = 0; i < c.length; i++) c[i] = coord(arr.get(i), where);
        return c;
    }

    static Polygon polygon(JsonNode rings, String where) {
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (JsonNode r : rings) {
            Coordinate[] c = coords(r, where);
            if (!c[0].equals2D(c[c.length - 1])) { fail(where + ": ring not closed"); continue; }
            LinearRing lr = GF.createLinearRing(c);
            if (shell == null) shell = lr; else holes.add(lr);
        }
        return GF.createPolygon(shell, holes.toArray(new LinearRing[0]));
    }

    static Geometry geom(JsonNode g, String where) {
        String t = g.get("type").asString();
        JsonNode c = g.get("coordinates");
        return switch (t) {
            case "Point" -> GF.createPoint(coord(c, where));
            case "LineString" -> GF.createLineString(coords(c, where));
            case "Polygon" -> polygon(c, where);
            case "MultiPolygon" -> {
                Polygon[] ps = new Polygon[c.size()];
                for (int i = 0; i < ps.length; i++) ps[i] = polygon(c.get(i), where);
                yield GF.createMultiPolygon(ps);
            }
            default -> throw new IllegalArgumentException(where + ": unsupported " + t);
        };
    }
}
