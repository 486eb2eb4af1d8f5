// Builds the zone layers the protection rules need and the demo atlas otherwise lacks, from the
// layers DemoAtlas.java wrote, and appends them to gis/atlas.yaml. Run by build.sh after DemoAtlas:
//   java -cp <project classpath> gis/sources/RuleZones.java gis
// Derived layers say how they were derived; synthetic ones are demo shapes and say so.
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.geo.GeoJson;
import liuyu.geo.MetricProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

public class RuleZones {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MARKER = "  # ---- zone layers for the protection rules (gis/sources/RuleZones.java) ----";

    record Out(String id, Geometry lonLat, Map<String, Object> props) {
    }

    record LayerDef(String id, String titleEn, String titleZh, String description, String method, String source,
                    String licence, String accuracy, String citation, List<Out> features) {
    }

    public static void main(String[] args) throws IOException {
        Path gis = Path.of(args.length > 0 ? args[0] : "gis");
        Map<String, Geometry> districts = read(gis.resolve("layers/districts.geojson"));
        Map<String, Geometry> rivers = read(gis.resolve("layers/rivers.geojson"));
        Map<String, JsonNode> riverProps = props(gis.resolve("layers/rivers.geojson"));
        Map<String, Geometry> reservoirs = read(gis.resolve("layers/reservoirs.geojson"));
        Map<String, Geometry> zones = read(gis.resolve("layers/protection-zones.geojson"));

        List<LayerDef> layers = new ArrayList<>();

        // provincial-boundary buffer: within 5 km inside Beijing's outer boundary (Hebei and Tianjin are both province-level).
        // The union of the generalised districts keeps slivers and gaps along shared edges; their rings are inner edges,
        // not the city's boundary, so only the exterior rings of the sliver-closed union count.
        Geometry outer = outerBoundary(metric(UnaryUnionOp.union(districts.values())));
        Geometry band = outer.intersection(outer.getBoundary().buffer(5000));
        layers.add(new LayerDef("provincial-boundary-buffer", "Provincial-boundary buffer (derived, 5 km)", "省界缓冲区（派生示意）",
            "The part of Beijing within 5 km of the city's outer boundary, derived from the district outlines. Beijing borders "
                + "Hebei and Tianjin, both province-level, so the whole outer boundary counts. The real 省界缓冲区 are water-function "
                + "river stretches defined by the Haihe basin authority; this band stands in for them (beijing-outfall-supervision-2023/3.2a).",
            "derived", "union of the districts layer (echarts@4.9.0) with gaps under 500 m closed, exterior ring only, inner buffer 5 km in UTM 50N", "Apache-2.0",
            "the district outlines' 100-500 m error plus the 5 km stand-in width", "beijing-outfall-supervision-2023/3.2a",
            List.of(new Out("beijing-provincial-boundary-5km", lonLat(band), names("北京市省界缓冲区（5公里示意）", "Beijing provincial-boundary buffer (5 km stand-in)")))));

        // river management range: each reach buffered 100 m each side
        List<Out> ranges = new ArrayList<>();
        for (Map.Entry<String, Geometry> r : rivers.entrySet()) {
            JsonNode p = riverProps.get(r.getKey());
            if (p.path("kind").asString().equals("artificial-path")) {
                continue; // inside the reservoir: the reservoir's own zones apply
            }
            Map<String, Object> props = names(p.path("nameZh").asString() + " 河道管理范围（示意）", p.path("nameEn").asString() + " management range (stand-in)");
            props.put("reach", r.getKey());
            props.put("mainstem", p.path("mainstem").asString());
            props.put("belowMiyunDam", r.getKey().equals("bai-3") || r.getKey().startsWith("chaobai"));
            ranges.add(new Out("rmr-" + r.getKey(), lonLat(metric(r.getValue()).buffer(100)), props));
        }
        layers.add(new LayerDef("river-management-range", "River management ranges (derived, 100 m)", "河道管理范围（派生示意）",
            "Each river reach of the rivers layer buffered 100 m on each side. Real ranges are set per river by the water authority "
                + "(dikes, flood lines); this is a stand-in (beijing-outfall-supervision-2023/3.2c, beijing-river-chief-2023/3.5, miyun-water-ecology-2023/2.3.2.1).",
            "derived", "rivers layer (schematic and GSHHG-derived lines) buffered 100 m in UTM 50N", "LGPL-3.0-or-later",
            "the river lines' error (hundreds of metres to kilometres) plus the 100 m stand-in width", "beijing-river-chief-2023/3.5", ranges));

        // water-ecological space: reservoirs + 1 km and rivers + 300 m, one schematic feature
        List<Geometry> parts = new ArrayList<>();
        reservoirs.values().forEach(g -> parts.add(metric(g).buffer(1000)));
        rivers.forEach((id, g) -> {
            if (!riverProps.get(id).path("kind").asString().equals("canal")) {
                parts.add(metric(g).buffer(300));
            }
        });
        layers.add(new LayerDef("water-ecological-space", "Water-ecological space (schematic)", "水生态空间（示意）",
            "Schematic water-ecological space: reservoirs plus 1 km and rivers plus 300 m. The real space is delineated in the "
                + "district's spatial plan; this stand-in only shows where the rule applies (miyun-water-ecology-2023/2.3.2.2).",
            "schematic", "reservoirs and rivers layers, buffered in UTM 50N", "LGPL-3.0-or-later", "kilometres; a stand-in", "miyun-water-ecology-2023/2.3.2.2",
            List.of(new Out("water-ecological-space-demo", lonLat(UnaryUnionOp.union(parts)),
                names("水生态空间（示意）", "Water-ecological space (schematic)")))));

        // sewer-covered areas: the six core districts (synthetic demo)
        List<Geometry> core = new ArrayList<>();
        for (String code : List.of("110101", "110102", "110105", "110106", "110107", "110108")) {
            core.add(metric(districts.get(code)));
        }
        layers.add(synthetic("sewer-covered-areas", "Sewer-covered areas (synthetic demo)", "污水管网覆盖区（合成示例）",
            "A synthetic demo: the six core districts taken as fully sewered, to exercise the rule that no new outfall is set where "
                + "sewers collect (beijing-outfall-supervision-2023/3.1). Not the real sewer service area.", "beijing-outfall-supervision-2023/3.1",
            List.of(new Out("sewer-core-districts-demo", lonLat(UnaryUnionOp.union(core).buffer(0)),
                names("中心城区污水管网覆盖区（合成示例）", "Core-district sewer coverage (synthetic demo)")))));

        // synthetic demo polygons placed in plausible settings
        layers.add(synthetic("livestock-forbidden-zones", "Livestock-forbidden zones (synthetic demo)", "畜禽禁养区（合成示例）",
            "A synthetic demo zone south of the Miyun reservoir to exercise the livestock-forbidden rule (miyun-water-ecology-2023/2.2.3.2). The real 禁养区 "
                + "were published by 密政发〔2016〕61号 (miyun-normative-list-2023/annex1.48); their boundaries are not available here.", "miyun-water-ecology-2023/2.2.3.2",
            List.of(new Out("livestock-forbidden-demo-1", disc(116.86, 40.43, 4000), names("禁养区示例一（合成）", "Livestock-forbidden demo zone 1 (synthetic)")))));
        layers.add(synthetic("eco-clean-watersheds", "Eco-clean small watersheds (synthetic demo)", "生态清洁小流域（合成示例）",
            "Two synthetic demo watersheds in Miyun district; the district has 123 real ones (miyun-water-ecology-2023/2.2.1.3) whose outlines are not available here.",
            "miyun-water-ecology-2023/2.2.1.3",
            List.of(new Out("eco-clean-demo-1", disc(117.08, 40.62, 3000), names("生态清洁小流域示例一（合成）", "Eco-clean watershed demo 1 (synthetic)")),
                new Out("eco-clean-demo-2", disc(116.72, 40.58, 3000), names("生态清洁小流域示例二（合成）", "Eco-clean watershed demo 2 (synthetic)")))));
        layers.add(synthetic("ecological-red-line", "Ecological protection red line (synthetic demo)", "生态保护红线（合成示例）",
            "A synthetic demo red-line area: the schematic Miyun level-2 zone and a mountain block in Huairou. The red line was "
                + "published in 2018 (beijing-pollution-opinions-2018/10.1) but its boundary is not available here.", "beijing-eco-conservation-2023/2.3",
            List.of(new Out("red-line-demo-miyun", lonLat(metric(zones.get("miyun-level-2")).union(metric(zones.get("miyun-level-1")))),
                    names("生态保护红线示例（密云水库周边，合成）", "Red-line demo around Miyun reservoir (synthetic)")),
                new Out("red-line-demo-huairou", disc(116.55, 40.75, 8000), names("生态保护红线示例（怀柔山区，合成）", "Red-line demo in the Huairou mountains (synthetic)")))));
        layers.add(synthetic("groundwater-overextraction-zones", "Groundwater over-extraction zones (synthetic demo)", "地下水超采区（合成示例）",
            "A synthetic demo zone in the south-eastern plain to exercise the rule on new abstraction (beijing-pollution-opinions-2018/7.2c); the real zones are "
                + "not available here.", "beijing-pollution-opinions-2018/7.2c",
            List.of(new Out("overextraction-demo-1", disc(116.70, 39.75, 9000), names("地下水超采区示例（合成）", "Over-extraction demo zone (synthetic)")))));

        for (LayerDef l : layers) {
            write(gis.resolve("layers/" + l.id + ".geojson"), l);
        }
        appendManifest(gis.resolve("atlas.yaml"), layers);
    }

