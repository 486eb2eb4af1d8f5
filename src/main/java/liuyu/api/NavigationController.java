package liuyu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liuyu.atlas.Feature;
import liuyu.geo.GeoJson;
import liuyu.geo.GeoJsonException;
import liuyu.network.LinkedFeature;
import liuyu.network.LinkedLayer;
import liuyu.network.Mode;
import liuyu.network.Navigation;
import liuyu.network.NetworkService;
import liuyu.network.Placement;
import liuyu.network.ReachLink;
import liuyu.network.RiverNetwork;
import liuyu.network.Semantics;
import liuyu.network.Start;
import liuyu.network.StartTrim;
import liuyu.network.Unlinked;
import org.locationtech.jts.geom.Geometry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Network navigation in the shape of the USGS NLDI, so NLDI clients can talk to it:
 * {@code /linked-data/{source}/{id}/navigation/{mode}/{flowlines|dataSource}?distance=}. Sources are
 * {@code reaches} (NLDI's {@code comid} is accepted as its other name) and every point layer of the
 * atlas; {@code /linked-data/comid/position?coords=POINT(lon lat)} finds the nearest reach, and
 * navigation can start there too.
 */
@RestController
public class NavigationController {
    static final String REACHES = "reaches";
    static final String NLDI_REACHES = "comid";
    static final double MAX_DISTANCE_KM = 9999;
    private static final String LEGACY_DISTANCE = "9999";
    private static final Pattern POINT =
            Pattern.compile("\\s*POINT\\s*\\(\\s*(\\S+)\\s+(\\S+)\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);

    private final NetworkService networks;
    private final JsonMapper json;

    public NavigationController(NetworkService networks, JsonMapper json) {
        this.networks = networks;
        this.json = json;
    }

    /** One source; the reaches' entry also says how the network was read ({@code network}), the others leave it out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataSource(String source, String sourceName, String features, NetworkInfo network) {
        DataSource(String source, String sourceName, String features) {
            this(source, sourceName, features, null);
        }
    }

    /** How the river layer was read: the form and why, the counts, what was skipped, whether catchments exist. */
    public record NetworkInfo(
            String layer,
            String form,
            String formReason,
            int reaches,
            int diversions,
            List<String> skipped,
            int warnings,
            String lengths,
            boolean catchments,
            String defaultSemantics,
            NetworkService.Refused refusedUpdate) {}

    @GetMapping("/linked-data")
    public List<DataSource> sources() {
        RiverNetwork river = network();
        List<DataSource> out = new ArrayList<>();
        NetworkInfo info = new NetworkInfo(
                river.riverLayer(),
                river.form().code(),
                river.formReason(),
                river.network().size(),
                river.network().diversionCount(),
                river.skipped(),
                river.problems().size(),
                "the layer's length attribute, else geodesic on the WGS84 ellipsoid",
                river.hasCatchments(),
                "nldi",
                networks.refused());
        out.add(new DataSource(
                REACHES, "River reaches (" + river.riverLayer() + ")", base() + "/linked-data/" + REACHES, info));
        for (String layer : river.featureLayers()) {
            out.add(new DataSource(layer, sourceName(river, layer), base() + "/linked-data/" + layer));
        }
        return out;
    }

    @GetMapping("/linked-data/{source}")
    public void features(@PathVariable String source, HttpServletResponse response) throws IOException {
        RiverNetwork river = network();
        if (isReaches(source)) {
            List<Out> out = new ArrayList<>();
            for (String id : river.reachIds()) {
                out.add(reach(river, id, null));
            }
            write(response, out);
            return;
        }
        List<Out> out = new ArrayList<>();
        for (Placement p : layer(river, source).placements()) {
            out.add(placed(river, source, p, null));
        }
        write(response, out);
    }

    @GetMapping("/linked-data/comid/position")
    public void position(@RequestParam(required = false) String coords, HttpServletResponse response)
            throws IOException {
        RiverNetwork river = network();
        double[] lonLat = coords(coords);
        ReachLink link = river.position(lonLat[0], lonLat[1])
                .orElseThrow(() -> ApiProblem.notFound(
                        "coords",
                        (river.hasCatchments()
                                        ? "no catchment contains"
                                        : "the atlas has no catchment layer, and no reach lies within the"
                                                + " link tolerance of")
                                + " POINT(" + lonLat[0] + " " + lonLat[1] + ")"
                                + (river.hasCatchments() ? " and no reach lies within the link tolerance of it" : "")));
        Out reach = reach(river, link.reach(), null);
        reach.properties().put("measure", round(link.measure(), 2));
        reach.properties().put("offsetM", round(link.offsetM(), 1));
        reach.properties().put("linkMethod", link.method().code());
        write(response, List.of(reach));
    }

    @GetMapping("/linked-data/{source}/{id}")
    public void feature(@PathVariable String source, @PathVariable String id, HttpServletResponse response)
            throws IOException {
        RiverNetwork river = network();
        if (isReaches(source)) {
            if (river.reachFeature(id) == null) {
                throw ApiProblem.notFound("id", "no reach '" + id + "'");
            }
            write(response, List.of(reach(river, id, null)));
            return;
        }
        Placement p = layer(river, source).placement(id);
        if (p == null) {
            throw ApiProblem.notFound("id", "no feature '" + id + "' in " + source);
        }
        write(response, List.of(placed(river, source, p, null)));
    }

    @GetMapping("/linked-data/{source}/{id}/navigation")
    public Map<String, String> modes(
            @PathVariable String source, @PathVariable String id, @RequestParam(required = false) String coords) {
        RiverNetwork river = network();
        start(river, source, id, coords);
        String at = base() + "/linked-data/" + source + "/" + id + "/navigation/";
        Map<String, String> out = new LinkedHashMap<>();
        out.put("upstreamMain", at + "UM");
        out.put("upstreamTributaries", at + "UT");
        out.put("downstreamMain", at + "DM");
        out.put("downstreamDiversions", at + "DD");
        out.put("pointToPoint", at + "PP");
        return out;
    }

    @GetMapping("/linked-data/{source}/{id}/navigation/{mode}")
    public List<DataSource> navigationSources(
            @PathVariable String source,
            @PathVariable String id,
            @PathVariable String mode,
            @RequestParam(required = false) String coords) {
        RiverNetwork river = network();
        start(river, source, id, coords);
        mode(mode);
        String at = base() + "/linked-data/" + source + "/" + id + "/navigation/" + mode.toUpperCase(Locale.ROOT) + "/";
        List<DataSource> out = new ArrayList<>();
        out.add(new DataSource("flowlines", "River reaches (" + river.riverLayer() + ")", at + "flowlines"));
        for (String layer : river.featureLayers()) {
            out.add(new DataSource(layer, sourceName(river, layer), at + layer));
        }
        return out;
    }

    @GetMapping("/linked-data/{source}/{id}/navigation/{mode}/{dataSource}")
    public void navigate(
            @PathVariable String source,
            @PathVariable String id,
            @PathVariable String mode,
            @PathVariable String dataSource,
            @RequestParam(required = false) String distance,
            @RequestParam(required = false) String stopComid,
            @RequestParam(required = false) String coords,
            @RequestParam(required = false) String semantics,
            @RequestParam(required = false) String trimStart,
            @RequestParam(required = false) String trimTolerance,
            HttpServletResponse response)
            throws IOException {
        if (distance == null) {
            throw ApiProblem.badRequest(
                    "distance",
                    "query parameter 'distance' (km along the network) is required;"
                            + " an empty value means no limit");
        }
        answer(
                source,
                id,
                mode,
                dataSource,
                distance,
                stopComid,
                coords,
                semantics,
                trim(source, dataSource, trimStart, trimTolerance),
                response);
    }

    /**
     * NLDI's {@code trimStart} (default false) and {@code trimTolerance} (percent, default 0) for flowlines from a
     * linked feature: the start flowline is cut at the feature's measure, unless the part cut off is less than the
     * tolerance. NLDI refuses trimStart from a comid; so does this.
     */
    private static double trim(String source, String dataSource, String trimStart, String trimTolerance) {
        boolean trim = trimStart != null
                && !trimStart.isBlank()
                && switch (trimStart.trim().toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default ->
                        throw ApiProblem.badRequest(
                                "trimStart", "trimStart must be true or false, got '" + trimStart + "'");
                };
        double tolerance = trimTolerance == null || trimTolerance.isBlank()
                ? 0
                : Params.number("trimTolerance", trimTolerance, 0, 100);
        if (!trim) {
            return -1;
        }
        if (!dataSource.equals("flowlines")) {
            throw ApiProblem.badRequest("trimStart", "trimStart applies to navigation/{mode}/flowlines only");
        }
        if (isReaches(source)) {
            throw ApiProblem.badRequest(
                    "trimStart",
                    "trimStart needs a start feature with a measure; a " + source
                            + " start is a whole reach (as in NLDI, trimStart cannot be used with comid)");
        }
        return tolerance;
    }

    /** NLDI's deprecated paths, still called by older clients: flowlines, with no distance meaning 9999 km as there. */
    @GetMapping("/linked-data/{source}/{id}/navigate/{mode}")
    public void legacyFlowlines(
            @PathVariable String source,
            @PathVariable String id,
            @PathVariable String mode,
            @RequestParam(required = false) String distance,
            @RequestParam(required = false) String stopComid,
            @RequestParam(required = false) String coords,
            @RequestParam(required = false) String semantics,
            HttpServletResponse response)
            throws IOException {
        answer(
                source,
                id,
                mode,
                "flowlines",
                distance == null ? LEGACY_DISTANCE : distance,
                stopComid,
                coords,
                semantics,
                -1,
                response);
    }

    @GetMapping("/linked-data/{source}/{id}/navigate/{mode}/{dataSource}")
    public void legacyFeatures(
            @PathVariable String source,
            @PathVariable String id,
            @PathVariable String mode,
            @PathVariable String dataSource,
            @RequestParam(required = false) String distance,
            @RequestParam(required = false) String stopComid,
            @RequestParam(required = false) String coords,
            @RequestParam(required = false) String semantics,
            HttpServletResponse response)
            throws IOException {
        answer(
                source,
                id,
                mode,
                dataSource,
                distance == null ? LEGACY_DISTANCE : distance,
                stopComid,
                coords,
                semantics,
                -1,
                response);
    }

    /** {@code trimTolerance} negative: no trimming; else trimStart with that tolerance in percent. */
    private void answer(
            String source,
            String id,
            String mode,
            String dataSource,
            String distance,
            String stopComid,
            String coords,
            String semantics,
            double trimTolerance,
            HttpServletResponse response)
            throws IOException {
        RiverNetwork river = network();
        Start start = start(river, source, id, coords);
        Mode m = mode(mode);
        double km = distance(distance);
        Semantics sem = semantics(semantics);
        boolean flowlines = dataSource.equals("flowlines");
        if (!flowlines && river.linked(dataSource) == null) {
            throw ApiProblem.notFound(
                    "dataSource",
                    "no data source '" + dataSource + "'; use flowlines or one of " + river.featureLayers());
        }
        Navigation nav;
        if (m == Mode.PP) {
            if (stopComid == null || stopComid.isBlank()) {
                throw ApiProblem.badRequest("stopComid", "query parameter 'stopComid' is required for PP navigation");
            }
            nav = river.pointToPoint(start, stopComid, km, sem);
        } else {
            if (stopComid != null) {
                throw ApiProblem.badRequest("stopComid", "'stopComid' applies to PP navigation only");
            }
            nav = river.navigate(start, m, km, sem);
        }
        List<Out> out = new ArrayList<>();
        if (flowlines) {
            ReachLink at = trimTolerance < 0 ? null : startLink(river, source, id);
            for (Navigation.ReachHit hit : nav.reaches()) {
                Out o = reach(river, hit.id(), hit.distanceKm());
                if (at != null && hit.id().equals(at.reach())) {
                    Geometry trimmed = StartTrim.trim(o.geometry(), at.measure(), m, trimTolerance);
                    o = new Out(o.id(), o.properties(), trimmed);
                }
                out.add(o);
            }
        } else {
            for (Navigation.FeatureHit hit : nav.features(dataSource)) {
                out.add(placed(river, dataSource, hit.linked(), hit.distanceKm()));
            }
        }
        write(response, out);
    }

    private static ReachLink startLink(RiverNetwork river, String source, String id) {
        Placement p = river.linked(source).placement(id);
        return p instanceof LinkedFeature l ? l.link() : null;
    }

    @GetMapping("/linked-data/{source}/{id}/basin")
    public void basin(
            @PathVariable String source,
            @PathVariable String id,
            @RequestParam(required = false) String coords,
            HttpServletResponse response)
            throws IOException {
        RiverNetwork river = network();
        Geometry basin = river.basin(start(river, source, id, coords));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("nldiSource", source);
        props.put("identifier", id);
        write(response, List.of(new Out(source + "/" + id + "/basin", props, basin)));
    }

    // ------------------------------------------------------------------ helpers

    private record Out(String id, Map<String, Object> properties, Geometry geometry) {}

    private RiverNetwork network() {
        return networks.current();
    }

    private static boolean isReaches(String source) {
        return source.equals(REACHES) || source.equals(NLDI_REACHES);
    }

    private static LinkedLayer layer(RiverNetwork river, String source) {
        LinkedLayer layer = river.linked(source);
        if (layer == null) {
            throw ApiProblem.notFound(
                    "source",
                    "no source '" + source + "'; sources: " + REACHES + " (or " + NLDI_REACHES + "), "
                            + String.join(", ", river.featureLayers()));
        }
        return layer;
    }

    private Start start(RiverNetwork river, String source, String id, String coords) {
        if (isReaches(source) && id.equals("position")) {
            double[] lonLat = coords(coords);
            return Start.position(lonLat[0], lonLat[1]);
        }
        if (coords != null) {
            throw ApiProblem.badRequest("coords", "'coords' applies to /linked-data/comid/position only");
        }
        if (isReaches(source)) {
            return Start.reach(id);
        }
        layer(river, source);
        return Start.feature(source, id);
    }

    private static Mode mode(String text) {
        Mode m = Mode.parse(text);
        if (m == null) {
            throw ApiProblem.badRequest("mode", "unknown navigation mode '" + text + "'; one of UM, UT, DM, DD, PP");
        }
        return m;
    }

    /** Km along the network; empty means no limit, as in NLDI. */
    private static double distance(String text) {
        if (text.isBlank()) {
            return Double.POSITIVE_INFINITY;
        }
        double km = Params.number("distance", text, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        if (km <= 0 || km > MAX_DISTANCE_KM) {
            throw ApiProblem.badRequest(
                    "distance",
                    "parameter 'distance' (km along the network) must be greater than 0 and at most "
                            + (int) MAX_DISTANCE_KM + ", got " + text.trim());
        }
        return km;
    }

    private static Semantics semantics(String text) {
        if (text == null) {
            return Semantics.NLDI;
        }
        Semantics s = Semantics.parse(text.trim());
        if (s == null) {
            throw ApiProblem.badRequest(
                    "semantics", "parameter 'semantics' must be nldi (the default) or liuyu, got '" + text + "'");
        }
        return s;
    }

    private static double[] coords(String text) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest("coords", "query parameter 'coords' is required, as POINT(lon lat)");
        }
        Matcher m = POINT.matcher(text);
        if (!m.matches()) {
            throw ApiProblem.badRequest("coords", "'coords' must be POINT(lon lat) in CRS84, got '" + text + "'");
        }
        double lon;
        double lat;
        try {
            lon = Double.parseDouble(m.group(1));
            lat = Double.parseDouble(m.group(2));
            GeoJson.checkLonLat(lon, lat, "coords");
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("coords", "'coords' must be POINT(lon lat) with numbers, got '" + text + "'");
        } catch (GeoJsonException e) {
            throw ApiProblem.badRequest("coords", e.getMessage());
        }
        return new double[] {lon, lat};
    }

    private static String sourceName(RiverNetwork river, String layer) {
        var info = river.atlas().layer(layer).info();
        return info.titleEn() + (info.titleZh().isEmpty() ? "" : " " + info.titleZh());
    }

    /**
     * The feature's properties with its provenance as every other answer gives it; NLDI's own "source" (the data
     * source id) goes to {@code nldiSource} so it never overwrites where the feature came from.
     */
    private static Map<String, Object> withProvenance(Feature f) {
        Map<String, Object> props = new LinkedHashMap<>(f.properties());
        props.put("method", f.provenance().method().code());
        props.put("source", f.provenance().source());
        props.put("licence", f.provenance().licence());
        props.put("accuracy", f.provenance().accuracy());
        props.put("authoritative", f.provenance().authoritative());
        return props;
    }

    private static Out reach(RiverNetwork river, String id, Double distanceKm) {
        Feature f = river.reachFeature(id);
        var net = river.network();
        int r = net.index(id);
        Map<String, Object> props = withProvenance(f);
        props.put("nldiSource", REACHES);
        props.put("identifier", id);
        props.put("nhdplus_comid", id);
        props.put("mainstem", net.mainstem(r));
        props.put("lengthKm", round(net.lengthM(r) / 1000, 3));
        if (distanceKm != null) {
            props.put("navigationDistanceKm", round(distanceKm, 3));
        }
        return new Out(id, props, f.geometry());
    }

    private Out placed(RiverNetwork river, String source, Placement p, Double distanceKm) {
        Feature f = p.feature();
        Map<String, Object> props = withProvenance(f);
        props.put("nldiSource", source);
        props.put("sourceName", sourceName(river, source));
        props.put("identifier", f.id());
        props.put("name", f.nameZh());
        props.put("uri", base() + "/linked-data/" + source + "/" + f.id());
        if (p instanceof LinkedFeature l) {
            props.put("comid", l.link().reach());
            props.put("measure", round(l.link().measure(), 2));
            props.put("linkMethod", l.link().method().code());
            props.put("navigation", base() + "/linked-data/" + source + "/" + f.id() + "/navigation");
        } else {
            props.put("linked", false);
            props.put("notLinkedReason", ((Unlinked) p).reason());
        }
        if (distanceKm != null) {
            props.put("navigationDistanceKm", round(distanceKm, 3));
        }
        return new Out(f.id(), props, f.geometry());
    }

    private void write(HttpServletResponse response, List<Out> features) throws IOException {
        StreamedJson.write(json, response, LayerController.GEOJSON, out -> {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeName("features");
            out.writeStartArray();
            for (Out f : features) {
                GeoJson.writeFeature(f.id(), f.properties(), f.geometry(), out, GeoJson.Style.CRS84);
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    private static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
