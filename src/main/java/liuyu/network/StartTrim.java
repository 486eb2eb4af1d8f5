package liuyu.network;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * NLDI's trimStart for navigated flowlines: the start flowline cut at the start feature's measure (0 at the
 * downstream end, 100 at the upstream end; lines drawn from upstream to downstream). Downstream modes keep
 * the part from the feature down, upstream modes the part from the top down to the feature. As NLDI does
 * (ST_LineSubstring on the stored geometry), the cut is at that fraction of the line's planar length; a
 * measure of 0, or a cut-off part smaller than the tolerance (percent), leaves the line whole.
 */
public final class StartTrim {
    private StartTrim() {}

    public static Geometry trim(Geometry reach, double measure, Mode mode, double tolerancePercent) {
        LineString line = LineImporter.singleLine(reach);
        if (line == null || measure <= 0) {
            return reach;
        }
        boolean downstream = mode == Mode.DM || mode == Mode.DD || mode == Mode.PP;
        // NLDI: trim when 100 - measure >= tolerance (downstream), measure >= tolerance (upstream)
        if ((downstream ? 100 - measure : measure) < tolerancePercent) {
            return reach;
        }
        double fraction = 1 - Math.min(measure, 100) / 100;
        LengthIndexedLine along = new LengthIndexedLine(line);
        double at = fraction * line.getLength();
        return downstream ? along.extractLine(at, line.getLength()) : along.extractLine(0, at);
    }
}
