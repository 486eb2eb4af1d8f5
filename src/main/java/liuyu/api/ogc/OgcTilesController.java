package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.api.ApiProblem;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Layer;
import liuyu.tiles.VectorTiles;
import liuyu.tiles.WebMercatorQuad;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * OGC API – Tiles for every collection: Mapbox Vector Tiles in WebMercatorQuad, so web maps
 * (MapLibre, OpenLayers, QGIS) draw large layers without downloading them.
 */
@RestController
public class OgcTilesController {
    static final String MVT = "application/vnd.mapbox-vector-tile";
    static final String TILESETS_VECTOR = "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector";
    static final String TILING_SCHEMES = "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes";
    private static final Set<String> ONLY_F = Set.of("f");

    private final AtlasStore atlases;
    private final JsonMapper json;
    private final Freshness freshness;
    private final OgcProblems problems;
    private final VectorTiles tiles = new VectorTiles();

    public OgcTilesController(AtlasStore atlases, JsonMapper json, Freshness freshness, OgcProblems problems) {
        this.atlases = atlases;
        this.json = json;
        this.freshness = freshness;
        this.problems = problems;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<?> problem(ApiProblem e, HttpServletRequest request) {
        return problems.answer(e, request);
    }

    @GetMapping("/ogc/tileMatrixSets")
    public void tileMatrixSets(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Query.check(request, ONLY_F);
        String base = CollectionDocs.base(request);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("id", WebMercatorQuad.ID);
        set.put("title", "Google Maps Compatible for the World");
        set.put("uri", WebMercatorQuad.URI);
        set.put(
                "links",
                List.of(new Link(
                        base + "/tileMatrixSets/" + WebMercatorQuad.ID,
                        "self",
                        CollectionDocs.JSON,
                        "WebMercatorQuad")));
        Respond.json(response, json, CollectionDocs.JSON, Map.of("tileMatrixSets", List.of(set)));
    }

    /** The tile matrix set definition (OGC 17-083r4, JSON encoding). */
    @GetMapping("/ogc/tileMatrixSets/WebMercatorQuad")
    public void webMercatorQuad(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Query.check(request, ONLY_F);
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int z = 0; z <= WebMercatorQuad.MAX_ZOOM; z++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", String.valueOf(z));
            m.put("scaleDenominator", WebMercatorQuad.SCALE_0 / (1L << z));
            m.put("cellSize", 2 * WebMercatorQuad.HALF / 256 / (1L << z));
            m.put("cornerOfOrigin", "topLeft");
            m.put("pointOfOrigin", List.of(-WebMercatorQuad.HALF, WebMercatorQuad.HALF));
            m.put("tileWidth", 256);
            m.put("tileHeight", 256);
            m.put("matrixWidth", 1L << z);
            m.put("matrixHeight", 1L << z);
            matrices.add(m);
        }
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", WebMercatorQuad.ID);
        tms.put("title", "Google Maps Compatible for the World");
        tms.put("uri", WebMercatorQuad.URI);
        tms.put("crs", WebMercatorQuad.CRS);
        tms.put("orderedAxes", List.of("X", "Y"));
        tms.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        tms.put("tileMatrices", matrices);
        Respond.json(response, json, CollectionDocs.JSON, tms);
    }

    @GetMapping("/ogc/collections/{collectionId}/tiles")
    public void tilesets(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Layer layer = CollectionDocs.layer(atlases.current(), collectionId);
        Query.check(request, ONLY_F);
        String base = CollectionDocs.base(request);
        Respond.json(
                response,
                json,
                CollectionDocs.JSON,
                Map.of(
                        "tilesets",
                        List.of(tileset(layer, base)),
                        "links",
                        List.of(new Link(
                                base + "/collections/" + layer.id() + "/tiles",
                                "self",
                                CollectionDocs.JSON,
                                "tilesets"))));
    }

    @GetMapping("/ogc/collections/{collectionId}/tiles/WebMercatorQuad")
    public void tileset(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Layer layer = CollectionDocs.layer(atlases.current(), collectionId);
        Query.check(request, ONLY_F);
        Map<String, Object> t = tileset(layer, CollectionDocs.base(request));
        t.put(
                "layers",
                List.of(Map.of(
                        "id",
                        layer.id(),
                        "dataType",
                        "vector",
                        "geometryDimension",
                        switch (layer.info().geometry()) {
                            case POINT -> 0;
                            case LINE -> 1;
                            case POLYGON -> 2;
                        },
                        "minTileMatrix",
                        "0",
                        "maxTileMatrix",
                        String.valueOf(WebMercatorQuad.MAX_ZOOM))));
        Respond.json(response, json, CollectionDocs.JSON, t);
    }

    @GetMapping("/ogc/collections/{collectionId}/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}")
    public void tile(
            @PathVariable String collectionId,
            @PathVariable String tileMatrix,
            @PathVariable String tileRow,
            @PathVariable String tileCol,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Atlas atlas = atlases.current();
        Layer layer = CollectionDocs.layer(atlas, collectionId);
        Query.check(request, ONLY_F);
        String f = request.getParameter("f");
        if (f != null && !f.equals("mvt")) {
            throw ApiProblem.badRequest("f", "a tile is only served as f=mvt (" + MVT + "), got f='" + f + "'");
        }
        int z = index("tileMatrix", tileMatrix, WebMercatorQuad.MAX_ZOOM);
        int row = index("tileRow", tileRow, (1 << z) - 1);
        int col = index("tileCol", tileCol, (1 << z) - 1);
        if (freshness.notModified(request, response, atlas, MVT)) {
            return;
        }
        byte[] mvt = tiles.tile(atlas, layer, z, row, col);
        if (mvt.length == 0) {
            response.setStatus(HttpStatus.NO_CONTENT.value()); // Tiles Part 1: an empty tile is 204
            return;
        }
        response.setContentType(MVT);
        response.setContentLength(mvt.length);
        response.getOutputStream().write(mvt);
    }

    private static int index(String name, String value, int max) {
        if (!value.matches("\\d{1,9}")) {
            throw ApiProblem.badRequest(
                    name, name + " must be a whole number within [0, " + max + "], got '" + value + "'");
        }
        int v = Integer.parseInt(value);
        if (v > max) {
            // a tile outside the matrix does not exist
            throw ApiProblem.notFound(name, name + " " + v + " is outside the tile matrix: at most " + max);
        }
        return v;
    }

    private static Map<String, Object> tileset(Layer layer, String base) {
        String self = base + "/collections/" + layer.id() + "/tiles/" + WebMercatorQuad.ID;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", layer.info().titleEn() + " (Mapbox Vector Tiles, WebMercatorQuad)");
        t.put("dataType", "vector");
        t.put("crs", WebMercatorQuad.CRS);
        t.put("tileMatrixSetURI", WebMercatorQuad.URI);
        t.put(
                "links",
                List.of(
                        new Link(self, "self", CollectionDocs.JSON, "this tileset"),
                        new Link(
                                base + "/tileMatrixSets/" + WebMercatorQuad.ID,
                                "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                                CollectionDocs.JSON,
                                "WebMercatorQuad"),
                        new Link(self + "/{tileMatrix}/{tileRow}/{tileCol}", "item", MVT, "a tile", true),
                        new Link(
                                base + "/collections/" + layer.id(),
                                "http://www.opengis.net/def/rel/ogc/1.0/geodata",
                                CollectionDocs.JSON,
                                "the collection")));
        return t;
    }
}
