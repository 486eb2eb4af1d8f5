package liuyu.reports;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import liuyu.atlas.Feature;
import liuyu.geo.MetricProjection;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The report's map figure, drawn as PDF vector paths from the JTS geometries: the zones the project
 * touches or comes near, clipped to a frame around the project, and the project over them, in UTM 50N
 * metres so shapes and the scale bar are true. No tiles, no raster.
 */
final class MapFigure {
    static final Color PROJECT = new Color(200, 20, 20);
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(44, 160, 44), new Color(255, 127, 14), new Color(148, 103, 189),
        new Color(23, 190, 207), new Color(140, 86, 75), new Color(188, 189, 34), new Color(227, 119, 194)
    };

    /** A zone to draw, with the colour of its legend entry. */
    record Zone(Feature feature, Color colour, Geometry metric) {}

    private final Geometry project;
    private final List<Zone> zones;
    private final Envelope frame;

    /** {@code project} in lon/lat; {@code features} the zones to draw, in legend order. */
    MapFigure(Geometry project, List<Feature> features, float width, float height) {
        this.project = MetricProjection.toMetric(project);
        List<Zone> z = new ArrayList<>();
        List<String> layers = new ArrayList<>();
        for (Feature f : features) {
            if (!layers.contains(f.layer())) {
                layers.add(f.layer());
            }
            z.add(new Zone(
                    f, PALETTE[layers.indexOf(f.layer()) % PALETTE.length], MetricProjection.toMetric(f.geometry())));
        }
        this.zones = z;
        Envelope e = new Envelope(this.project.getEnvelopeInternal());
        double size = Math.max(e.getWidth(), e.getHeight());
        e.expandBy(Math.max(400, size * 0.4)); // enough context to see the zone edges near the project
        // widen the shorter side so one metre is the same length across and up the page
        double aspect = width / height;
        if (e.getWidth() / e.getHeight() < aspect) {
            e.expandBy((e.getHeight() * aspect - e.getWidth()) / 2, 0);
        } else {
            e.expandBy(0, (e.getWidth() / aspect - e.getHeight()) / 2);
        }
        this.frame = e;
    }

    List<Zone> zones() {
        return zones;
    }

    /** Draws into the rectangle with lower-left corner (x, y). */
    void draw(PDPageContentStream cs, float x, float y, float width, float height, Text label) throws IOException {
        double scale = width / frame.getWidth();
        Geometry box = project.getFactory().toGeometry(frame);
        cs.saveGraphicsState();
        cs.addRect(x, y, width, height);
        cs.clip();
        cs.setNonStrokingColor(new Color(250, 250, 246));
        cs.addRect(x, y, width, height);
        cs.fill();
        List<Geometry> clips = new ArrayList<>();
        for (Zone z : zones) {
            Geometry clipped;
            try {
                clipped = z.metric().intersection(box);
            } catch (RuntimeException topologyFailure) {
                clipped = z.metric(); // the page clip still bounds it
            }
            clips.add(clipped);
            alpha(cs, 0.28f);
            cs.setNonStrokingColor(z.colour());
            path(cs, clipped, x, y, scale);
            cs.fillEvenOdd();
            alpha(cs, 1f);
            cs.setStrokingColor(z.colour().darker());
            cs.setLineWidth(0.8f);
            path(cs, clipped, x, y, scale);
            cs.stroke();
        }
        for (int i = 0; i < zones.size(); i++) {
            Zone z = zones.get(i);
            Geometry clipped = clips.get(i);
            // a zone covering the whole frame is named by the legend alone: its label would sit on the project
            if (!clipped.isEmpty() && z.feature().nameZh() != null && clipped.getArea() < 0.9 * box.getArea()) {
                Point at = clipped.getInteriorPoint();
                float lx = (float) (x + (at.getX() - frame.getMinX()) * scale) - 20;
                float ly = (float) (y + (at.getY() - frame.getMinY()) * scale);
                label.draw(
                        cs,
                        z.feature().nameZh(),
                        Math.max(x + 4, Math.min(lx, x + width - 110)),
                        Math.max(y + 24, Math.min(ly, y + height - 24)),
                        7,
                        z.colour().darker().darker());
            }
        }
        cs.setStrokingColor(PROJECT);
        cs.setNonStrokingColor(PROJECT);
        cs.setLineWidth(1.6f);
        for (int i = 0; i < project.getNumGeometries(); i++) {
            Geometry part = project.getGeometryN(i);
            if (part instanceof Point p) {
                float px = (float) (x + (p.getX() - frame.getMinX()) * scale);
                float py = (float) (y + (p.getY() - frame.getMinY()) * scale);
                cs.addRect(px - 3.5f, py - 3.5f, 7, 7);
                cs.fill();
            } else {
                if (part instanceof Polygon) {
                    alpha(cs, 0.35f);
                    path(cs, part, x, y, scale);
                    cs.fillEvenOdd();
                    alpha(cs, 1f);
                }
                path(cs, part, x, y, scale);
                cs.stroke();
            }
        }
        cs.restoreGraphicsState();
        cs.setStrokingColor(Color.DARK_GRAY);
        cs.setLineWidth(0.6f);
        cs.addRect(x, y, width, height);
        cs.stroke();
        scaleBar(cs, x + 8, y + 8, width, scale, label);
        label.draw(cs, "北 ↑", x + width - 26, y + height - 14, 9, Color.BLACK);
    }

    /** A bar of a round length near a quarter of the figure's width. */
    private static void scaleBar(PDPageContentStream cs, float x, float y, float width, double scale, Text label)
            throws IOException {
        double target = width / 4 / scale;
        double step = Math.pow(10, Math.floor(Math.log10(target)));
        double metres = target >= 5 * step ? 5 * step : target >= 2 * step ? 2 * step : step;
        float length = (float) (metres * scale);
        cs.setNonStrokingColor(Color.WHITE);
        cs.addRect(x - 3, y - 3, length + 50, 16);
        cs.fill();
        cs.setNonStrokingColor(Color.BLACK);
        cs.addRect(x, y, length, 3);
        cs.fill();
        label.draw(
                cs,
                metres >= 1000 ? (metres / 1000 + " km").replace(".0 ", " ") : (int) metres + " m",
                x + length + 4,
                y,
                7,
                Color.BLACK);
    }

    private void path(PDPageContentStream cs, Geometry g, float x, float y, double scale) throws IOException {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p) {
                ring(cs, p.getExteriorRing().getCoordinates(), x, y, scale, true);
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    ring(cs, p.getInteriorRingN(h).getCoordinates(), x, y, scale, true);
                }
            } else if (part instanceof LineString l) {
                ring(cs, l.getCoordinates(), x, y, scale, false);
            } else if (part.getNumGeometries() > 1 || part != g) {
                path(cs, part, x, y, scale);
            }
        }
    }

    private void ring(PDPageContentStream cs, Coordinate[] cs2, float x, float y, double scale, boolean close)
            throws IOException {
        for (int i = 0; i < cs2.length; i++) {
            float px = (float) (x + (cs2[i].x - frame.getMinX()) * scale);
            float py = (float) (y + (cs2[i].y - frame.getMinY()) * scale);
            if (i == 0) {
                cs.moveTo(px, py);
            } else {
                cs.lineTo(px, py);
            }
        }
        if (close && cs2.length > 0) {
            cs.closePath();
        }
    }

    private static void alpha(PDPageContentStream cs, float a) throws IOException {
        PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
        gs.setNonStrokingAlphaConstant(a);
        gs.setStrokingAlphaConstant(a);
        cs.setGraphicsStateParameters(gs);
    }

    /** How the figure writes a label: the report's font, which carries the Chinese glyphs. */
    interface Text {
        void draw(PDPageContentStream cs, String text, float x, float y, float size, Color colour) throws IOException;
    }
}
