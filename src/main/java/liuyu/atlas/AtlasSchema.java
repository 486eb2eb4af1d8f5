package liuyu.atlas;

import java.util.ArrayList;
import java.util.List;

/**
 * The layers the code depends on, named once, with what each feature needs of them. An atlas may lack any of them
 * (a user's atlas often holds fewer); {@link #missing} says which are absent and which features go without.
 */
public final class AtlasSchema {
    public static final String DISTRICTS = "districts";
    public static final String RESERVOIRS = "reservoirs";
    public static final String BASINS = "basins";
    public static final String SECTIONS = "sections";
    public static final String OUTFALLS = "outfalls";
    public static final String PROTECTION_ZONES = "protection-zones";
    public static final String SHORE_BANDS = "shore-bands";
    /** The river lines of the network (the default of {@code liuyu.network.layer}). */
    public static final String RIVERS = "rivers";
    /** Reach catchments, optional (the default of {@code liuyu.network.catchment-layer}). */
    public static final String CATCHMENTS = "catchments";
    /** The {@code kind} of a river reach that is a path through a lake or reservoir rather than a channel. */
    public static final String ARTIFICIAL_PATH = "artificial-path";

    /** A layer, what it must hold, and the features that need it. */
    public record Need(String layer, String holds, List<String> features) {}

    public static final List<Need> NEEDS = List.of(
            new Need(
                    DISTRICTS,
                    "polygons, id = administrative code, nameZh",
                    List.of(
                            "project checks (authorities by district)",
                            "check-report listing by district",
                            "outfall ledger (district, reports)")),
            new Need(
                    RESERVOIRS,
                    "polygons",
                    List.of("project checks (artificial paths through a reservoir)", "shore bands from a DEM (bands)")),
            new Need(BASINS, "polygons", List.of("demo observations (the deteriorating basin)")),
            new Need(
                    SECTIONS,
                    "points with a target class",
                    List.of("water quality, targets and tracing", "project checks (sections downstream)")),
            new Need(OUTFALLS, "points", List.of("outfall ledger (seed)", "tracing (outfalls upstream)")),
            new Need(
                    RIVERS,
                    "lines in flow direction; kind " + ARTIFICIAL_PATH + " for paths through a reservoir",
                    List.of("navigation", "tracing", "project checks (downstream)")));

    private AtlasSchema() {}

    /** One line per needed layer the atlas lacks, naming the features that go without it. */
    public static List<String> missing(Atlas atlas) {
        List<String> out = new ArrayList<>();
        for (Need n : NEEDS) {
            if (atlas.layer(n.layer()) == null) {
                out.add("layer '" + n.layer() + "' (" + n.holds() + ") is missing; without it: "
                        + String.join(", ", n.features()));
            }
        }
        return out;
    }
}
