package liuyu.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The network of one atlas snapshot: the reaches of its river layer, every point layer linked to
 * them, and navigation over both. Immutable; {@link NetworkService} builds one per snapshot.
 */
public final class RiverNetwork {
    private final Atlas atlas;
    private final String riverLayer;
    private final Network network;
    private final List<Problem> problems;
    private final Map<String, Feature> reachFeatures;
    private final Linker linker;
    private final Map<String, LinkedLayer> linked;
    private final Catchments catchments;
    private final NetworkImport imported;

    private RiverNetwork(
            Atlas atlas,
            String riverLayer,
            Network network,
            List<Problem> problems,
            Map<String, Feature> reachFeatures,
            Linker linker,
            Map<String, LinkedLayer> linked,
            Catchments catchments,
            NetworkImport imported) {
        this.atlas = atlas;
        this.catchments = catchments;
        this.imported = imported;
        this.riverLayer = riverLayer;
        this.network = network;
        this.problems = List.copyOf(problems);
        this.reachFeatures = reachFeatures;
        this.linker = linker;
        this.linked = linked;
    }

    /**
     * Builds the network from the atlas line layer {@code settings.layer()} in the declared or detected
     * form and links every point layer; throws {@link NetworkImportException} when the layer has errors
     * (with {@code settings.skipInvalid()} invalid features are left out and reported instead).
     */
    public static RiverNetwork of(Atlas atlas, NetworkProperties settings) {
        Layer rivers = atlas.layer(settings.layer());
        List<Feature> lines =
                rivers != null && rivers.info().geometry() == GeometryKind.LINE ? rivers.features() : List.of();
        List<Problem> problems = new ArrayList<>();
        if (lines.isEmpty()) {
            problems.add(Problem.warning(
                    "no-network",
                    "the atlas has no line layer '" + settings.layer()
                            + "' with features: there is no river network to navigate",
                    List.of(settings.layer())));
        }
        // the layer's own declaration (atlas.yaml network: {form: …}) wins over the service-wide setting
        String layerForm = rivers == null ? null : rivers.info().networkForm();
        LineImporter.Form declared;
        try {
            declared = LineImporter.Form.parse(layerForm != null ? layerForm : settings.form());
        } catch (IllegalArgumentException e) {
            throw new NetworkImportException(List.of(Problem.error(
                    "bad-setting",
                    (layerForm != null ? "layer '" + settings.layer() + "': network: form: " : "liuyu.network.form: ")
                            + e.getMessage(),
                    List.of())));
        }
        NetworkImport imported =
                new LineImporter(settings.snapToleranceM()).importLines(lines, declared, settings.skipInvalid());
        problems.addAll(imported.warnings());
        Network network = imported.network();
        Map<String, Feature> reachFeatures = new HashMap<>();
        LineString[] geometry = new LineString[network.size()];
        for (Feature f : imported.kept()) {
            String id = LineImporter.reachId(f, imported.form());
            int r = network.index(id);
            if (r >= 0) {
                reachFeatures.put(id, f);
                geometry[r] = LineImporter.singleLine(f.geometry());
            }
        }
        Catchments catchments = Catchments.of(atlas, settings, network, problems);
        Linker linker = new Linker(
                network, geometry, settings.linkToleranceM(), settings.reachProperties(), catchments::reachAt);
        Map<String, LinkedLayer> linked = new LinkedHashMap<>();
        for (Layer layer : atlas.layers()) {
            if (layer.info().geometry() != GeometryKind.POINT) {
                continue;
            }
            List<Placement> placements = new ArrayList<>();
            for (Feature f : layer.features()) {
                placements.add(linker.link(f));
            }
            LinkedLayer l = new LinkedLayer(layer.id(), placements);
            for (Unlinked u : l.unlinked()) {
                problems.add(Problem.warning(
                        "not-linked",
                        layer.id() + " '" + u.feature().id() + "' is not linked: " + u.reason(),
                        List.of(u.feature().id())));
            }
            linked.put(layer.id(), l);
        }
        return new RiverNetwork(
                atlas,
                settings.layer(),
                network,
                problems,
                Collections.unmodifiableMap(reachFeatures),
                linker,
                Collections.unmodifiableMap(linked),
                catchments,
                imported);
    }

    /** The atlas snapshot this network was built from. */
    public Atlas atlas() {
        return atlas;
    }

    /** The atlas line layer the reaches come from. */
    public String riverLayer() {
        return riverLayer;
    }

    public Network network() {
        return network;
    }

    /** The form the river layer was read in. */
    public LineImporter.Form form() {
        return imported.form();
    }

    /** Why that form: declared, or detected from which attributes (and the snap tolerance for snapped lines). */
    public String formReason() {
        return imported.formReason();
    }

    /** Ids of river features left out as invalid (liuyu.network.skip-invalid), each reported among the problems. */
    public List<String> skipped() {
        return imported.skipped();
    }

    /** Whether the atlas has a catchment layer: then positions and basins come from it. */
    public boolean hasCatchments() {
        return catchments.present();
    }

    /** Warnings from the import and linking (errors stop the build instead). */
    public List<Problem> problems() {
        return problems;
    }

    /** Reach ids in network order. */
    public List<String> reachIds() {
        List<String> ids = new ArrayList<>(network.size());
        for (int i = 0; i < network.size(); i++) {
            ids.add(network.id(i));
        }
        return ids;
    }

    /** The river-layer feature of a reach, or null when there is no such reach. */
    public Feature reachFeature(String reachId) {
        return reachFeatures.get(reachId);
    }

