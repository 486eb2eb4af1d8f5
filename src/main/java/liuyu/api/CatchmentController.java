package liuyu.api;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.geo.GeoJson;
import liuyu.terrain.Delineation;
import liuyu.terrain.TerrainService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /catchment?lon=&lat=[&snapM=][&streamKm2=]}: the area draining to a point, from the atlas's DEM,
 * as a GeoJSON Feature with its area, the outlet it was snapped to, the zones it overlaps and the points
 * (sections, outfalls) inside it.
 */
@RestController
public class CatchmentController {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TerrainService terrain;
    private final AtlasStore atlases;

    public CatchmentController(TerrainService terrain, AtlasStore atlases) {
        this.terrain = terrain;
        this.atlases = atlases;
    }

    @GetMapping("/catchment")
    public void catchment(
            @RequestParam(required = false) String lon,
            @RequestParam(required = false) String lat,
            @RequestParam(required = false) String snapM,
            @RequestParam(required = false) String streamKm2,
            HttpServletResponse response)
            throws java.io.IOException {
        double x = Params.number("lon", lon, -180, 180);
        double y = Params.number("lat", lat, -90, 90);
        double snap =
                snapM == null ? Delineation.DEFAULT_SNAP_M : Params.number("snapM", snapM, 0, Delineation.MAX_SNAP_M);
        double stream =
                streamKm2 == null ? Delineation.DEFAULT_STREAM_KM2 : Params.number("streamKm2", streamKm2, 0.0001, 1e6);
        if (terrain.absent() != null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "catchment", terrain.absent());
        }
        TerrainService.Answer a = terrain.catchment(atlases.current(), x, y, snap, stream);
        Delineation.Catchment c = a.catchment();
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("areaKm2", round(c.areaKm2(), 4));
        props.put("cells", c.cells());
        props.put("requested", Map.of("lon", x, "lat", y));
        Map<String, Object> outlet = new LinkedHashMap<>();
        outlet.put("lon", round(c.snapped().getX(), 7));
        outlet.put("lat", round(c.snapped().getY(), 7));
        outlet.put("snapDistanceM", round(c.snapDistanceM(), 1));
        outlet.put("onStream", c.onStream());
        outlet.put("streamKm2", c.streamKm2());
        outlet.put(
                "note",
                c.onStream()
                        ? "snapped to the nearest stream cell (draining at least " + c.streamKm2() + " km²) within "
                                + snap + " m"
                        : "no stream cell (draining at least " + c.streamKm2() + " km²) within " + snap
                                + " m: the point's own cell is the outlet");
        props.put("outlet", outlet);
        props.put(
                "zones",
                a.zones().stream()
                        .map(o -> {
                            Map<String, Object> z = ref(o.feature());
                            z.put("overlapKm2", round(o.overlapKm2(), 4));
                            z.put("shareOfCatchment", round(o.shareOfCatchment(), 4));
                            z.put("shareOfZone", round(o.shareOfFeature(), 4));
                            return z;
                        })
                        .toList());
        props.put("inside", a.inside().stream().map(CatchmentController::ref).toList());
        Map<String, Object> dem = new LinkedHashMap<>();
        dem.put("description", a.dem().description());
        dem.put("provenance", a.provenance());
        props.put("dem", dem);
        props.put("method", "D8 flow directions over the DEM with depressions filled (Priority-Flood+ε)");
        if (!a.provenance().authoritative()) {
            props.put(
                    "notes",
                    List.of("This catchment rests on a non-authoritative DEM ("
                            + a.provenance().method().code() + ": "
                            + a.provenance().accuracy() + "); confirm against official data."));
        }
        StreamedJson.write(JSON, response, "application/geo+json", out -> {
            GeoJson.writeFeature("catchment", props, c.area(), out, GeoJson.Style.CRS84);
        });
    }

    private static Map<String, Object> ref(Feature f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layer", f.layer());
        m.put("id", f.id());
        m.put("nameZh", f.nameZh());
        m.put("method", f.provenance().method().code());
        return m;
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
