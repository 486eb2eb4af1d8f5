package liuyu.outfalls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Coordinate;

/** The layer the ledger publishes into the atlas in place of the seed layer, so the OGC API, /layers and navigation see it. */
final class OutfallLayer {
    /**
     * Every plain property {@link #of} writes, with its JSON type: the ledger's fields are fixed, so the collection
     * offers them as properties and queryables even when no record has them yet (an empty ledger, or no record with a
     * permit number), and {@code ?state=violation} answers no features instead of refusing the parameter.
     */
    static final Map<String, String> PROPERTY_TYPES = Map.ofEntries(
            Map.entry("nameZh", "string"),
            Map.entry("nameEn", "string"),
            Map.entry("type", "string"),
            Map.entry("state", "string"),
            Map.entry("normallyFlowing", "boolean"),
            Map.entry("district", "string"),
            Map.entry("reach", "string"),
            Map.entry("river", "string"),
            Map.entry("dischargingUnit", "string"),
            Map.entry("responsibleParty", "string"),
            Map.entry("permitNumber", "string"),
            Map.entry("signboard", "boolean"),
            Map.entry("ledgerVersion", "integer"),
            Map.entry("method", "string"),
            Map.entry("source", "string"),
            Map.entry("licence", "string"),
            Map.entry("accuracy", "string"),
            Map.entry("authoritative", "boolean"),
            Map.entry("citation", "string"));

    private final AtlasStore atlases;
    /** The atlas layer the ledger was seeded from (named in the provenance), or null. */
    private final LayerInfo seedLayer;

    OutfallLayer(AtlasStore atlases) {
        this.atlases = atlases;
        Layer base = atlases.base().layer(AtlasSchema.OUTFALLS);
        this.seedLayer = base == null ? null : base.info();
    }

    /** Publishes the records as the atlas's outfalls layer; an atlas without outfalls and an empty ledger get none at all. */
    void publish(Collection<OutfallStore.Entry> entries, String version) {
        if (!entries.isEmpty() || atlases.base().layer(AtlasSchema.OUTFALLS) != null) {
            atlases.overlay(of(entries, version, atlases.current(), seedLayer));
        }
    }

    /** The layer of every record at its latest version, on {@code atlas}'s districts. */
    static Layer of(Collection<OutfallStore.Entry> entries, String version, Atlas atlas, LayerInfo seedLayer) {
        List<Feature> features = new ArrayList<>();
        Method worst = Method.SURVEYED;
        boolean authoritative = !entries.isEmpty();
        for (OutfallStore.Entry e : entries) {
            Outfall o = e.outfall();
            Provenance p = o.provenance();
            worst = p.method().ordinal() > worst.ordinal() ? p.method() : worst;
            authoritative &= p.authoritative();
            Feature d = OutfallAssessment.district(atlas, o.lon(), o.lat());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("nameZh", o.nameZh());
            if (o.nameEn() != null) {
                props.put("nameEn", o.nameEn());
            }
            props.put("type", o.type().code());
            props.put("state", e.state().code());
            props.put("normallyFlowing", o.normallyFlowing());
            props.put("district", d == null ? null : d.id());
            if (o.details().reach() != null) {
                props.put("reach", o.details().reach()); // the network links the outfall to the reach it declares
            }
            putIfPresent(props, "river", o.details().receivingWater()); // the receiving water, as the trace lists it
            putIfPresent(props, "dischargingUnit", o.details().dischargingUnit());
            putIfPresent(props, "responsibleParty", o.details().responsibleParty());
            putIfPresent(props, "permitNumber", o.details().permitNumber());
            props.put("signboard", o.details().signboard());
            props.put("ledgerVersion", o.version());
            props.put("method", p.method().code());
            props.put("source", p.source());
            props.put("licence", p.licence());
            props.put("accuracy", p.accuracy());
            props.put("authoritative", p.authoritative());
            props.put("citation", "beijing-outfall-supervision-2023/2.1a");
            features.add(new Feature(
                    AtlasSchema.OUTFALLS,
                    o.id(),
                    GeoJson.FACTORY.createPoint(new Coordinate(o.lon(), o.lat())),
                    props,
                    p));
        }
        String seededFrom = seedLayer == null
                ? ""
                : "; records seeded from the atlas layer ("
                        + seedLayer.provenance().source() + ")";
        LayerInfo info = new LayerInfo(
                AtlasSchema.OUTFALLS,
                "Outfall ledger",
                "入河排污口台账",
                "The outfall ledger kept by this service (beijing-outfall-supervision-2023/2.1a): every outfall with its type, lifecycle state, district and"
                        + " reach; 'state' and 'type' filter the items. Each feature carries its own provenance"
                        + seededFrom + ".",
                GeometryKind.POINT,
                new Provenance(
                        worst,
                        "Liuyu outfall ledger (records database)" + seededFrom,
                        seedLayer == null
                                ? "per record (see each feature)"
                                : seedLayer.provenance().licence(),
                        entries.isEmpty()
                                ? "No records yet: the ledger is empty."
                                : worst == Method.SYNTHETIC
                                        ? "Holds synthetic records (see each feature's method): not for enforcement or reporting."
                                        : "As recorded by inspectors; see each feature's accuracy.",
                        authoritative),
                version,
                null,
                "beijing-outfall-supervision-2023/2.1a",
                "ledger");
        return Layer.declaring(info, features, PROPERTY_TYPES);
    }

    private static void putIfPresent(Map<String, Object> props, String key, String value) {
        if (value != null) {
            props.put(key, value);
        }
    }
}
