// Builds the Liuyu demo atlas (gis/layers/*.geojson and gis/atlas.yaml) from the registry-package
// extracts made by build.sh. Run (from the repository root):
//   java -cp target/classes:<maven classpath> gis/sources/DemoAtlas.java <build-dir> gis
// <build-dir> must hold miyun.txt, guanting.txt, rivers.txt (GMT multi-segment text from `gmt coast`)
// and districts_gcj02.txt (from decode-echarts.js). Output is deterministic: fixed feature order,
// coordinates snapped to a 1e-7 degree grid, fixed number formatting.
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import liuyu.geo.Gcj02;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.UnaryUnionNG;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

public class DemoAtlas {
    static final GeometryFactory GF = new GeometryFactory();
    static final PrecisionModel PM = new PrecisionModel(1e7);
    static final CoordinateTransform TO_UTM;
    static final CoordinateTransform TO_WGS;

    static {
        CRSFactory f = new CRSFactory();
        CoordinateTransformFactory ctf = new CoordinateTransformFactory();
        // EPSG:4326 and EPSG:32650 by their PROJ definitions (the EPSG name database is a separate artifact, proj4j-epsg)
        var wgs = f.createFromParameters("EPSG:4326", "+proj=longlat +datum=WGS84 +no_defs");
        var utm = f.createFromParameters("EPSG:32650", "+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs");
        TO_UTM = ctf.createTransform(wgs, utm);
        TO_WGS = ctf.createTransform(utm, wgs);
    }

    static final String VERSION = "2026-11-24";
    static final String GSHHG_SRC = "GSHHG 2.3.7 WDBII, Debian package gmt-gshhg-full (extracted with gmt coast)";
    static final String GSHHG_LAKE_SRC = "GSHHG 2.3.7 WDBII lakes, Debian package gmt-gshhg-full";
    static final String GSHHG_RIVER_SRC = "GSHHG 2.3.7 WDBII rivers, Debian package gmt-gshhg-full";
    static final String LGPL = "LGPL-3.0-or-later";
    static final String ECHARTS_SRC = "echarts@4.9.0 npm package, map/json/province/beijing.json";
    static final String DEMO_SRC = "Liuyu demo (gis/sources/DemoAtlas.java)";
    static final String DEMO_LICENCE = "Apache-2.0";