    /** Closing gaps narrower than 2 * SLIVER_M between districts. */
    static final double SLIVER_M = 250;

    /**
     * The city without slivers, gaps or holes: buffer out then in by SLIVER_M closes every gap between districts
     * narrower than 500 m, and only the exterior ring of each piece is kept.
     */
    static Geometry outerBoundary(Geometry union) {
        Geometry closed = union.buffer(SLIVER_M).buffer(-SLIVER_M);
        List<Polygon> shells = new ArrayList<>();
        for (int i = 0; i < closed.getNumGeometries(); i++) {
            Polygon p = (Polygon) closed.getGeometryN(i);
            shells.add(GeoJson.FACTORY.createPolygon(p.getExteriorRing().getCoordinates()));
        }
        return UnaryUnionOp.union(new ArrayList<Geometry>(shells));
    }

    static LayerDef synthetic(String id, String titleEn, String titleZh, String description, String citation, List<Out> features) {
        return new LayerDef(id, titleEn, titleZh, description, "synthetic", "synthetic demo shape (gis/sources/RuleZones.java)",
            "CC0-1.0", "not a real boundary", citation, features);
    }

    static Map<String, Object> names(String zh, String en) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nameZh", zh);
        m.put("nameEn", en);
        return m;
    }

    static Geometry disc(double lon, double lat, double radiusM) {
        return lonLat(GeoJson.FACTORY.createPoint(MetricProjection.toMetric(lon, lat)).buffer(radiusM, 16));
    }

    static Geometry metric(Geometry g) {
        return MetricProjection.toMetric(g);
    }

    static Geometry lonLat(Geometry metric) {
        Geometry g = MetricProjection.toLonLat(metric);
        g = GeometryPrecisionReducer.reduce(g, new PrecisionModel(1e7)); // 7 decimals, kept valid
        return rfc7946(g.isValid() ? g : GeometryFixer.fix(g));
    }

    /** RFC 7946 ring order: exterior rings counter-clockwise, holes clockwise (JTS buffers the other way). */
    static Geometry rfc7946(Geometry g) {
        List<Polygon> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Polygon p = (Polygon) g.getGeometryN(i);
            LinearRing shell = ring(p.getExteriorRing(), true);
            LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
            for (int h = 0; h < holes.length; h++) {
                holes[h] = ring(p.getInteriorRingN(h), false);
            }
            out.add(GeoJson.FACTORY.createPolygon(shell, holes));
        }
        return out.size() == 1 ? out.get(0) : GeoJson.FACTORY.createMultiPolygon(out.toArray(new Polygon[0]));
    }

    static LinearRing ring(LinearRing r, boolean ccw) {
        return Orientation.isCCW(r.getCoordinateSequence()) == ccw ? r : r.reverse();
    }

    static Map<String, Geometry> read(Path file) throws IOException {
        Map<String, Geometry> out = new LinkedHashMap<>();
        for (JsonNode f : JSON.readTree(file.toFile()).path("features")) {
            out.put(f.path("id").asString(), GeoJson.read(f.path("geometry"), "geometry"));
        }
        return out;
    }

    static Map<String, JsonNode> props(Path file) throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode f : JSON.readTree(file.toFile()).path("features")) {
            out.put(f.path("id").asString(), f.path("properties"));
        }
        return out;
    }

    static void write(Path file, LayerDef l) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); JsonGenerator out = JSON.createGenerator(os)) {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeName("features");
            out.writeStartArray();
            for (Out f : l.features) {
                Map<String, Object> p = new LinkedHashMap<>(f.props);
                p.put("method", l.method);
                p.put("source", l.source);
                p.put("licence", l.licence);
                p.put("accuracy", l.accuracy);
                p.put("authoritative", false);
                GeoJson.writeFeature(f.id, p, f.lonLat, out, GeoJson.Style.CRS84);
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        Files.writeString(file, Files.readString(file) + "\n");
    }

    static void appendManifest(Path manifest, List<LayerDef> layers) throws IOException {
        String text = Files.readString(manifest);
        int cut = text.indexOf(MARKER);
        StringBuilder b = new StringBuilder(cut < 0 ? text : text.substring(0, cut));
        if (b.charAt(b.length() - 1) != '\n') {
            b.append('\n');
        }
        b.append(MARKER).append('\n');
        for (LayerDef l : layers) {
            b.append("  - id: ").append(l.id).append('\n')
                .append("    file: layers/").append(l.id).append(".geojson\n")
                .append("    geometry: polygon\n")
                .append("    titleEn: ").append(q(l.titleEn)).append('\n')
                .append("    titleZh: ").append(q(l.titleZh)).append('\n')
                .append("    description: ").append(q(l.description)).append('\n')
                .append("    method: ").append(l.method).append('\n')
                .append("    source: ").append(q(l.source)).append('\n')
                .append("    licence: ").append(q(l.licence)).append('\n')
                .append("    accuracy: ").append(q(l.accuracy)).append('\n')
                .append("    authoritative: false\n")
                .append("    citation: ").append(q(l.citation)).append('\n');
        }
        Files.writeString(manifest, b.toString());
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
