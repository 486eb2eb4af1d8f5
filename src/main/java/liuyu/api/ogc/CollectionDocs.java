package liuyu.api.ogc;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import liuyu.api.ApiProblem;
import liuyu.atlas.Atlas;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Provenance;
import liuyu.geo.Crs;
import org.locationtech.jts.geom.Envelope;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What the OGC API says about each atlas layer: its collection document, CRSs and URLs. */
final class CollectionDocs {
    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String HTML = "text/html";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    static final String NO_TIME = "The features of this layer carry no time, so it has no temporal extent and a "
            + "well-formed datetime parameter keeps every feature.";

    private CollectionDocs() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Spatial(List<double[]> bbox, String crs) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Extent(Spatial spatial) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Collection(
            String id,
            String title,
            String titleZh,
            String description,
            String itemType,
            Extent extent,
            List<String> crs,
            String storageCrs,
            String geometry,
            int featureCount,
            Set<String> filterableProperties,
            String validFrom,
            String citation,
            String version,
            Provenance provenance,
            List<Link> links) {}

    /** The service root, {@code …/ogc}, as the client reached it. */
    static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString() + "/ogc";
    }

    static Layer layer(Atlas atlas, String id) {
        Layer layer = atlas.layer(id);
        if (layer == null) {
            List<String> ids = new ArrayList<>();
            atlas.layers().forEach(l -> ids.add(l.id()));
            throw ApiProblem.notFound(
                    "collectionId", "no collection '" + id + "'; collections: " + String.join(", ", ids));
        }
        return layer;
    }

    static List<String> crsUris() {
        List<String> uris = new ArrayList<>();
        OgcCrs.ALL.forEach(c -> uris.add(c.uri()));
        return uris;
    }

    /** A CRS offered here, from its URI or short name; 400 naming {@code parameter} otherwise. */
    static OgcCrs crs(String parameter, String value) {
        if (value == null) {
            return OgcCrs.CRS84;
        }
        OgcCrs crs = OgcCrs.parse(value);
        if (crs == null) {
            throw ApiProblem.badRequest(
                    parameter,
                    "unsupported " + parameter + " '" + value + "'; supported: CRS84, EPSG:4326, "
                            + "EPSG:4490, EPSG:3857 and EPSG:4491–4554 (CGCS2000 Gauss-Krüger), as short names or OGC URIs");
        }
        return crs;
    }

    static Collection collection(Layer layer, String base) {
        LayerInfo i = layer.info();
        String self = base + "/collections/" + i.id();
        Envelope e = layer.extent();
        Extent extent = e.isNull()
                ? null
                : new Extent(new Spatial(
                        List.<double[]>of(new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()}),
                        Crs.CRS84.uri()));
        String description = (i.description().isBlank() ? "" : i.description() + " ") + NO_TIME;
        List<Link> links = List.of(
                new Link(self, "self", JSON, "this document"),
                new Link(self + "?f=html", "alternate", HTML, "this document as HTML"),
                new Link(self + "/items", "items", GEOJSON, "the features as GeoJSON"),
                new Link(self + "/items?f=html", "items", HTML, "the features as HTML"),
                new Link(self + "/schema", "describedby", "application/schema+json", "JSON Schema of the features"),
                new Link(
                        self + "/queryables",
                        "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                        "application/schema+json",
                        "what filter, sortby and equality parameters may name"),
                new Link(
                        self + "/tiles",
                        OgcTilesController.TILESETS_VECTOR,
                        JSON,
                        "Mapbox Vector Tiles (WebMercatorQuad)"));
        return new Collection(
                i.id(),
                i.titleEn(),
                i.titleZh().isBlank() ? null : i.titleZh(),
                description,
                "feature",
                extent,
                crsUris(),
                Crs.CRS84.uri(),
                i.geometry().code(),
                layer.features().size(),
                new TreeSet<>(layer.filterableProperties()),
                i.validFrom() == null ? null : i.validFrom().toString(),
                i.citation(),
                i.version(),
                i.provenance(),
                links);
    }
}
