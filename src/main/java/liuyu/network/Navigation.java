package liuyu.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import liuyu.atlas.Feature;

/**
 * The answer to one navigation: the reaches found, nearest first, and on request the linked features
 * of any point layer on them. Distances are in km; how they are counted and which features count
 * depends on the {@link Semantics}.
 */
public final class Navigation {
    /** A reach found; {@code feature} is its line in the atlas. */
    public record ReachHit(String id, Feature feature, double distanceKm) {}

    /** A linked feature found, with its network distance from the start. */
    public record FeatureHit(LinkedFeature linked, double distanceKm) {}

    private final RiverNetwork river;
    private final Mode mode;
    private final Origin origin;
    private final double limitM;
    private final Reached reached;
    private final Semantics semantics;

    Navigation(RiverNetwork river, Mode mode, Semantics semantics, Origin origin, double limitM, Reached reached) {
        this.semantics = semantics;
        this.river = river;
        this.mode = mode;
        this.origin = origin;
        this.limitM = limitM;
        this.reached = reached;
    }

    public Mode mode() {
        return mode;
    }

    public Semantics semantics() {
        return semantics;
    }

    /** The reach the navigation started on. */
    public String startReach() {
        return river.network().id(origin.reach());
    }

    public List<ReachHit> reaches() {
        Network net = river.network();
        List<ReachHit> out = new ArrayList<>(reached.size());
        for (int i = 0; i < reached.size(); i++) {
            String id = net.id(reached.reaches()[i]);
            out.add(new ReachHit(id, river.reachFeature(id), reached.distancesM()[i] / 1000));
        }
        out.sort(Comparator.comparingDouble(ReachHit::distanceKm));
        return out;
    }

    /**
     * The features of a point layer on the reaches found. NLDI: every feature of every reach found, at
     * its reach's distance. LIUYU: only features whose own position lies within the distance, and on
     * the start reach only those on the navigated side of a start point.
     */
    public List<FeatureHit> features(String layer) {
        LinkedLayer linked = river.linked(layer);
        if (linked == null) {
            throw new NavigationException(
                    NavigationException.Reason.NOT_FOUND, "dataSource", "no point layer '" + layer + "' in the atlas");
        }
        Network net = river.network();
        boolean upstream = mode.upstream();
        List<FeatureHit> out = new ArrayList<>();
        for (int i = 0; i < reached.size(); i++) {
            int r = reached.reaches()[i];
            double reachDistance = reached.distancesM()[i];
            if (semantics == Semantics.NLDI) {
                for (LinkedFeature f : linked.onReach(net.id(r))) {
                    out.add(new FeatureHit(f, reachDistance / 1000));
                }
                continue;
            }
            double length = net.lengthM(r);
            for (LinkedFeature f : linked.onReach(net.id(r))) {
                double at = f.link().fromDownstreamM();
                double d;
                if (r == origin.reach()) {
                    double from = origin.wholeReach() ? (upstream ? 0 : length) : origin.fromDownstreamM();
                    d = upstream ? at - from : from - at;
                } else {
                    d = reachDistance + (upstream ? at : length - at);
                }
                if (d >= 0 && d <= limitM) {
                    out.add(new FeatureHit(f, d / 1000));
                }
            }
        }
        out.sort(Comparator.comparingDouble(FeatureHit::distanceKm));
        return out;
    }
}