    public static void main(String[] args) throws IOException {
        Path build = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out.resolve("layers"));
        DemoAtlas a = new DemoAtlas();
        a.run(build, out);
    }

    // ------------------------------------------------------------------ inputs
    static List<List<Coordinate>> readGmt(Path p) throws IOException {
        List<List<Coordinate>> segs = new ArrayList<>();
        List<Coordinate> cur = null;
        for (String line : Files.readAllLines(p)) {
            line = line.trim();
            if (line.isEmpty()) continue;
            if (line.startsWith(">")) {
                cur = new ArrayList<>();
                segs.add(cur);
                continue;
            }
            if (line.startsWith("#")) continue;
            String[] t = line.split("\\s+");
            if (cur == null) {
                cur = new ArrayList<>();
                segs.add(cur);
            }
            cur.add(new Coordinate(Double.parseDouble(t[0]), Double.parseDouble(t[1])));
        }
        return segs;
    }

    static Polygon ringPolygon(List<Coordinate> pts) {
        List<Coordinate> c = new ArrayList<>(pts);
        if (!c.get(0).equals2D(c.get(c.size() - 1))) c.add(new Coordinate(c.get(0)));
        return GF.createPolygon(c.toArray(new Coordinate[0]));
    }

    record District(String code, String nameZh, Geometry gcj) {}

    static List<District> readDistricts(Path p) throws IOException {
        List<District> out = new ArrayList<>();
        String code = null, name = null;
        List<List<List<Coordinate>>> polys = null;
        List<String> lines = new ArrayList<>(Files.readAllLines(p, StandardCharsets.UTF_8));
        lines.add("F end end");
        for (String line : lines) {
            if (line.isBlank()) continue;
            if (line.startsWith("F ")) {
                if (code != null) out.add(new District(code, name, toGeom(polys)));
                String[] t = line.split(" ", 3);
                code = t[1];
                name = t[2];
                polys = new ArrayList<>();
            } else if (line.equals("P")) {
                polys.add(new ArrayList<>());
            } else if (line.equals("R")) {
                polys.get(polys.size() - 1).add(new ArrayList<>());
            } else {
                String[] t = line.split(" ");
                List<List<Coordinate>> poly = polys.get(polys.size() - 1);
                poly.get(poly.size() - 1).add(new Coordinate(Double.parseDouble(t[0]), Double.parseDouble(t[1])));
            }
        }
        return out;
    }

    static Geometry toGeom(List<List<List<Coordinate>>> polys) {
        List<Polygon> ps = new ArrayList<>();
        for (List<List<Coordinate>> poly : polys) {
            LinearRing shell = null;
            List<LinearRing> holes = new ArrayList<>();
            for (List<Coordinate> r : poly) {
                List<Coordinate> c = new ArrayList<>(r);
                if (!c.get(0).equals2D(c.get(c.size() - 1))) c.add(new Coordinate(c.get(0)));
                LinearRing lr = GF.createLinearRing(c.toArray(new Coordinate[0]));
                if (shell == null) shell = lr; else holes.add(lr);
            }
            ps.add(GF.createPolygon(shell, holes.toArray(new LinearRing[0])));
        }
        return ps.size() == 1 ? ps.get(0) : GF.createMultiPolygon(ps.toArray(new Polygon[0]));
    }

    // ------------------------------------------------------------------ geometry helpers
    static Geometry transform(Geometry g, CoordinateTransform t) {
        Geometry c = g.copy();
        c.apply((CoordinateFilter) co -> {
            ProjCoordinate in = new ProjCoordinate(co.x, co.y);
            ProjCoordinate o = new ProjCoordinate();
            t.transform(in, o);
            co.x = o.x;
            co.y = o.y;
        });
        c.geometryChanged();
        return c;
    }

    static double signedAreaSum(Geometry g) {
        double a = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            a += Math.abs(org.locationtech.jts.algorithm.Area.ofRingSigned(p.getExteriorRing().getCoordinateSequence()));
            for (int h = 0; h < p.getNumInteriorRing(); h++)
                a -= Math.abs(org.locationtech.jts.algorithm.Area.ofRingSigned(p.getInteriorRingN(h).getCoordinateSequence()));
        }
        return a;
    }

    static Geometry gcjToWgs(Geometry g) {
        Geometry c = g.copy();
        c.apply((CoordinateFilter) co -> {
            double[] w = Gcj02.toWgs84(co.x, co.y);
            co.x = w[0];
            co.y = w[1];
        });
        c.geometryChanged();
        return c;
    }

    static double areaKm2(Geometry wgs) {
        return transform(wgs, TO_UTM).getArea() / 1e6;
    }

    static double lengthKm(Geometry wgs) {
        return transform(wgs, TO_UTM).getLength() / 1e3;
    }

    /** Buffer in metres (UTM 50N), back to WGS84, snapped to the 1e-7 degree grid. */
    static Geometry bufferM(Geometry wgs, double metres) {
        Geometry b = transform(wgs, TO_UTM).buffer(metres);
        return snap(transform(b, TO_WGS));
    }

    static Geometry snap(Geometry g) {
        return GeometryPrecisionReducer.reduce(g, PM);
    }

    static Coordinate snap(Coordinate c) {
        return new Coordinate(PM.makePrecise(c.x), PM.makePrecise(c.y));
    }

    /** Exterior rings counter-clockwise, holes clockwise (RFC 7946). */
    static Geometry orient(Geometry g) {
        if (g instanceof Polygon p) return orientPolygon(p);
        if (g instanceof MultiPolygon mp) {
            Polygon[] ps = new Polygon[mp.getNumGeometries()];
            for (int i = 0; i < ps.length; i++) ps[i] = orientPolygon((Polygon) mp.getGeometryN(i));
            return GF.createMultiPolygon(ps);
        }
        return g;
    }

    static Polygon orientPolygon(Polygon p) {
        LinearRing shell = p.getExteriorRing();
        if (!Orientation.isCCW(shell.getCoordinateSequence())) shell = shell.reverse();
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            LinearRing h = p.getInteriorRingN(i);
            holes[i] = Orientation.isCCW(h.getCoordinateSequence()) ? h.reverse() : h;
        }
        return GF.createPolygon(shell, holes);
    }

    static Geometry polygonal(Geometry g) {
        // keep only polygon parts (overlay results are polygonal here, but be strict)
        List<Polygon> ps = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry c = g.getGeometryN(i);
            if (c instanceof Polygon p && !p.isEmpty()) ps.add(p);
        }
        return ps.size() == 1 ? ps.get(0) : GF.createMultiPolygon(ps.toArray(new Polygon[0]));
    }

    static Geometry finishPolygon(Geometry g, String what) {
        Geometry r = orient(polygonal(g));
        if (!r.isValid()) throw new IllegalStateException("invalid polygon: " + what);
        return r;
    }

    // ------------------------------------------------------------------ features
    static final class Feature {
        final String id;
        final Geometry geom;
        final Map<String, Object> props = new LinkedHashMap<>();

        Feature(String id, Geometry geom) {
            this.id = id;
            this.geom = geom;
        }

        Feature p(String k, Object v) {
            props.put(k, v);
            return this;
        }
    }

    static Feature feature(String id, Geometry g, String nameZh, String nameEn, String method, String source,
            String licence, String accuracy) {
        return new Feature(id, g).p("nameZh", nameZh).p("nameEn", nameEn).p("method", method).p("source", source)
                .p("licence", licence).p("accuracy", accuracy).p("authoritative", false);
    }

    static final class Layer {
        String id, geometry, titleEn, titleZh, description, method, source, licence, accuracy, validFrom, citation;
        final List<Feature> features = new ArrayList<>();
    }

    final List<Layer> layers = new ArrayList<>();

    Layer layer(String id, String geometry, String titleEn, String titleZh, String method, String source,
            String licence, String accuracy, String citation, String description) {
        Layer l = new Layer();
        l.id = id;
        l.geometry = geometry;
        l.titleEn = titleEn;
        l.titleZh = titleZh;
        l.method = method;
        l.source = source;
        l.licence = licence;
        l.accuracy = accuracy;
        l.citation = citation;
        l.description = description;
        layers.add(l);
        return l;
    }

    // ------------------------------------------------------------------ build
    Geometry miyunL1;
    List<Feature> districtFeatures = new ArrayList<>();
    List<Feature> basinFeatures = new ArrayList<>();
    final Map<String, Reach> reaches = new LinkedHashMap<>();

    static final String[][] DISTRICT_EN = {
        {"110101", "Dongcheng"}, {"110102", "Xicheng"}, {"110105", "Chaoyang"}, {"110106", "Fengtai"},
        {"110107", "Shijingshan"}, {"110108", "Haidian"}, {"110109", "Mentougou"}, {"110111", "Fangshan"},
        {"110112", "Tongzhou"}, {"110113", "Shunyi"}, {"110114", "Changping"}, {"110115", "Daxing"},
        {"110116", "Huairou"}, {"110117", "Pinggu"}, {"110118", "Miyun"}, {"110119", "Yanqing"}};

    void run(Path build, Path out) throws IOException {
        reservoirs(build);
        districts(build);
        basins();
        protectionZones();
        rivers(build);
        sections();
        outfalls();
        riverFeatures();
        for (Layer l : layers) writeLayer(out.resolve("layers").resolve(l.id + ".geojson"), l);
        writeManifest(out.resolve("atlas.yaml"));
    }

    Geometry miyunWater;

    void reservoirs(Path build) throws IOException {
        List<List<Coordinate>> m = readGmt(build.resolve("miyun.txt"));
        List<List<Coordinate>> g = readGmt(build.resolve("guanting.txt"));
        if (m.size() != 1 || g.size() != 1) throw new IllegalStateException("expected one Miyun and one Guanting segment");
        miyunWater = finishPolygon(snap(ringPolygon(m.get(0))), "miyun");
        Geometry guanting = finishPolygon(snap(ringPolygon(g.get(0))), "guanting");
        String acc = "Generalised GSHHG/WDBII outline (" + "a low-water shoreline of the 1990s-era World Data Bank II); "
                + "shoreline errors of several hundred metres are to be expected.";
        Layer l = layer("reservoirs", "polygon", "Reservoirs", "水库", "derived", GSHHG_LAKE_SRC, LGPL, acc, "beijing-pollution-opinions-2018/7.2a",
                "Outlines of Miyun and Guanting reservoirs from the GSHHG WDBII lake layer (gmt coast, full resolution), "
                        + "closed into polygons. A generalised outline, not the legal reservoir boundary or a surveyed shoreline; "
                        + "do not use it to decide whether a site lies in the reservoir area 库区.");
        l.features.add(feature("miyun", miyunWater, "密云水库", "Miyun Reservoir", "derived", GSHHG_LAKE_SRC, LGPL, acc)
                .p("kind", "reservoir")
                .p("role", "main surface drinking-water source and strategic water reserve of Beijing")
                .p("citation", "miyun-water-ecology-2023/1.2a, miyun-water-ecology-2023/1.2b, beijing-pollution-opinions-2018/7.2a")
                .p("areaKm2", round(areaKm2(miyunWater), 2)));
        l.features.add(feature("guanting", guanting, "官厅水库", "Guanting Reservoir", "derived", GSHHG_LAKE_SRC, LGPL, acc)
                .p("kind", "reservoir")
                .p("role", "Yongding reservoir whose drinking-water function is to be restored as a strategic reserve source")
                .p("citation", "beijing-eco-conservation-2023/2.8, beijing-river-chief-2023/4.1")
                .p("areaKm2", round(areaKm2(guanting), 2)));
    }

    void districts(Path build) throws IOException {
        List<District> ds = readDistricts(build.resolve("districts_gcj02.txt"));
        Map<String, String> en = new LinkedHashMap<>();
        for (String[] e : DISTRICT_EN) en.put(e[0], e[1]);
        List<String> fixed = new ArrayList<>();
        String acc = "Generalised outlines quantised to 1/1024 degree (about 100 m) in the ECharts map file, converted from GCJ-02 "
                + "to WGS84 with liuyu.geo.Gcj02.toWgs84; boundary errors of 100-500 m are to be expected.";
        List<Feature> fs = new ArrayList<>();
        for (District d : ds) {
            if (!en.containsKey(d.code())) throw new IllegalStateException("unknown district " + d.code());
            Geometry w = GeometryPrecisionReducer.reducePointwise(gcjToWgs(d.gcj()), PM);
            if (!w.isValid()) {
                System.err.println("district " + d.code() + " invalid after conversion: "
                        + new org.locationtech.jts.operation.valid.IsValidOp(w).getValidationError() + "; repairing with buffer(0)");
                double before = Math.abs(signedAreaSum(w));
                w = snap(w.buffer(0));
                System.err.printf("  area (deg^2) before %.8f after %.8f%n", before, w.getArea());
                fixed.add(d.code());
            }
            w = finishPolygon(w, d.code());
            fs.add(feature(d.code(), w, d.nameZh(), en.get(d.code()), "derived", ECHARTS_SRC, "Apache-2.0", acc)
                    .p("adminCode", d.code())
                    .p("areaKm2", round(areaKm2(w), 1)));
        }
        if (fs.size() != 16) throw new IllegalStateException("expected 16 districts, got " + fs.size());
        String fixNote = fixed.isEmpty() ? "All outlines were valid after conversion; no repair was needed."
                : "Outlines of " + String.join(", ", fixed) + " were repaired with buffer(0) after conversion.";
        Layer l = layer("districts", "polygon", "Districts", "行政区", "derived", ECHARTS_SRC, "Apache-2.0", acc, "beijing-river-chief-2023/2.1",
                "The 16 districts of Beijing decoded from the ECharts 4.9.0 map file and converted from GCJ-02 to WGS84. "
                        + fixNote + " Generalised, without a map review number (审图号): demo only, not for legal boundary questions; "
                        + "the Beijing Economic-Technological Development Area is not a separate polygon here.");
        l.features.addAll(fs);
        districtFeatures = fs;
    }

    static final String[][] BASINS = {
        {"yongding", "永定河流域", "Yongding River basin", "110107 110109 110119"},
        {"beiyun", "北运河流域", "North Canal basin", "110101 110102 110105 110106 110108 110112 110114 110115"},
        {"chaobai", "潮白河流域", "Chaobai River basin", "110113 110116 110118"},
        {"daqing", "大清河流域", "Daqing River basin", "110111"},
        {"jiyun", "蓟运河流域", "Jiyun River basin", "110117"}};

    void basins() {
        Map<String, Geometry> byCode = new LinkedHashMap<>();
        for (Feature f : districtFeatures) byCode.put(f.id, f.geom);
        StringBuilder assign = new StringBuilder();
        String acc = "District-based approximation; real basin divides cut across districts, errors of many kilometres.";
        Layer l = layer("basins", "polygon", "Basins (district-based)", "流域（按行政区近似）", "schematic", ECHARTS_SRC + "; " + DEMO_SRC,
                "Apache-2.0", acc, "beijing-river-chief-2023/1.3a", null);
        for (String[] b : BASINS) {
            List<String> codes = Arrays.asList(b[3].split(" "));
            List<Geometry> gs = new ArrayList<>();
            for (String c : codes) gs.add(byCode.get(c));
            Geometry u = UnaryUnionNG.union(GF.buildGeometry(gs), PM);
            u = finishPolygon(u, b[0]);
            l.features.add(feature(b[0], u, b[1], b[2], "schematic", ECHARTS_SRC + "; " + DEMO_SRC, "Apache-2.0", acc)
                    .p("districts", codes)
                    .p("citation", "beijing-river-chief-2023/1.3a")
                    .p("areaKm2", round(areaKm2(u), 1)));
            if (assign.length() > 0) assign.append("; ");
            assign.append(b[0]).append(" = ").append(String.join(", ", codes));
        }
        l.description = "The five basins named in beijing-river-chief-2023/1.3a, each approximated as the union of whole districts (district-based approximation; "
                + "real basin divides cut across districts). Assignment: " + assign
                + ". Do not use for basin membership of a specific site near a divide.";
        basinFeatures = l.features;
    }

    static final double L1_BUFFER_M = 300;
    static final double L2_BUFFER_M = 3000;
    static final double BAND_SPLIT_M = 150;

    void protectionZones() {
        miyunL1 = finishPolygon(bufferM(miyunWater, L1_BUFFER_M), "miyun-l1");
        Geometry outer = bufferM(miyunL1, L2_BUFFER_M);
        Geometry l2 = finishPolygon(OverlayNG.overlay(outer, miyunL1, OverlayNG.DIFFERENCE, PM), "miyun-l2");
        String acc = "Schematic stand-in: the real level-1 boundary follows the 155 m contour, which no available data gives; "
                + "differences of a kilometre or more are possible.";
        Layer l = layer("protection-zones", "polygon", "Drinking-water source protection zones (Miyun, schematic)", "饮用水水源保护区（密云水库，示意）",
                "schematic", GSHHG_LAKE_SRC + "; " + DEMO_SRC, LGPL, acc, "beijing-pollution-opinions-2018/7.2a",
                "Miyun reservoir source protection zones. Level 1 is defined as the land below the 155 m elevation line around the reservoir "
                        + "(miyun-water-ecology-2023/2.3.2.2, beijing-pollution-opinions-2018/7.2a); without a DEM the geometry is a stand-in: the GSHHG reservoir polygon buffered outward by "
                        + (int) L1_BUFFER_M + " m. Level 2 is a stand-in ring from the level-1 edge out to " + (int) (L2_BUFFER_M / 1000)
                        + " km. Not the legally designated boundaries; use only to demonstrate zone queries.");
        l.features.add(feature("miyun-level-1", miyunL1, "密云水库一级保护区（示意）", "Miyun reservoir level-1 protection zone (schematic)",
                "schematic", GSHHG_LAKE_SRC + "; " + DEMO_SRC, LGPL, acc)
                .p("level", 1).p("waterSource", "密云水库")
                .p("definingRule", "land below the 155 m elevation line around the reservoir (stand-in: GSHHG outline + "
                        + (int) L1_BUFFER_M + " m)")
                .p("citation", "miyun-water-ecology-2023/2.3.2.2, beijing-pollution-opinions-2018/7.2a")
                .p("areaKm2", round(areaKm2(miyunL1), 1)));
        l.features.add(feature("miyun-level-2", l2, "密云水库二级保护区（示意）", "Miyun reservoir level-2 protection zone (schematic)",
                "schematic", GSHHG_LAKE_SRC + "; " + DEMO_SRC, LGPL, acc + " The level-2 extent is entirely schematic.")
                .p("level", 2).p("waterSource", "密云水库")
                .p("definingRule", "level-2 zone around the level-1 zone; outfalls forbidden, industrial enterprises removed (stand-in: ring from the level-1 edge out to "
                        + (int) (L2_BUFFER_M / 1000) + " km)")
                .p("citation", "beijing-pollution-opinions-2018/7.2a")
                .p("areaKm2", round(areaKm2(l2), 1)));

        // shore bands: 0-150 m and 150-300 m beyond the level-1 edge
        Geometry b1 = bufferM(miyunL1, BAND_SPLIT_M);
        Geometry b2 = bufferM(miyunL1, 2 * BAND_SPLIT_M);
        // keep the bands inside level 2 exactly
        b1 = OverlayNG.overlay(b1, outer, OverlayNG.INTERSECTION, PM);
        b2 = OverlayNG.overlay(b2, outer, OverlayNG.INTERSECTION, PM);
        Geometry band1 = finishPolygon(OverlayNG.overlay(b1, miyunL1, OverlayNG.DIFFERENCE, PM), "band1");
        Geometry band2 = finishPolygon(OverlayNG.overlay(b2, b1, OverlayNG.DIFFERENCE, PM), "band2");
        String bacc = "Schematic stand-in for an elevation band: a fixed-width ring outside the schematic level-1 zone, not the 155-160 m contours.";
        String src = GSHHG_LAKE_SRC + "; " + DEMO_SRC;
        Layer s = layer("shore-bands", "polygon", "Miyun shore bands 155-160 m (schematic)", "密云水库库滨带155米—160米（示意）", "schematic",
                src, LGPL, bacc, "miyun-water-ecology-2023/2.2.2.2a",
                "The 155-157.5 m and 157.5-160 m shore bands of Miyun reservoir (miyun-water-ecology-2023/2.2.2.2a, miyun-water-ecology-2023/2.2.2.2b, miyun-water-ecology-2023/2.2.2.2c). Without a DEM they are drawn as rings "
                        + "0-" + (int) BAND_SPLIT_M + " m and " + (int) BAND_SPLIT_M + "-" + (int) (2 * BAND_SPLIT_M)
                        + " m beyond the schematic level-1 edge (inside level 2). Stand-in geometry; not for siting decisions.");
        s.features.add(feature("band-155-157_5", band1, "库滨带155米—157.5米（示意）", "Shore band 155-157.5 m (schematic)", "schematic", src, LGPL, bacc)
                .p("reservoir", "miyun").p("lowerM", 155).p("upperM", 157.5)
                .p("planting", "tree belt → shrub belt → wetland, from the shore down (乔木带—灌木带—湿地水域)")
                .p("plantingZh", "在155米—157.5米高程范围内依次采用乔木带—灌木带—湿地水域的布局方式，合理设计绿化复层种植结构，配置适宜的乔、灌、草种植比例，形成由低到高、由疏到密的植物带。")
                .p("citation", "miyun-water-ecology-2023/2.2.2.2a, miyun-water-ecology-2023/2.2.2.2b")
                .p("areaKm2", round(areaKm2(band1), 2)));
        s.features.add(feature("band-157_5-160", band2, "库滨带157.5米—160米（示意）", "Shore band 157.5-160 m (schematic)", "schematic", src, LGPL, bacc)
                .p("reservoir", "miyun").p("lowerM", 157.5).p("upperM", 160)
                .p("planting", "tree shelterbelt 防护林带 sized to erosion")
                .p("plantingZh", "根据水土流失程度，在157.5米—160米高程范围种植乔木防护林带，形成防风固土、涵养水源、控制蒸发的环库绿化林带。")
                .p("citation", "miyun-water-ecology-2023/2.2.2.2a, miyun-water-ecology-2023/2.2.2.2c")
                .p("areaKm2", round(areaKm2(band2), 2)));
    }

    // ------------------------------------------------------------------ rivers
    static final class Reach {
        String id, nameZh, nameEn, mainstem, kind, method, source, licence, accuracy;
        List<Coordinate> coords;
        String downstream;
        List<String> diversions = new ArrayList<>();
        Double documentedLengthKm;
        final Map<String, Object> extra = new LinkedHashMap<>();

        LineString line() {
            return GF.createLineString(coords.toArray(new Coordinate[0]));
        }

        Coordinate last() {
            return coords.get(coords.size() - 1);
        }

        Coordinate first() {
            return coords.get(0);
        }
    }

    static final String SCHEMATIC_RIVER_ACC = "Schematic: known order of places and connections, positions approximate (errors of kilometres); "
            + "geometry length is not the river length.";
    static final String DERIVED_RIVER_ACC = "GSHHG WDBII river line (generalised, errors of hundreds of metres); name and flow direction assigned by the demo.";

    Reach reach(String id, String mainstem, String nameZh, String nameEn, String kind, String method, List<Coordinate> coords) {
        Reach r = new Reach();
        r.id = id;
        r.mainstem = mainstem;
        r.nameZh = nameZh;
        r.nameEn = nameEn;
        r.kind = kind;
        r.method = method;
        if (method.equals("derived")) {
            r.source = GSHHG_RIVER_SRC;
            r.licence = LGPL;
            r.accuracy = DERIVED_RIVER_ACC;
        } else {
            r.source = DEMO_SRC + " after published descriptions of the river network (the order of places along each river and documented reach lengths)";
            r.licence = DEMO_LICENCE;
            r.accuracy = SCHEMATIC_RIVER_ACC;
        }
        List<Coordinate> c = new ArrayList<>();
        for (Coordinate x : coords) {
            Coordinate s = snap(x);
            if (c.isEmpty() || !c.get(c.size() - 1).equals2D(s)) c.add(s);
        }
        r.coords = c;
        reaches.put(id, r);
        return r;
    }

    static List<Coordinate> pts(double... xy) {
        List<Coordinate> c = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) c.add(new Coordinate(xy[i], xy[i + 1]));
        return c;
    }

    @SafeVarargs
    static List<Coordinate> join(List<Coordinate>... parts) {
        List<Coordinate> c = new ArrayList<>();
        for (List<Coordinate> p : parts) {
            for (Coordinate x : p) if (c.isEmpty() || !c.get(c.size() - 1).equals2D(x)) c.add(x);
        }
        return c;
    }

    static Coordinate at(double x, double y) {
        return new Coordinate(x, y);
    }

    /** Concatenate GSHHG segments (1-based indices into rivers.txt) that meet at bin edges, oriented from the upstream hint. */
    static List<Coordinate> chain(List<List<Coordinate>> segs, Coordinate upstreamHint, int... idx) {
        List<Coordinate> c = new ArrayList<>();
        for (int k = 0; k < idx.length; k++) {
            List<Coordinate> s = new ArrayList<>(segs.get(idx[k] - 1));
            if (k == 0 && idx.length > 1) {
                List<Coordinate> n = segs.get(idx[1] - 1);
                Coordinate e = s.get(s.size() - 1);
                if (!(e.equals2D(n.get(0), 1e-9) || e.equals2D(n.get(n.size() - 1), 1e-9))) Collections.reverse(s);
            } else if (k > 0) {
                Coordinate e = c.get(c.size() - 1);
                if (!s.get(0).equals2D(e, 1e-9)) Collections.reverse(s);
                if (!s.get(0).equals2D(e, 1e-9)) throw new IllegalStateException("GSHHG segments do not meet: " + idx[k]);
                s.remove(0);
            }
            c.addAll(s);
        }
        if (c.get(0).distance(upstreamHint) > c.get(c.size() - 1).distance(upstreamHint)) Collections.reverse(c);
        return c;
    }

    static int nearestVertex(List<Coordinate> c, Coordinate t) {
        int best = 0;
        for (int i = 1; i < c.size(); i++) if (c.get(i).distance(t) < c.get(best).distance(t)) best = i;
        return best;
    }

    static void expectNear(List<Coordinate> c, double x, double y, String what) {
        if (c.get(0).distance(new Coordinate(x, y)) > 0.01)
            throw new IllegalStateException("unexpected GSHHG geometry for " + what + ": starts at " + c.get(0));
    }

    void rivers(Path build) throws IOException {
        List<List<Coordinate>> segs = readGmt(build.resolve("rivers.txt"));
        if (segs.size() != 42) throw new IllegalStateException("expected 42 GSHHG river segments, got " + segs.size());

        // GSHHG trunks (segment numbers as listed by `gmt coast -R115.3/117.8/39.3/41.2 -Df -Ia -M`)
        List<Coordinate> yongding = chain(segs, at(115.59, 40.23), 10, 17, 19);
        expectNear(yongding, 115.58833, 40.23278, "yongding");
        List<Coordinate> chaobai = chain(segs, at(116.83, 40.48), 12, 23);
        expectNear(chaobai, 116.82806, 40.47889, "chaobai");
        List<Coordinate> wenyu = chain(segs, at(116.26, 40.26), 13, 24);
        expectNear(wenyu, 116.25611, 40.25695, "wenyu");
        List<Coordinate> beiyun = chain(segs, at(116.66, 39.92), 26, 41);
        expectNear(beiyun, 116.66278, 39.91917, "beiyun");
        if (!wenyu.get(wenyu.size() - 1).equals2D(beiyun.get(0), 1e-9)) throw new IllegalStateException("wenyu/beiyun do not meet");

        // junction of 白河 (below the dam) and 潮河 below Miyun town: split the GSHHG line there
        int jc = nearestVertex(chaobai, at(116.85, 40.37));
        List<Coordinate> bai3 = chaobai.subList(0, jc + 1);
        List<Coordinate> chaobai1 = chaobai.subList(jc, chaobai.size());
        // 凉水河 joins 北运河 in Tongzhou: split the North Canal there
        int jl = nearestVertex(beiyun, at(116.76, 39.78));
        List<Coordinate> beiyun1 = beiyun.subList(0, jl + 1);
        List<Coordinate> beiyun2 = beiyun.subList(jl, beiyun.size());
        Coordinate liangshuiMouth = beiyun.get(jl);

        Coordinate outlet = snap(chaobai.get(0)); // 白河 dam: GSHHG line starts at the reservoir edge
        Coordinate junctionJ = at(116.92, 40.505); // schematic junction inside the reservoir
        Coordinate eastArm = at(117.0625, 40.5358);
        Coordinate westArm = at(116.8483, 40.5544);
        Coordinate qsMouth = at(116.8647, 40.5353);
        Coordinate bmgMouth = at(116.9228, 40.53);
        Coordinate gubeikou = at(117.15, 40.69);
        Coordinate xiahui = at(117.14, 40.61);
        Coordinate tangheko = at(116.63, 40.73);
        Coordinate labagoumen = at(116.60, 40.93);
        Coordinate huairouRes = at(116.61, 40.33);

        // --- Miyun inflows (schematic)
        Reach r;
        r = reach("chao-1", "chao", "潮河（市界—下会）", "Chao River (city boundary to Xiahui)", "river", "schematic",
                join(List.of(gubeikou), pts(117.158, 40.66), List.of(xiahui)));
        r.downstream = "chao-2";
        r.documentedLengthKm = 9.7;
        r = reach("chao-2", "chao", "潮河（下会—密云水库）", "Chao River (Xiahui to Miyun reservoir)", "river", "schematic",
                join(List.of(xiahui), pts(117.12, 40.585, 117.09, 40.56), List.of(eastArm)));
        r.downstream = "miyun-path-chao";
        r.documentedLengthKm = 20.0;
        r = reach("bai-1", "bai", "白河（市界—汤河口）", "Bai River (city boundary to Tanghekou)", "river", "schematic",
                join(pts(116.15, 40.63, 116.30, 40.66, 116.45, 40.70), List.of(tangheko)));
        r.downstream = "bai-2";
        r.extra.put("documentedSpanLengthKm", 133.7);
        r.extra.put("documentedSpan", "bai-1 + bai-2: city boundary to Miyun reservoir, 133.7 km");
        r = reach("bai-2", "bai", "白河（汤河口—密云水库）", "Bai River (Tanghekou to Miyun reservoir)", "river", "schematic",
                join(List.of(tangheko), pts(116.70, 40.66, 116.76, 40.60, 116.82, 40.57), List.of(westArm)));
        r.downstream = "miyun-path-bai";
        r.extra.put("documentedSpanLengthKm", 133.7);
        r.extra.put("documentedSpan", "bai-1 + bai-2: city boundary to Miyun reservoir, 133.7 km");
        r = reach("tang-1", "tang", "汤河（市界—喇叭沟门）", "Tang River (city boundary to Labagoumen)", "river", "schematic",
                join(pts(116.62, 41.02), List.of(labagoumen)));
        r.downstream = "tang-2";
        r.documentedLengthKm = 12.6;
        r = reach("tang-2", "tang", "汤河（喇叭沟门—白河）", "Tang River (Labagoumen to the Bai River)", "river", "schematic",
                join(List.of(labagoumen), pts(116.58, 40.85, 116.62, 40.78), List.of(tangheko)));
        r.downstream = "bai-2";
        r.documentedLengthKm = 40.0;
        r = reach("qingshui-1", "qingshui", "清水河", "Qingshui River", "river", "schematic",
                join(pts(116.90, 40.77, 116.88, 40.70, 116.87, 40.60), List.of(qsMouth)));
        r.downstream = "miyun-path-qingshui";
        r = reach("baimaguan-1", "baimaguan", "白马关河", "Baimaguan River", "river", "schematic",
                join(pts(116.96, 40.70, 116.955, 40.62, 116.935, 40.56), List.of(bmgMouth)));
        r.downstream = "miyun-path-baimaguan";

        // --- artificial paths through Miyun reservoir (schematic; connect inflows to the outlet)
        r = reach("miyun-path-chao", "chao", "密云水库（潮河库区通道）", "Miyun reservoir path (Chao arm)", "artificial-path", "schematic",
                join(List.of(eastArm), pts(117.03, 40.515, 116.99, 40.50, 116.95, 40.50), List.of(junctionJ)));
        r.downstream = "miyun-path-outlet";
        r = reach("miyun-path-bai", "bai", "密云水库（白河库区通道）", "Miyun reservoir path (Bai arm)", "artificial-path", "schematic",
                join(List.of(westArm), pts(116.853, 40.535, 116.856, 40.512, 116.88, 40.506), List.of(junctionJ)));
        r.downstream = "miyun-path-outlet";
        r = reach("miyun-path-qingshui", "qingshui", "密云水库（清水河入库通道）", "Miyun reservoir path (Qingshui inflow)", "artificial-path", "schematic",
                join(List.of(qsMouth), pts(116.875, 40.512), List.of(junctionJ)));
        r.downstream = "miyun-path-outlet";
        r = reach("miyun-path-baimaguan", "baimaguan", "密云水库（白马关河入库通道）", "Miyun reservoir path (Baimaguan inflow)", "artificial-path", "schematic",
                join(List.of(bmgMouth), List.of(junctionJ)));
        r.downstream = "miyun-path-outlet";
        r = reach("miyun-path-outlet", "bai", "密云水库（出库通道）", "Miyun reservoir path (to the outlet)", "artificial-path", "schematic",
                join(List.of(junctionJ), pts(116.87, 40.50, 116.845, 40.492, 116.83, 40.485), List.of(outlet)));
        r.downstream = "bai-3";
        r.diversions.add("jingmi-1");

        // --- below the dams (GSHHG-derived)
        r = reach("bai-3", "bai", "白河（密云水库坝下—潮白河）", "Bai River (below Miyun dam to the Chaobai)", "river", "derived", bai3);
        r.downstream = "chaobai-1";
        r = reach("chaobai-1", "chaobai", "潮白河", "Chaobai River", "river", "derived", chaobai1);
        r.downstream = null;

        // --- 京密引水渠 (schematic diversion)
        r = reach("jingmi-1", "jingmi", "京密引水渠（密云水库—怀柔水库）", "Beijing-Miyun Diversion Canal (Miyun to Huairou reservoir)", "canal", "schematic",
                join(List.of(outlet), pts(116.75, 40.42, 116.66, 40.36), List.of(huairouRes)));
        r.downstream = "jingmi-2";
        r = reach("jingmi-2", "jingmi", "京密引水渠（怀柔水库—城区）", "Beijing-Miyun Diversion Canal (Huairou reservoir to the city)", "canal", "schematic",
                join(List.of(huairouRes), pts(116.45, 40.20, 116.33, 40.08, 116.27, 40.00)));
        r.downstream = null;

        // --- city trunks
        r = reach("yongding-1", "yongding", "永定河（官厅水库坝下）", "Yongding River (below Guanting dam)", "river", "derived", yongding);
        r.downstream = null;
        r = reach("wenyu-1", "wenyu", "温榆河", "Wenyu River", "river", "derived", wenyu);
        r.downstream = "beiyun-1";
        r = reach("beiyun-1", "beiyun", "北运河（北关—凉水河口）", "North Canal (Beiguan to the Liangshui mouth)", "river", "derived", beiyun1);
        r.downstream = "beiyun-2";
        r = reach("beiyun-2", "beiyun", "北运河（凉水河口以下）", "North Canal (below the Liangshui mouth)", "river", "derived", beiyun2);
        r.downstream = null;
        r = reach("liangshui-1", "liangshui", "凉水河", "Liangshui River", "river", "schematic",
                join(pts(116.30, 39.875, 116.37, 39.85, 116.45, 39.83, 116.55, 39.80, 116.64, 39.795, 116.70, 39.79), List.of(liangshuiMouth)));
        r.downstream = "beiyun-2";

        // reservoir paths must run inside the reservoir (interior vertices), report if not
        for (Reach x : reaches.values()) {
            if (!x.kind.equals("artificial-path")) continue;
            for (int i = 1; i < x.coords.size() - 1; i++)
                if (!miyunWater.covers(GF.createPoint(x.coords.get(i))))
                    throw new IllegalStateException(x.id + " vertex " + i + " is outside the reservoir polygon");
        }

        String rs = "Schematic network: ";
        riverLayer = layer("rivers", "line", "Rivers (network)", "河流水系", "schematic", GSHHG_RIVER_SRC + "; " + DEMO_SRC, LGPL,
                "Mixed: GSHHG-derived trunks (errors of hundreds of metres) and schematic reaches (errors of kilometres).", "miyun-water-ecology-2023/2.3.2.3",
                rs + "Miyun inflows (潮河, 白河, 汤河, 清水河, 白马关河), artificial paths through the reservoir to a single outlet at the Bai dam, "
                        + "白河 below the dam joining 潮白河 below Miyun town, the 京密引水渠 diversion, and trunk lines for 永定河, 温榆河/北运河 and 凉水河. "
                        + "Trunks below the dams and in the city use GSHHG WDBII geometry (method derived); the rest is schematic. Lines are drawn in flow "
                        + "direction; documented reach lengths are properties, not geometry lengths. The Chao dam outflow is folded into the single outlet path. "
                        + "Not for distances, river management ranges or siting.");
    }

    Layer riverLayer;

    /** Called after sections and outfalls: their positions were inserted as vertices into the reaches. */
    void riverFeatures() {
        Layer l = riverLayer;
        for (Reach x : reaches.values()) {
            Feature f = feature(x.id, x.line(), x.nameZh, x.nameEn, x.method, x.source, x.licence, x.accuracy)
                    .p("kind", x.kind).p("mainstem", x.mainstem).p("downstream", x.downstream).p("diversions", x.diversions);
            if (x.documentedLengthKm != null) f.p("documentedLengthKm", x.documentedLengthKm);
            for (Map.Entry<String, Object> e : x.extra.entrySet()) f.p(e.getKey(), e.getValue());
            f.p("geometryLengthKm", round(lengthKm(x.line()), 2));
            if (x.documentedLengthKm != null) f.p("lengthSource", "documented reach length from the demo's design notes, not measured");
            l.features.add(f);
        }
    }

    // ------------------------------------------------------------------ points on reaches
    /** A point at a fraction of the reach length, inserted into the reach as a vertex so that it lies exactly on it. */
    Coordinate onReach(String reachId, double fraction) {
        Reach r = reaches.get(reachId);
        LineString ls = r.line();
        if (fraction <= 0) return r.first();
        if (fraction >= 1) return r.last();
        org.locationtech.jts.linearref.LinearLocation loc =
                org.locationtech.jts.linearref.LengthLocationMap.getLocation(ls, ls.getLength() * fraction);
        Coordinate c = snap(loc.getCoordinate(ls));
        int seg = loc.getSegmentIndex();
        if (c.equals2D(r.coords.get(seg))) return r.coords.get(seg);
        if (seg + 1 < r.coords.size() && c.equals2D(r.coords.get(seg + 1))) return r.coords.get(seg + 1);
        r.coords.add(seg + 1, c);
        return c;
    }

    /** The last vertex of the reach (walking downstream) that lies in the given district. */
    Coordinate lastVertexIn(String reachId, String district) {
        Coordinate best = null;
        for (Coordinate c : reaches.get(reachId).coords) if (district.equals(containing(districtFeatures, c))) best = c;
        return best;
    }

    Coordinate vertexNear(String reachId, double x, double y) {
        List<Coordinate> c = reaches.get(reachId).coords;
        return c.get(nearestVertex(c, at(x, y)));
    }

    String containing(List<Feature> fs, Coordinate c) {
        Point p = GF.createPoint(c);
        for (Feature f : fs) if (f.geom.covers(p)) return f.id;
        return null;
    }

    Feature pointFeature(String id, Coordinate c, String reachId, String nameZh, String nameEn, String method, String source,
            String licence, String accuracy) {
        Reach r = reaches.get(reachId);
        return feature(id, GF.createPoint(c), nameZh, nameEn, method, source, licence, accuracy)
                .p("river", r.mainstem).p("reach", reachId);
    }

    void sections() {
        String src = DEMO_SRC + "; names from public monitoring releases";
        String acc = "Approximate position placed on the schematic/derived network; errors of kilometres.";
        Layer l = layer("sections", "point", "Monitoring sections", "监测断面", "schematic", src, DEMO_LICENCE, acc, "miyun-water-ecology-2023/2.3.3.2",
                "Monitoring sections. Six carry real names from public monitoring releases (古北口, 密云水库, 沿河城, 榆林庄, 北关闸, 许各庄); "
                        + "six more are generic placeholders for section types the district plan names without naming the sections (miyun-water-ecology-2023/2.3.3.2). "
                        + "All positions are approximate and snapped onto the demo river network; targets are synthetic demo targets.");
        String tgt = "synthetic demo target";
        Object[][] secs = {
            // id, nameZh, nameEn, reach, x, y (vertex near), type, waterbody, targetClass, citation
            {"gubeikou", "古北口", "Gubeikou", "chao-1", 117.15, 40.69, "cross-border", "river", "II", "miyun-water-ecology-2023/2.3.3.2"},
            {"miyun-reservoir", "密云水库", "Miyun Reservoir", "miyun-path-outlet", 116.92, 40.505, "reservoir", "reservoir", "II", "miyun-water-ecology-2023/2.3.3.2"},
            {"yanhecheng", "沿河城", "Yanhecheng", "yongding-1", 115.66, 40.06, "entering-district", "river", "III", null},
            {"yulinzhuang", "榆林庄", "Yulinzhuang", "beiyun-2", 116.90, 39.70, "cross-border", "river", "IV", null},
            {"beiguanzha", "北关闸", "Beiguan sluice", "wenyu-1", 116.663, 39.919, "confluence", "river", "IV", null},
            {"xugezhuang", "许各庄", "Xugezhuang", "liangshui-1", 116.70, 39.79, "confluence", "river", "IV", null},
        };
        for (Object[] s : secs) {
            Coordinate c = s[0].equals("yulinzhuang") ? lastVertexIn("beiyun-2", "110112") // North Canal leaving Beijing
                    : vertexNear((String) s[3], (Double) s[4], (Double) s[5]);
            Feature f = pointFeature((String) s[0], c, (String) s[3], (String) s[1], (String) s[2], "schematic", src, DEMO_LICENCE, acc);
            sectionProps(f, c, (String) s[6], (String) s[7], (String) s[8], tgt);
            if (s[9] != null) f.p("citation", s[9]);
            l.features.add(f);
        }
        String gsrc = DEMO_SRC + "; section type from miyun-water-ecology-2023/2.3.3.2, name and position not published in the sources";
        Object[][] generic = {
            {"qingshui-cross-border", "清水河京冀跨界断面（示意）", "Qingshui cross-border section (placeholder)", "qingshui-1", 0.0, "cross-border"},
            {"chao-entering-reservoir", "潮河入库断面（示意）", "Chao entering-reservoir section (placeholder)", "chao-2", 1.0, "entering-reservoir"},
            {"bai-entering-reservoir", "白河入库断面（示意）", "Bai entering-reservoir section (placeholder)", "bai-2", 1.0, "entering-reservoir"},
            {"tang-bai-confluence", "汤河入白河汇合处断面（示意）", "Tang-Bai confluence section (placeholder)", "tang-2", 1.0, "confluence"},
            {"bai-entering-miyun", "白河入密云区断面（示意）", "Bai entering Miyun district section (placeholder)", "bai-2", 0.55, "entering-district"},
            {"miyun-town-landscape", "密云城区景观河道断面（示意）", "Miyun town landscape-river section (placeholder)", "bai-3", 0.6, "urban-landscape"},
        };
        for (Object[] s : generic) {
            Coordinate c = onReach((String) s[3], (Double) s[4]);
            Feature f = pointFeature((String) s[0], c, (String) s[3], (String) s[1], (String) s[2], "schematic", gsrc, DEMO_LICENCE, acc);
            sectionProps(f, c, (String) s[5], "river", "II", tgt);
            f.p("nameNote", "placeholder name: miyun-water-ecology-2023/2.3.3.2 names the section type, not the section");
            f.p("citation", "miyun-water-ecology-2023/2.3.3.2");
            l.features.add(f);
        }
    }

    void sectionProps(Feature f, Coordinate c, String type, String waterbody, String target, String targetSource) {
        f.p("type", type).p("waterbody", waterbody).p("targetClass", target).p("targetSource", targetSource)
                .p("basin", containing(basinFeatures, c)).p("district", containing(districtFeatures, c))
                .p("positionNote", "approximate");
    }

    void outfalls() {
        String src = DEMO_SRC + " (synthetic)";
        String acc = "Synthetic: invented position and attributes for demonstration; no real outfall is represented.";
        Layer l = layer("outfalls", "point", "Outfalls (synthetic demo)", "入河排污口（合成示例）", "synthetic", src, DEMO_LICENCE, acc, "beijing-outfall-supervision-2023/1.2",
                "SYNTHETIC demo outfalls covering every outfall type of the ledger (beijing-outfall-supervision-2023/1.2), placed on the demo river network to exercise "
                        + "upstream/downstream tracing. Not the outfall ledger; never use for enforcement or reporting.");
        Object[][] ofs = {
            // reach, fraction, type, normallyFlowing, status
            {"chao-1", 0.5, "rural-other", false, "ledgered"},
            {"chao-2", 0.3, "urban-wwtp", true, "monitored"},
            {"bai-1", 0.6, "rural-other", true, "ledgered"},
            {"bai-2", 0.3, "rainwater", false, "monitored"},
            {"tang-2", 0.5, "urban-wwtp", true, "monitored"},
            {"bai-3", 0.4, "overflow", false, "remediation"},
            {"chaobai-1", 0.1, "industrial", true, "monitored"},
            {"chaobai-1", 0.25, "rainwater", false, "ledgered"},
            {"chaobai-1", 0.4, "park-wwtp", true, "monitored"},
            {"chaobai-1", 0.5, "bypass", false, "closed"},
            {"wenyu-1", 0.3, "overflow", false, "remediation"},
            {"wenyu-1", 0.7, "urban-wwtp", true, "monitored"},
            {"beiyun-1", 0.5, "bypass", false, "remediation"},
            {"beiyun-2", 0.1, "industrial", true, "ledgered"},
            {"liangshui-1", 0.2, "rainwater", false, "ledgered"},
            {"liangshui-1", 0.5, "park-wwtp", true, "monitored"},
            {"liangshui-1", 0.8, "overflow", false, "closed"},
            {"yongding-1", 0.2, "rural-other", false, "ledgered"},
        };
        int n = 0;
        for (Object[] o : ofs) {
            n++;
            String nn = String.format("%02d", n);
            Coordinate c = onReach((String) o[0], (Double) o[1]);
            if (containing(districtFeatures, c) == null) throw new IllegalStateException("outfall " + nn + " outside Beijing");
            Feature f = pointFeature("syn-of-" + nn, c, (String) o[0], "合成示例排污口" + nn + " (synthetic)", "Synthetic demo outfall " + nn,
                    "synthetic", src, DEMO_LICENCE, acc);
            f.p("type", o[2]).p("normallyFlowing", o[3]).p("dischargingUnit", "synthetic demo unit")
                    .p("district", containing(districtFeatures, c)).p("basin", containing(basinFeatures, c)).p("status", o[4])
                    .p("citation", "beijing-outfall-supervision-2023/1.2");
            l.features.add(f);
        }
    }

    // ------------------------------------------------------------------ output
    static double round(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    static String num(double v) {
        BigDecimal b = BigDecimal.valueOf(v).setScale(7, RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.scale() < 0) b = b.setScale(0);
        return b.toPlainString();
    }

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch)); else b.append(ch);
                }
            }
        }
        return b.append('"').toString();
    }

    static String value(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return str(s);
        if (v instanceof Boolean bo) return bo.toString();
        if (v instanceof Integer i) return i.toString();
        if (v instanceof Double d) return num(d);
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) b.append(',');
                b.append(value(list.get(i)));
            }
            return b.append(']').toString();
        }
        throw new IllegalArgumentException("unsupported value " + v.getClass());
    }

    static void coords(StringBuilder b, Coordinate[] cs) {
        b.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) b.append(',');
            b.append('[').append(num(cs[i].x)).append(',').append(num(cs[i].y)).append(']');
        }
        b.append(']');
    }

    static void polygonCoords(StringBuilder b, Polygon p) {
        b.append('[');
        coords(b, p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            b.append(',');
            coords(b, p.getInteriorRingN(i).getCoordinates());
        }
        b.append(']');
    }

    static String geometry(Geometry g) {
        StringBuilder b = new StringBuilder();
        if (g instanceof Point p) {
            b.append("{\"type\":\"Point\",\"coordinates\":[").append(num(p.getX())).append(',').append(num(p.getY())).append("]}");
        } else if (g instanceof LineString ls) {
            b.append("{\"type\":\"LineString\",\"coordinates\":");
            coords(b, ls.getCoordinates());
            b.append('}');
        } else if (g instanceof Polygon p) {
            b.append("{\"type\":\"Polygon\",\"coordinates\":");
            polygonCoords(b, p);
            b.append('}');
        } else if (g instanceof MultiPolygon mp) {
            b.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                if (i > 0) b.append(',');
                polygonCoords(b, (Polygon) mp.getGeometryN(i));
            }
            b.append("]}");
        } else {
            throw new IllegalArgumentException(g.getGeometryType());
        }
        return b.toString();
    }

    static void writeLayer(Path p, Layer l) throws IOException {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < l.features.size(); i++) {
            Feature f = l.features.get(i);
            b.append("{\"type\":\"Feature\",\"id\":").append(str(f.id)).append(",\"properties\":{");
            int k = 0;
            for (Map.Entry<String, Object> e : f.props.entrySet()) {
                if (k++ > 0) b.append(',');
                b.append(str(e.getKey())).append(':').append(value(e.getValue()));
            }
            b.append("},\"geometry\":").append(geometry(f.geom)).append('}');
            b.append(i < l.features.size() - 1 ? ",\n" : "\n");
        }
        b.append("]}\n");
        Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
    }

    static String yq(String s) {
        return s == null ? "null" : str(s);
    }

    void writeManifest(Path p) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("# The demo atlas, built by gis/sources/DemoAtlas.java (gis/sources/build.sh rewrites this file). An atlas of your own is edited by hand or with `liuyu import` (docs/import.md).\n");
        b.append("atlas:\n");
        b.append("  id: demo\n");
        b.append("  demo: true # the bundled demo: synthetic records are seeded only for an atlas saying this\n");
        b.append("  titleEn: Liuyu demo atlas\n");
        b.append("  titleZh: 流域演示图集\n");
        b.append("  version: \"").append(VERSION).append("\"\n");
        b.append("  note: Demo atlas. Derived, schematic and synthetic layers; not authoritative.\n");
        b.append("layers:\n");
        for (Layer l : layers) {
            b.append("  - id: ").append(l.id).append('\n');
            b.append("    file: layers/").append(l.id).append(".geojson\n");
            b.append("    geometry: ").append(l.geometry).append('\n');
            b.append("    titleEn: ").append(yq(l.titleEn)).append('\n');
            b.append("    titleZh: ").append(yq(l.titleZh)).append('\n');
            b.append("    description: ").append(yq(l.description)).append('\n');
            b.append("    method: ").append(l.method).append('\n');
            b.append("    source: ").append(yq(l.source)).append('\n');
            b.append("    licence: ").append(yq(l.licence)).append('\n');
            b.append("    accuracy: ").append(yq(l.accuracy)).append('\n');
            b.append("    authoritative: false\n");
            if (l.validFrom != null) b.append("    validFrom: \"").append(l.validFrom).append("\"\n");
            if (l.citation != null) b.append("    citation: ").append(yq(l.citation)).append('\n');
        }
        Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
    }
}
