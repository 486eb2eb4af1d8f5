package liuyu.terrain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import org.locationtech.jts.geom.Geometry;

/**
 * Puts a {@link ShoreBands.Result} into the atlas: the reservoir's level-1 feature of {@code protection-zones}
 * (the one with {@code level: 1} and the reservoir's name as {@code waterSource}) and its features of
 * {@code shore-bands} (those with {@code reservoir} = its id and the same bounds) get the derived geometry
 * and provenance; every other property — names, planting rules, citations — stays as it was. Missing
 * features are added.
 */
public final class DerivedZones {
    public static final String ZONES = AtlasSchema.PROTECTION_ZONES;
    public static final String BANDS = AtlasSchema.SHORE_BANDS;

    /** The two layers' new feature lists, and one line per feature saying what happened to it. */
    public record Changes(List<Feature> zones, List<Feature> bands, List<String> summary) {}

    private DerivedZones() {}

    public static Changes apply(
            ShoreBands.Result r, Feature reservoir, Layer zones, Layer bands, String licence, boolean authoritative) {
        DemInfo dem = r.dem();
        String accuracy = String.format(
                Locale.ROOT,
                "Derived from a DEM with %.1f m cells: each level line is interpolated between "
                        + "cell centres (gdal_contour), so it is as good as the DEM's heights, within about one cell horizontally.",
                dem.cellSizeM());
        Provenance provenance = new Provenance(Method.DERIVED, dem.description(), licence, accuracy, authoritative);
        List<String> summary = new ArrayList<>();
        String waterSource = reservoir.nameZh();

        List<Feature> newZones = new ArrayList<>(zones.features());
        int z = indexOf(
                newZones,
                f -> Objects.equals(number(f.properties().get("level")), 1.0)
                        && waterSource.equals(f.string("waterSource")));
        Map<String, Object> zoneProps = z >= 0
                ? new LinkedHashMap<>(newZones.get(z).properties())
                : new LinkedHashMap<>(Map.of(
                        "nameZh",
                        waterSource + "一级保护区",
                        "nameEn",
                        nameEn(reservoir) + " level-1 protection zone",
                        "level",
                        1,
                        "waterSource",
                        waterSource));
        zoneProps.put(
                "definingRule",
                "land below the " + ShoreBands.number(r.levels()[0]) + " m elevation line connected to " + waterSource
                        + " (derived from the DEM)");
        zoneProps.put("areaKm2", Math.round(r.zoneAreaM2() / 1e4) / 100.0);
        String zoneId = z >= 0 ? newZones.get(z).id() : reservoir.id() + "-level-1";
        put(newZones, z, feature(ZONES, zoneId, r.zone(), zoneProps, provenance), summary);

        List<Feature> newBands = new ArrayList<>(bands.features());
        for (ShoreBands.Band b : r.bands()) {
            int k = indexOf(
                    newBands,
                    f -> reservoir.id().equals(f.string("reservoir"))
                            && Objects.equals(number(f.properties().get("lowerM")), b.lowerM())
                            && Objects.equals(number(f.properties().get("upperM")), b.upperM()));
            String lo = ShoreBands.number(b.lowerM());
            String hi = ShoreBands.number(b.upperM());
            Map<String, Object> props = k >= 0
                    ? new LinkedHashMap<>(newBands.get(k).properties())
                    : new LinkedHashMap<>(Map.of(
                            "nameZh",
                            waterSource + "库滨带" + lo + "米—" + hi + "米",
                            "nameEn",
                            nameEn(reservoir) + " shore band " + lo + "-" + hi + " m",
                            "reservoir",
                            reservoir.id(),
                            "lowerM",
                            b.lowerM(),
                            "upperM",
                            b.upperM()));
            props.put("areaKm2", Math.round(b.areaM2() / 1e4) / 100.0);
            String id = k >= 0 ? newBands.get(k).id() : (reservoir.id() + "-band-" + lo + "-" + hi).replace('.', '_');
            put(newBands, k, feature(BANDS, id, b.geometry(), props, provenance), summary);
        }
        return new Changes(newZones, newBands, summary);
    }

    private static Feature feature(String layer, String id, Geometry g, Map<String, Object> props, Provenance p) {
        props.put("method", p.method().code());
        props.put("source", p.source());
        props.put("licence", p.licence());
        props.put("accuracy", p.accuracy());
        props.put("authoritative", p.authoritative());
        return new Feature(layer, id, g, props, p);
    }

    private static void put(List<Feature> features, int index, Feature f, List<String> summary) {
        String area =
                String.format(Locale.ROOT, "%.3f km²", ((Number) f.properties().get("areaKm2")).doubleValue());
        if (index >= 0) {
            features.set(index, f);
            summary.add(f.layer() + ": replaced '" + f.id() + "' (" + area + ")");
        } else {
            features.add(f);
            summary.add(f.layer() + ": added '" + f.id() + "' (" + area + ")");
        }
    }

    private static int indexOf(List<Feature> features, java.util.function.Predicate<Feature> p) {
        for (int i = 0; i < features.size(); i++) {
            if (p.test(features.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static String nameEn(Feature reservoir) {
        return reservoir.nameEn() == null ? reservoir.id() : reservoir.nameEn();
    }
}
