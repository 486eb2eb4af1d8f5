package liuyu.api.ogc;

import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * A server-rendered page for people: inline styles, an inline SVG sketch of geometries, no scripts
 * and nothing fetched from elsewhere, so it works offline and behind any firewall.
 */
final class HtmlPage {
    private static final int SVG_WIDTH = 480;
    private static final int SVG_HEIGHT = 320;

    private final StringBuilder html = new StringBuilder(4096);

    HtmlPage(String title, List<Link> links) {
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append(
                        "</title>\n<style>body{font-family:system-ui,sans-serif,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei';margin:1.5em;max-width:70em;color:#222}"
                                + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}"
                                + "th{background:#eef3f7}code{background:#f4f4f4}nav a{margin-right:1em}svg{border:1px solid #ccc;background:#f8fbfd}"
                                + ".note{color:#555}</style></head>\n<body>\n<nav>");
        for (Link link : links) {
            html.append("<a href=\"")
                    .append(esc(link.href()))
                    .append("\" rel=\"")
                    .append(esc(link.rel()))
                    .append("\">")
                    .append(esc(link.title() != null ? link.title() : link.rel()))
                    .append("</a>");
        }
        html.append("</nav>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    HtmlPage paragraph(String text) {
        html.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    HtmlPage note(String text) {
        html.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        return this;
    }

    HtmlPage heading(String text) {
        html.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    HtmlPage link(String href, String text) {
        html.append("<p><a href=\"")
                .append(esc(href))
                .append("\">")
                .append(esc(text))
                .append("</a></p>\n");
        return this;
    }

    /** A table; a cell given as a {@link Link} becomes an anchor, anything else its escaped text. */
    HtmlPage table(List<String> header, List<List<Object>> rows) {
        html.append("<table><tr>");
        for (String h : header) {
            html.append("<th>").append(esc(h)).append("</th>");
        }
        html.append("</tr>\n");
        for (List<Object> row : rows) {
            html.append("<tr>");
            for (Object cell : row) {
                html.append("<td>");
                if (cell instanceof Link l) {
                    html.append("<a href=\"")
                            .append(esc(l.href()))
                            .append("\">")
                            .append(esc(l.title()))
                            .append("</a>");
                } else {
                    html.append(esc(cell == null ? "" : String.valueOf(cell)));
                }
                html.append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        return this;
    }

    /** A sketch of lon/lat geometries in an equirectangular view scaled by cos(latitude) so shapes look right. */
    HtmlPage sketch(List<Geometry> geometries) {
        Envelope e = new Envelope();
        geometries.forEach(g -> e.expandToInclude(g.getEnvelopeInternal()));
        if (e.isNull()) {
            return this;
        }
        double cos = Math.cos(Math.toRadians((e.getMinY() + e.getMaxY()) / 2));
        double w = Math.max(e.getWidth() * cos, 1e-6);
        double h = Math.max(e.getHeight(), 1e-6);
        double scale = 0.9 * Math.min(SVG_WIDTH / w, SVG_HEIGHT / h);
        double ox = (SVG_WIDTH - w * scale) / 2;
        double oy = (SVG_HEIGHT - h * scale) / 2;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(SVG_WIDTH)
                .append("\" height=\"")
                .append(SVG_HEIGHT)
                .append("\" role=\"img\"><title>sketch (CRS84, not to survey accuracy)</title>\n");
        for (Geometry g : geometries) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = g.getGeometryN(i);
                if (part instanceof Point p) {
                    html.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#c0392b\"/>%n",
                            ox + (p.getX() - e.getMinX()) * cos * scale,
                            oy + (e.getMaxY() - p.getY()) * scale));
                } else {
                    StringBuilder d = new StringBuilder();
                    if (part instanceof Polygon poly) {
                        path(poly.getExteriorRing(), d, e, cos, scale, ox, oy, true);
                        for (int r = 0; r < poly.getNumInteriorRing(); r++) {
                            path(poly.getInteriorRingN(r), d, e, cos, scale, ox, oy, true);
                        }
                        html.append(
                                "<path fill=\"#7fb3d5\" fill-opacity=\"0.5\" fill-rule=\"evenodd\" stroke=\"#1f618d\" d=\"");
                    } else {
                        path((LineString) part, d, e, cos, scale, ox, oy, false);
                        html.append("<path fill=\"none\" stroke=\"#2471a3\" stroke-width=\"2\" d=\"");
                    }
                    html.append(d).append("\"/>\n");
                }
            }
        }
        html.append("</svg>\n");
        return this;
    }

    private static void path(
            LineString line,
            StringBuilder d,
            Envelope e,
            double cos,
            double scale,
            double ox,
            double oy,
            boolean close) {
        for (int i = 0; i < line.getNumPoints(); i++) {
            d.append(i == 0 ? 'M' : 'L')
                    .append(String.format(
                            Locale.ROOT,
                            "%.1f %.1f ",
                            ox + (line.getCoordinateN(i).x - e.getMinX()) * cos * scale,
                            oy + (e.getMaxY() - line.getCoordinateN(i).y) * scale));
        }
        if (close) {
            d.append("Z ");
        }
    }

    String render() {
        return html + "</body></html>\n";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
