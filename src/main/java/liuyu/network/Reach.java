package liuyu.network;

import java.util.List;

/**
 * One reach as an importer reads it, before numbering: links are by id. {@code downstream} is the
 * main downstream reach (null at an outlet), {@code diversions} the reaches taking water away at the
 * downstream end, {@code mainstem} the level path (null when the source has none: it is then derived).
 * {@code pathlengthM} is the source's own distance from the reach's downstream end to its terminal
 * outlet (NHDPlus {@code Pathlength}), NaN when the source has none: it is then computed.
 */
public record Reach(
        String id, double lengthM, String downstream, List<String> diversions, String mainstem, double pathlengthM) {
    public Reach {
        diversions = List.copyOf(diversions);
    }

    public Reach(String id, double lengthM, String downstream, List<String> diversions, String mainstem) {
        this(id, lengthM, downstream, diversions, mainstem, Double.NaN);
    }
}
