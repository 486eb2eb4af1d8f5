package liuyu.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Provenance;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Envelope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Plain RFC 7946 GeoJSON of each layer, streamed; the layer's description rides as a foreign member. */
@RestController
public class LayerController {
    public static final String GEOJSON = "application/geo+json";

    private final AtlasStore atlases;
    private final JsonMapper json;

    public LayerController(AtlasStore atlases, JsonMapper json) {
        this.atlases = atlases;
        this.json = json;
    }

    public record LayerSummary(
            String id,
            String titleEn,
            String titleZh,
            String description,
            String geometry,
            int featureCount,
            double[] bbox,
            String version,
            String validFrom,
            String citation,
            Provenance provenance,
            String href) {}

    /** {@code atlasLabel} names the atlas served as every answer's notes do; {@code demo} whether it is the bundled demo. */
    public record LayerList(
            String atlas,
            String atlasVersion,
            String atlasTitle,
            boolean demo,
            String atlasLabel,
            List<LayerSummary> layers) {}

    @GetMapping("/layers")
    public LayerList layers() {
        Atlas atlas = atlases.current();
        List<LayerSummary> out = new ArrayList<>();
        for (Layer layer : atlas.layers()) {
            out.add(summary(layer));
        }
        return new LayerList(atlas.id(), atlas.version(), atlas.title(), atlas.demo(), atlas.label(), out);
    }

    @GetMapping("/layers/{id}")
    public void layer(@PathVariable String id, HttpServletResponse response) throws IOException {
        Layer layer = atlases.current().layer(id);
        if (layer == null) {
            throw ApiProblem.notFound("id", "no layer with id '" + id + "'; see /layers for the list");
        }
        StreamedJson.write(json, response, GEOJSON, out -> {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writePOJOProperty("layer", summary(layer));
            out.writeName("features");
            out.writeStartArray();
            for (Feature f : layer.features()) {
                GeoJson.writeFeature(f.id(), f.properties(), f.geometry(), out, GeoJson.Style.CRS84);
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    static LayerSummary summary(Layer layer) {
        LayerInfo i = layer.info();
        Envelope e = layer.extent();
        double[] bbox = e.isNull() ? null : new double[] {e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()};
        return new LayerSummary(
                i.id(),
                i.titleEn(),
                i.titleZh(),
                i.description(),
                i.geometry().code(),
                layer.features().size(),
                bbox,
                i.version(),
                i.validFrom() == null ? null : i.validFrom().toString(),
                i.citation(),
                i.provenance(),
                "/layers/" + i.id());
    }
}
