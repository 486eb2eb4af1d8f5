package liuyu.terrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasProperties;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.atlas.Selection;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The service's DEM, with its flow grid built once at start-up; catchments are answered from it. An atlas directory
 * names it in {@code atlas.yaml} ({@code dem: {file, method, source, licence, accuracy, authoritative}}); a service
 * reading its layers from PostGIS names it in the settings ({@link DemProperties}).
 */
@Service
public class TerrainService {
    private static final Logger log = LoggerFactory.getLogger(TerrainService.class);

    private final Delineation delineation;
    private final Provenance provenance;
    private final String absent;

    /** What a catchment overlaps: a polygon feature, by how much; or a point feature inside it. */
    public record Overlap(Feature feature, double overlapKm2, double shareOfCatchment, double shareOfFeature) {}

    public record Answer(
            Delineation.Catchment catchment,
            DemInfo dem,
            Provenance provenance,
            List<Overlap> zones,
            List<Feature> inside) {}

    public TerrainService(AtlasProperties atlas, DemProperties setting) {
        Delineation d = null;
        Provenance p = null;
        String why;
        boolean files = atlas.source() == AtlasProperties.Source.FILES;
        JsonNode manifestDem = files ? demEntry(atlas.dir()) : null;
        if (manifestDem != null && setting.file() != null) {
            throw new TerrainException("a DEM is named twice: in " + atlas.dir().resolve(AtlasLoader.MANIFEST)
                    + " (dem: file: " + manifestDem.path("file").asString("")
                    + ") and in the setting liuyu.terrain.dem.file ("
                    + setting.file() + "); name it in one place");
        }
        JsonNode dem = setting.file() != null ? entry(setting) : manifestDem;
        if (dem == null) {
            why = files
                    ? "this atlas has no DEM: catchments need one (atlas.yaml: dem: {file: …, method: …, source: …, licence: …,"
                            + " accuracy: …, authoritative: …})"
                    : "no DEM is configured: a service reading its layers from PostGIS names one with liuyu.terrain.dem.file and its"
                            + " provenance (liuyu.terrain.dem.method, .source, .licence, .accuracy, .authoritative)";
        } else {
            Path file = setting.file() != null
                    ? setting.file()
                    : atlas.dir().resolve(dem.path("file").asString(""));
            p = provenance(dem, file, setting.file() != null ? "liuyu.terrain.dem" : "atlas.yaml: dem");
            long start = System.nanoTime();
            DemInfo info = DemInfo.read(file);
            d = new Delineation(new FlowGrid(DemGrid.read(info)));
            log.info(
                    "terrain: flow grid of {} built in {} ms",
                    info.description(),
                    (System.nanoTime() - start) / 1_000_000);
            why = null;
        }
        this.delineation = d;
        this.provenance = p;
        this.absent = why;
    }

    /** Why there are no catchments, or null when there are. */
    public String absent() {
        return absent;
    }

    /** The catchment of a point with what it overlaps in {@code atlas}; TerrainException if the DEM cannot answer. */
    public Answer catchment(Atlas atlas, double lon, double lat, double snapM, double streamKm2) {
        Delineation.Catchment c = delineation.of(lon, lat, snapM, streamKm2);
        PreparedGeometry area = PreparedGeometryFactory.prepare(c.area());
        List<Overlap> zones = new ArrayList<>();
        List<Feature> inside = new ArrayList<>();
        double catchmentM2 = DemCrs.areaM2(c.area());
        for (Layer layer : atlas.layers()) {
            Selection candidates = layer.select(c.area().getEnvelopeInternal(), List.of());
            for (int i = 0; i < candidates.size(); i++) {
                Feature f = candidates.get(i);
                if (layer.info().geometry() == GeometryKind.POINT) {
                    if (area.contains(f.geometry())) {
                        inside.add(f);
                    }
                } else if (layer.info().geometry() == GeometryKind.POLYGON && area.intersects(f.geometry())) {
                    Geometry common = c.area().intersection(f.geometry());
                    double m2 = DemCrs.areaM2(common);
                    if (m2 > 0) {
                        zones.add(new Overlap(f, m2 / 1e6, m2 / catchmentM2, m2 / DemCrs.areaM2(f.geometry())));
                    }
                }
            }
        }
        return new Answer(c, delineation.dem(), provenance, zones, inside);
    }

    private static JsonNode demEntry(Path dir) {
        Path manifest = dir.resolve(AtlasLoader.MANIFEST);
        try {
            JsonNode dem = YAMLMapper.builder()
                    .build()
                    .readTree(Files.readString(manifest))
                    .path("dem");
            return dem.isObject() ? dem : null;
        } catch (IOException e) {
            return null; // the atlas loader reports an unreadable manifest
        }
    }

    /** The setting in the shape of atlas.yaml's entry, so both are checked by the same rules. */
    private static JsonNode entry(DemProperties s) {
        ObjectNode dem = JsonNodeFactory.instance.objectNode();
        dem.put("file", s.file().toString());
        putIfSet(dem, "method", s.method());
        putIfSet(dem, "source", s.source());
        putIfSet(dem, "licence", s.licence());
        putIfSet(dem, "accuracy", s.accuracy());
        if (s.authoritative() != null) {
            dem.put("authoritative", s.authoritative());
        }
        return dem;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static Provenance provenance(JsonNode dem, Path file, String where) {
        List<String> missing = new ArrayList<>();
        for (String field : Provenance.FIELDS) {
            if (!dem.hasNonNull(field)) {
                missing.add(field);
            }
        }
        Method method = Method.parse(dem.path("method").asString(""));
        if (!missing.isEmpty() || method == null || !Files.isRegularFile(file)) {
            throw new TerrainException(where + ": " + (!Files.isRegularFile(file) ? "no file at " + file + "; " : "")
                    + (missing.isEmpty() ? "" : "missing " + String.join(", ", missing) + "; ")
                    + (method == null ? "method must be surveyed, derived, schematic or synthetic" : ""));
        }
        return new Provenance(
                method,
                dem.path("source").asString(),
                dem.path("licence").asString(),
                dem.path("accuracy").asString(),
                dem.path("authoritative").asBoolean());
    }
}
