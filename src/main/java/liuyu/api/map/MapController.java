package liuyu.api.map;

import java.util.ArrayList;
import java.util.List;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.map.CoordinateText;
import liuyu.map.PlaceNames;
import liuyu.map.ProviderLogin;
import liuyu.map.ThirdPartyTiles;
import liuyu.terrain.TerrainService;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import net.sf.geographiclib.PolygonResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the map page asks besides the API's own questions: its settings ({@code /map/config}), place names with
 * pinyin ({@code /map/search}), typed or pasted coordinates ({@code /map/coordinates}) and geodesic
 * measurement ({@code /map/measure}).
 */
@RestController
public class MapController {
    /** Square metres in one 亩 (mu): 1/15 of a hectare. */
    static final double MU_M2 = 10_000.0 / 15;

    static final int MAX_VERTICES = 2000;
    static final int MAX_RESULTS = 50;

    private final AtlasStore atlases;
    private final TerrainService terrain;
    private volatile PlaceNames names;

    private final ThirdPartyTiles xyzTiles;
    private final ProviderLogin login;

    public MapController(
            AtlasStore atlases,
            TerrainService terrain,
            @Value("${" + ThirdPartyTiles.SETTING + ":}") String xyzTemplate,
            @Value("${" + ThirdPartyTiles.SUBDOMAINS + ":}") String xyzSubdomains,
            @Value("${" + ThirdPartyTiles.ATTRIBUTION + ":}") String xyzAttribution,
            @Value("${" + ProviderLogin.CLIENT_ID + ":}") String loginClientId,
            @Value("${" + ProviderLogin.ISSUER + ":}") String loginIssuer,
            @Value("${" + ProviderLogin.RESOURCE_SERVER_ISSUER + ":}") String resourceServerIssuer,
            @Value("${" + ProviderLogin.SCOPE + ":}") String loginScope) {
        this.atlases = atlases;
        this.terrain = terrain;
        this.xyzTiles = ThirdPartyTiles.of(xyzTemplate, xyzSubdomains, xyzAttribution);
        this.login = ProviderLogin.of(loginClientId, loginIssuer, resourceServerIssuer, loginScope);
    }

    /**
     * Whether the atlas is the demo (synthetic layers shown by default), whether it has a DEM (catchments) or why not,
     * and the optional third-party tiles (null unless {@code liuyu.map.xyz-tiles} is set).
     */
    public record Config(
            boolean demo, boolean terrain, String terrainAbsent, ThirdPartyTiles xyzTiles, ProviderLogin login) {}

    @GetMapping("/map/config")
    public Config config() {
        Atlas atlas = atlases.current();
        return new Config(atlas.demo(), terrain.absent() == null, terrain.absent(), xyzTiles, login);
    }

    public record SearchAnswer(
            String q, List<PlaceNames.Hit> places, CoordinateText.Position position, String positionProblem) {}