    /** Point layers that can be linked-feature sources. */
    public Set<String> featureLayers() {
        return linked.keySet();
    }

    /** A point layer placed on the network, or null when the atlas has no such point layer. */
    public LinkedLayer linked(String layer) {
        return linked.get(layer);
    }

    /**
     * The reach at a lon/lat position as NLDI finds it: the reach of the catchment containing it, else
     * the nearest reach within the link tolerance; the link says which.
     */
    public Optional<ReachLink> position(double lon, double lat) {
        return linker.locate(lon, lat);
    }

    /** Whether water from reach {@code a} reaches reach {@code b}; false when either is unknown. */
    public boolean isUpstream(String a, String b) {
        int i = network.index(a);
        int j = network.index(b);
        return i >= 0 && j >= 0 && network.isUpstream(i, j);
    }

    /**
     * UM, UT, DM or DD from a start, bounded by a distance along the network in km
     * ({@code Double.POSITIVE_INFINITY} for none), counted as the semantics says.
     */
    public Navigation navigate(Start start, Mode mode, double distanceKm, Semantics semantics) {
        if (mode == Mode.PP) {
            throw new NavigationException(NavigationException.Reason.INVALID, "mode", "PP needs a stop reach");
        }
        Origin origin = origin(start, semantics);
        double limitM = distanceKm * 1000;
        Reached reached = semantics == Semantics.NLDI
                ? network.navigateNldi(mode, origin.reach(), limitM)
                : network.navigate(mode, origin, limitM);
        return new Navigation(this, mode, semantics, origin, limitM, reached);
    }

    /**
     * PP: the shortest downstream path from the start to the stop reach, which must lie downstream of
     * the start; under NLDI semantics from the whole start reach, with every feature of the path.
     */
    public Navigation pointToPoint(Start start, String stopReach, double distanceKm, Semantics semantics) {
        Origin origin = origin(start, semantics);
        int stop = network.index(stopReach);
        if (stop < 0) {
            throw new NavigationException(NavigationException.Reason.NOT_FOUND, "stop", "no reach '" + stopReach + "'");
        }
        if (stop != origin.reach() && !network.isUpstream(origin.reach(), stop)) {
            throw new NavigationException(
                    NavigationException.Reason.INVALID,
                    "stop",
                    "reach '" + stopReach + "' is not downstream of the start reach '" + network.id(origin.reach())
                            + "'");
        }
        return new Navigation(
                this,
                Mode.PP,
                semantics,
                origin,
                distanceKm * 1000,
                network.pointToPoint(origin, stop, distanceKm * 1000));
    }

    /**
     * The union of the catchments of every reach draining to the start (whole catchments: a start
     * point does not split its own); throws NOT_FOUND with the reason when the atlas has no
     * catchment layer or no catchment upstream.
     */
    public Geometry basin(Start start) {
        if (!catchments.present()) {
            throw new NavigationException(
                    NavigationException.Reason.NOT_FOUND,
                    "basin",
                    "this atlas has no catchment layer '"
                            + catchments.layer()
                            + "' (polygons keyed by reach id), so basins cannot be drawn; the demo atlas has none"
                            + " because no elevation model is available to derive them");
        }
        Origin origin = origin(start);
        Reached upstream = network.navigate(Mode.UT, Origin.reach(origin.reach()), Double.POSITIVE_INFINITY);
        List<Geometry> parts = new ArrayList<>();
        for (int r : upstream.reaches()) {
            parts.addAll(catchments.of(network.id(r)));
        }
        if (parts.isEmpty()) {
            throw new NavigationException(
                    NavigationException.Reason.NOT_FOUND,
                    "basin",
                    "no catchment in layer '" + catchments.layer() + "' belongs to a reach upstream of the start");
        }
        return UnaryUnionOp.union(parts);
    }

    /** NLDI navigates from the start's whole reach, whatever the start's measure. */
    private Origin origin(Start start, Semantics semantics) {
        Origin o = origin(start);
        return semantics == Semantics.NLDI ? Origin.reach(o.reach()) : o;
    }

    private Origin origin(Start start) {
        if (start instanceof Start.OfReach r) {
            int i = network.index(r.id());
            if (i < 0) {
                throw new NavigationException(NavigationException.Reason.NOT_FOUND, "id", "no reach '" + r.id() + "'");
            }
            return Origin.reach(i);
        }
        if (start instanceof Start.OfFeature f) {
            LinkedLayer layer = linked.get(f.layer());
            if (layer == null) {
                throw new NavigationException(
                        NavigationException.Reason.NOT_FOUND,
                        "source",
                        "no point layer '" + f.layer() + "' in the atlas");
            }
            Placement p = layer.placement(f.id());
            if (p == null) {
                throw new NavigationException(
                        NavigationException.Reason.NOT_FOUND, "id", "no feature '" + f.id() + "' in " + f.layer());
            }
            if (p instanceof Unlinked u) {
                throw new NavigationException(
                        NavigationException.Reason.NOT_FOUND,
                        "id",
                        f.layer() + " '" + f.id() + "' is not linked to the network: " + u.reason());
            }
            return origin(((LinkedFeature) p).link());
        }
        Start.AtPosition p = (Start.AtPosition) start;
        return origin(position(p.lon(), p.lat())
                .orElseThrow(() -> new NavigationException(
                        NavigationException.Reason.NOT_FOUND,
                        "coords",
                        "no catchment contains the position and no reach lies within" + " the link tolerance of it")));
    }

    private Origin origin(ReachLink link) {
        return Origin.point(network.index(link.reach()), link.fromDownstreamM());
    }
}