    /**
     * Names of the atlas matching {@code q} (Chinese, pinyin, initials, English); when {@code q} reads as a position
     * in {@code system} (default wgs84), that position too.
     */
    @GetMapping("/map/search")
    public SearchAnswer search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String system,
            @RequestParam(required = false) String cm,
            @RequestParam(required = false) String limit) {
        if (q == null || q.isBlank()) {
            throw ApiProblem.badRequest(
                    "q", "query parameter 'q' is required: a name (密云, miyun, mysk) or coordinates");
        }
        if (q.length() > 120) {
            throw ApiProblem.badRequest("q", "parameter 'q' may have at most 120 characters, got " + q.length());
        }
        CoordinateText.System s = system(system);
        int meridian = meridian(cm);
        int n = Params.integer("limit", limit, 1, MAX_RESULTS, 10);
        CoordinateText.Position position = null;
        String problem = null;
        boolean looksNumeric = q.chars().anyMatch(Character::isDigit);
        if (looksNumeric) {
            try {
                position = CoordinateText.read(q, s, meridian);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        return new SearchAnswer(q, placeNames().find(q, n), position, problem);
    }

    /** One position from {@code text} in {@code system}; 400 naming {@code text} when it is not one. */
    @GetMapping("/map/coordinates")
    public CoordinateText.Position coordinates(
            @RequestParam(required = false) String text,
            @RequestParam(required = false) String system,
            @RequestParam(required = false) String cm) {
        CoordinateText.System s = system(system);
        int meridian = meridian(cm);
        try {
            return CoordinateText.read(text, s, meridian);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("text", e.getMessage());
        }
    }

    public record Measure(
            int vertices,
            boolean closed,
            double lengthM,
            Double perimeterM,
            Double areaM2,
            Double areaKm2,
            Double areaMu,
            String method) {}

    /**
     * Geodesic length of a path {@code lon,lat;lon,lat;…}, and with {@code closed=true} the perimeter and area of the
     * polygon it encloses, on the WGS84 ellipsoid (Karney's algorithms, GeographicLib).
     */
    @GetMapping("/map/measure")
    public Measure measure(@RequestParam(required = false) String path, @RequestParam(required = false) String closed) {
        if (path == null || path.isBlank()) {
            throw ApiProblem.badRequest("path", "query parameter 'path' is required: lon,lat;lon,lat;…");
        }
        boolean polygon = closed != null && bool("closed", closed);
        String[] points = path.split(";", -1);
        if (points.length > MAX_VERTICES) {
            throw ApiProblem.badRequest(
                    "path", "parameter 'path' may have at most " + MAX_VERTICES + " vertices, got " + points.length);
        }
        List<double[]> vertices = new ArrayList<>(points.length);
        for (String p : points) {
            String[] xy = p.split(",", -1);
            if (xy.length != 2) {
                throw ApiProblem.badRequest("path", "each vertex of 'path' is lon,lat; got '" + p + "'");
            }
            vertices.add(new double[] {Params.number("path", xy[0], -180, 180), Params.number("path", xy[1], -90, 90)});
        }
        int needed = polygon ? 3 : 2;
        if (vertices.size() < needed) {
            throw ApiProblem.badRequest(
                    "path",
                    "a " + (polygon ? "polygon needs at least 3" : "line needs at least 2") + " vertices, got "
                            + vertices.size());
        }
        PolygonArea line = new PolygonArea(Geodesic.WGS84, true);
        vertices.forEach(v -> line.AddPoint(v[1], v[0]));
        double length = line.Compute().perimeter;
        if (!polygon) {
            return new Measure(
                    vertices.size(),
                    false,
                    round(length, 3),
                    null,
                    null,
                    null,
                    null,
                    "geodesic on WGS84 (GeographicLib)");
        }
        PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
        vertices.forEach(v -> area.AddPoint(v[1], v[0]));
        PolygonResult r = area.Compute(false, true); // signed by drawing direction; either direction is the same area
        double m2 = Math.abs(r.area);
        return new Measure(
                vertices.size(),
                true,
                round(length, 3),
                round(r.perimeter, 3),
                round(m2, 3),
                round(m2 / 1e6, 6),
                round(m2 / MU_M2, 3),
                "geodesic on WGS84 (GeographicLib)");
    }

    private PlaceNames placeNames() {
        Atlas atlas = atlases.current();
        PlaceNames n = names;
        if (n == null || n.atlas() != atlas) { // a reloaded atlas gets a fresh index
            n = new PlaceNames(atlas);
            names = n;
        }
        return n;
    }

    private static CoordinateText.System system(String text) {
        if (text == null || text.isBlank()) {
            return CoordinateText.System.WGS84;
        }
        CoordinateText.System s = CoordinateText.System.parse(text);
        if (s == null) {
            throw ApiProblem.badRequest(
                    "system", "unknown coordinate system '" + text + "'; accepted: wgs84, gcj02, bd09, gk");
        }
        return s;
    }

    private static int meridian(String cm) {
        int m = Params.integer("cm", cm, 75, 135, 117);
        if (m % 3 != 0) {
            throw ApiProblem.badRequest(
                    "cm",
                    "parameter 'cm' must be a central meridian of a CGCS2000 Gauss-Krüger zone"
                            + " (75, 78, … 135), got " + m);
        }
        return m;
    }

    private static boolean bool(String name, String value) {
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw ApiProblem.badRequest(
                        name, "parameter '" + name + "' must be true or false, got '" + value + "'");
        };
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
