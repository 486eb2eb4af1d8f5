package liuyu.reports;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.geo.BeijingTime;
import liuyu.geo.GeoJson;
import liuyu.geo.MetricProjection;
import liuyu.rules.RuleCatalogue;
import liuyu.rules.RuleFiles;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import tools.jackson.databind.JsonNode;

/**
 * A recorded check report as a printable Chinese PDF (A4): report number, project, verdict, a map figure of the
 * project over the zones it touches, each rule with its clauses quoted, overlaps, authorities with
 * their reasons, downstream sections, data-quality notes, the versions used and the standing disclaimer.
 * Rendered from the stored JSON, so a report prints as it was given; the figure is drawn from the current
 * atlas on the report's day. Chinese is set in Droid Sans Fallback (Apache-2.0), Latin text in Liberation Sans
 * (SIL OFL 1.1), both embedded as subsets.
 */
public final class ReportPdf {
    static final String FONT = "/fonts/DroidSansFallbackFull.ttf";
    /** Latin text: Liberation Sans (SIL OFL 1.1) as shipped inside the pdfbox artifact; Droid Sans Fallback has no Latin glyphs. */
    static final String LATIN_FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    static final String DISCLAIMER = "声明：本报告依据政府规划文件逐条引用条款，并以本服务图集中的图层判断项目与各分区的关系。"
            + "规划不是法律认定，本报告亦不构成行政许可、审批意见或法律认定；图层为示意或派生数据时边界仅为近似。"
            + "项目能否实施，以有权机关依法划定的边界和审批决定为准。";
    private static final byte[] FONT_BYTES = fontBytes(FONT);
    private static final byte[] LATIN_FONT_BYTES = fontBytes(LATIN_FONT);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BeijingTime.ZONE);
    private static final float MARGIN = 50;
    private static final float BODY = 10;

    /** What the sheet prints: the record's head and the project and report as stored. */
    public record Sheet(
            String reportNumber,
            String recordedBy,
            Instant recordedAt,
            String applicant,
            List<String> districts,
            String previousReportNumber,
            JsonNode project,
            JsonNode report) {}

    private final Atlas atlas;
    private final RuleCatalogue rules;

    public ReportPdf(Atlas atlas, RuleCatalogue rules) {
        this.atlas = atlas;
        this.rules = rules;
    }

    public byte[] render(Sheet sheet) {
        try (PDDocument doc = new PDDocument()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("建设项目水源保护规则核查报告 " + sheet.reportNumber());
            info.setSubject(sheet.reportNumber());
            info.setProducer("Liuyu 流域");
            Writer w = new Writer(
                    doc,
                    PDType0Font.load(doc, new java.io.ByteArrayInputStream(LATIN_FONT_BYTES), true),
                    PDType0Font.load(doc, new java.io.ByteArrayInputStream(FONT_BYTES), true),
                    sheet.reportNumber());
            write(w, sheet);
            w.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Writer w, Sheet s) throws IOException {
        JsonNode report = s.report();
        JsonNode project = s.project();
        w.title("建设项目水源保护规则核查报告");
        w.line("报告编号：" + s.reportNumber(), 12, Color.BLACK);
        w.gap(4);
        w.field("记录人", s.recordedBy());
        w.field("记录时间", WHEN.format(s.recordedAt()) + "（北京时间）");
        w.field("申请单位", s.applicant() == null ? "（未填写）" : s.applicant());
        w.field("涉及行政区", s.districts().isEmpty() ? "（图集中无）" : String.join("、", s.districts()));
        if (s.previousReportNumber() != null) {
            w.field("复核对象", "本报告为 " + s.previousReportNumber() + " 的复核，依据复核当日的规则与图集重新核查");
        }

        w.heading("一、项目");
        JsonNode props = project.path("properties");
        w.field("项目编号", text(report, "project"));
        String name = first(props, "nameZh", "name", "nameEn");
        if (name != null) {
            w.field("项目名称", name);
        }
        String activity = text(report, "activity");
        RuleFiles.Activity a = activity == null ? null : rules.activities().get(activity);
        w.field("活动类型", a == null ? activity : a.nameZh() + "（" + activity + "）");
        Geometry g = GeoJson.read(project.path("geometry"), "geometry");
        w.field("几何", geometryLine(g));
        List<String> facts = new ArrayList<>();
        for (String key : props.propertyNames()) {
            if (!List.of("activity", "applicant", "name", "nameZh", "nameEn").contains(key)) {
                facts.add(key + " = " + props.get(key).toString());
            }
        }
        w.field("项目所述事实", facts.isEmpty() ? "（无）" : String.join("；", facts));

        w.heading("二、结论");
        String verdict = text(report, "verdict");
        w.line(verdictZh(verdict) + "  " + verdict, 16, verdictColour(verdict));
        w.line("核查日期（规则与图层以此日为准）：" + orDash(text(report, "asOf")), BODY, Color.BLACK);

        w.heading("三、位置图");
        figure(w, g, report);

        w.heading("四、适用规则与条款");
        int n = 1;
        if (report.path("hits").isEmpty()) {
            w.paragraph("规则目录中没有适用于此处此类活动的规则。");
        }
        for (JsonNode h : report.path("hits")) {
            w.keep(70); // a rule's title stays with its first lines
            w.line(
                    n++ + ". 【" + verdictZh(text(h, "verdict")) + "】" + text(h, "titleZh"),
                    11,
                    verdictColour(text(h, "verdict")));
            w.indented("规则：" + text(h, "rule") + "（" + text(h, "titleEn") + "）");
            if (h.hasNonNull("zone")) {
                w.indented("分区：" + layerName(text(h, "layer")) + " · " + orDash(text(h, "zoneNameZh")) + "（"
                        + text(h, "zone") + "）" + (h.path("authoritativeZone").asBoolean(true) ? "" : "，非权威图层"));
            } else {
                w.indented("分区：不限区域（全市适用）");
            }
            if (h.hasNonNull("note")) {
                w.indented("说明：" + text(h, "note"));
            }
            if (h.hasNonNull("undetermined")) {
                w.indented("待定：项目未说明 " + text(h.path("undetermined"), "missingAttribute") + "，若适用则为"
                        + verdictZh(text(h.path("undetermined"), "verdictIfItApplies")));
            }
            for (JsonNode c : h.path("citations")) {
                for (String line : citation(c)) {
                    w.indented(line);
                }
            }
            w.gap(3);
        }

        w.heading("五、重叠与邻近");
        Map<String, JsonNode> overlaps = new LinkedHashMap<>();
        for (JsonNode h : report.path("hits")) {
            if (h.hasNonNull("zone")) {
                overlaps.putIfAbsent(text(h, "layer") + "/" + text(h, "zone"), h);
            }
        }
        if (overlaps.isEmpty()) {
            w.paragraph("项目未与任何规则分区相交。");
        }
        for (JsonNode h : overlaps.values()) {
            String amount = h.hasNonNull("overlapM2")
                    ? number(h.path("overlapM2").asDouble()) + " m²"
                            + (h.hasNonNull("overlapPercent")
                                    ? "（占项目面积 " + h.path("overlapPercent").asDouble() + " %）"
                                    : "")
                    : h.hasNonNull("overlapLengthM")
                            ? number(h.path("overlapLengthM").asDouble()) + " m 线长"
                            : "项目点位于区内";
            w.bullet(layerName(text(h, "layer")) + " · " + orDash(text(h, "zoneNameZh")) + "：" + amount);
        }
        for (JsonNode nz : report.path("near")) {
            w.bullet("附近（未相交）" + layerName(text(nz, "layer")) + " · " + orDash(text(nz, "nameZh")) + "：相距 "
                    + number(nz.path("distanceM").asDouble()) + " m");
        }

        w.heading("六、审批与征求意见部门");
        if (report.path("authorities").isEmpty()) {
            w.paragraph("适用规则未指明审批部门。");
        }
        for (JsonNode l : report.path("authorities")) {
            w.bullet("规则 " + text(l, "rule"));
            if (l.hasNonNull("approves")) {
                w.indented("审批：" + text(l, "approves"));
            }
            if (l.hasNonNull("consults")) {
                w.indented("征求意见：" + text(l, "consults"));
            }
            List<String> because = new ArrayList<>();
            l.path("because").forEach(b -> because.add(b.asString()));
            w.indented("理由：" + (because.isEmpty() ? "规则的一般规定" : String.join("；", because)));
        }

        w.heading("七、下游监测断面与水库");
        if (report.path("downstream").isEmpty()) {
            w.paragraph("下游（按默认距离）未追溯到监测断面或水库。");
        }
        for (JsonNode d : report.path("downstream")) {
            w.bullet(orDash(text(d, "nameZh")) + "（" + text(d, "layer") + " " + text(d, "id") + "）：沿河 "
                    + d.path("networkKm").asDouble() + " km");
        }

        w.heading("八、数据质量说明");
        for (JsonNode note : report.path("notes")) {
            w.bullet(note.isString() ? note.asString() : note.toString());
        }

        w.heading("九、所用版本");
        w.field("核查日期", orDash(text(report, "asOf")));
        w.field("规则集", orDash(text(report, "ruleset")));
        w.field("图集", orDash(text(report, "atlasVersion")));
        List<String> layerVersions = new ArrayList<>();
        report.path("layerVersions")
                .properties()
                .forEach(e -> layerVersions.add(e.getKey() + " " + e.getValue().asString()));
        w.field("分区图层", layerVersions.isEmpty() ? "（记录时未保存）" : String.join("；", layerVersions));

        w.gap(10);
        w.paragraph(DISCLAIMER);
    }

    /**
     * The lines of one citation, whatever it carries: today the document (number, title) and its location; a
     * citation with a section and the clause text verbatim prints them as the clause quoted. The one place that
     * knows the shape of a citation, so it follows when citations grow.
     */
    static List<String> citation(JsonNode c) {
        List<String> out = new ArrayList<>();
        String title = first(c, "title", "titleZh");
        String number = first(c, "document", "number");
        StringBuilder head = new StringBuilder("依据：");
        if (title != null) {
            head.append("《").append(title).append("》");
        }
        if (number != null && !number.startsWith("(")) {
            head.append("（").append(number).append("）");
        }
        String section = first(c, "section", "path");
        if (section != null) {
            head.append(" ").append(section);
        }
        String ref = first(c, "clause", "id", "ref");
        if (ref != null) {
            head.append(" [").append(ref).append("]");
        }
        out.add(head.toString());
        String quote = first(c, "textZh", "text", "quote");
        if (quote != null) {
            out.add("原文：“" + quote + "”");
        }
        return out;
    }

    private void figure(Writer w, Geometry project, JsonNode report) throws IOException {
        java.time.LocalDate on = report.hasNonNull("asOf")
                ? java.time.LocalDate.parse(report.path("asOf").asString())
                : null;
        List<Feature> zones = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (JsonNode h : report.path("hits")) {
            zone(text(h, "layer"), text(h, "zone"), zones, missing);
        }
        for (JsonNode nz : report.path("near")) {
            zone(text(nz, "layer"), text(nz, "zone"), zones, missing);
        }
        float width = w.width();
        float height = 250;
        MapFigure figure = new MapFigure(project, zones, width, height);
        float y = w.reserve(height + 6);
        figure.draw(w.stream(), MARGIN, y, width, height, w::text);
        for (MapFigure.Zone z : figure.zones()) {
            w.swatch(
                    z.colour(),
                    layerName(z.feature().layer()) + " · " + orDash(z.feature().nameZh()));
        }
        w.swatch(MapFigure.PROJECT, "本项目");
        w.line(
                "图：项目（红）与所涉及或邻近的规则分区，" + (on == null ? "现行图集" : on + " 有效的分区") + "，UTM 50N 投影，按图层矢量绘制。",
                8,
                Color.DARK_GRAY);
        if (!missing.isEmpty()) {
            w.line("现行图集已无以下分区，图中未绘：" + String.join("、", missing), 8, Color.DARK_GRAY);
        }
    }

    private void zone(String layer, String id, List<Feature> zones, List<String> missing) {
        if (layer == null || id == null) {
            return;
        }
        Layer l = atlas.layer(layer);
        Feature f = l == null ? null : l.feature(id);
        if (f == null) {
            if (!missing.contains(layer + "/" + id)) {
                missing.add(layer + "/" + id);
            }
        } else if (!zones.contains(f)) {
            zones.add(f);
        }
    }

    private String layerName(String layer) {
        Layer l = layer == null ? null : atlas.layer(layer);
        return l == null || l.info().titleZh().isBlank()
                ? orDash(layer)
                : l.info().titleZh();
    }

    private static String geometryLine(Geometry g) {
        Geometry metric = MetricProjection.toMetric(g);
        String size = g instanceof Polygonal
                ? "，面积 " + number(metric.getArea()) + " m²"
                : g instanceof Puntal ? "" : "，长度 " + number(metric.getLength()) + " m";
        var c = g.getInteriorPoint().getCoordinate();
        return g.getGeometryType() + size + "，代表点 " + String.format("%.6f, %.6f", c.x, c.y) + "（CRS84 经纬度）";
    }

    static String verdictZh(String verdict) {
        if (verdict == null) {
            return "—";
        }
        return switch (verdict) {
            case "FORBIDDEN" -> "禁止";
            case "CONDITIONAL" -> "有条件允许";
            case "ALLOWED" -> "允许";
            default -> verdict;
        };
    }

    private static Color verdictColour(String verdict) {
        return "FORBIDDEN".equals(verdict)
                ? new Color(170, 0, 0)
                : "CONDITIONAL".equals(verdict) ? new Color(160, 90, 0) : new Color(0, 110, 40);
    }

    private static String number(double v) {
        return String.format("%,.0f", v);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    private static String first(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }

    private static byte[] fontBytes(String resource) {
        try (InputStream in = ReportPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lays text out top to bottom on A4 pages, wrapping by measured width (CJK text breaks between any characters).
     * Each character is set in the Latin font when it has the glyph, else in the CJK font, else printed as '?'.
     */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font latin;
        private final PDType0Font cjk;
        private final String number;
        private final Map<Integer, PDType0Font> fonts = new HashMap<>();
        private final Map<Integer, Float> widths = new HashMap<>();
        private final List<PDPage> pages = new ArrayList<>();
        private PDPageContentStream cs;
        private float y;

        Writer(PDDocument doc, PDType0Font latin, PDType0Font cjk, String number) throws IOException {
            this.doc = doc;
            this.latin = latin;
            this.cjk = cjk;
            this.number = number;
            newPage();
        }

        float width() {
            return PDRectangle.A4.getWidth() - 2 * MARGIN;
        }

        PDPageContentStream stream() {
            return cs;
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            pages.add(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        /** Moves down by {@code height}, on a new page when it does not fit; returns the bottom of the space. */
        float reserve(float height) throws IOException {
            if (y - height < MARGIN + 20) {
                newPage();
            }
            y -= height;
            return y;
        }

        /** Starts a new page unless {@code height} more fits on this one. */
        void keep(float height) throws IOException {
            if (y - height < MARGIN + 20) {
                newPage();
            }
        }

        void gap(float height) {
            y -= height;
        }

        void title(String s) throws IOException {
            line(s, 18, Color.BLACK);
            gap(4);
        }

        void heading(String s) throws IOException {
            gap(8);
            keep(110); // a heading stays with the first lines under it
            line(s, 13, new Color(20, 60, 120));
            gap(2);
        }

        void field(String label, String value) throws IOException {
            wrap(label + "：" + value, 0, BODY, Color.BLACK);
        }

        void paragraph(String s) throws IOException {
            wrap(s, 0, BODY, Color.BLACK);
        }

        void bullet(String s) throws IOException {
            wrap("• " + s, 8, BODY, Color.BLACK);
        }

        void indented(String s) throws IOException {
            wrap(s, 16, 9.5f, Color.BLACK);
        }

        void line(String s, float size, Color colour) throws IOException {
            wrap(s, 0, size, colour);
        }

        void swatch(Color colour, String label) throws IOException {
            float top = reserve(BODY * 1.5f);
            cs.setNonStrokingColor(colour);
            cs.addRect(MARGIN, top + 1, 14, 8);
            cs.fill();
            text(cs, label, MARGIN + 20, top + 1, 9, Color.BLACK);
        }

        private void wrap(String s, float indent, float size, Color colour) throws IOException {
            for (String line : lines(clean(s), width() - indent, size)) {
                float base = reserve(size * 1.5f);
                text(cs, line, MARGIN + indent, base + size * 0.3f, size, colour);
            }
        }

        /** Breaks at the last space when Latin text overflows, anywhere in CJK text. */
        private List<String> lines(String s, float width, float size) {
            List<String> out = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            float used = 0;
            int i = 0;
            while (i < s.length()) {
                int cp = s.codePointAt(i);
                float w = width(cp) * size;
                if (used + w > width && !line.isEmpty()) {
                    int space = latinBreak(line, cp);
                    if (space > 0) {
                        out.add(line.substring(0, space).stripTrailing());
                        String rest = line.substring(space).stripLeading();
                        line.setLength(0);
                        line.append(rest);
                        used = 0;
                        for (int k = 0; k < rest.length(); k = rest.offsetByCodePoints(k, 1)) {
                            used += width(rest.codePointAt(k)) * size;
                        }
                    } else {
                        out.add(line.toString());
                        line.setLength(0);
                        used = 0;
                    }
                    if (cp == ' ') {
                        i += Character.charCount(cp);
                        continue;
                    }
                }
                line.appendCodePoint(cp);
                used += w;
                i += Character.charCount(cp);
            }
            if (!line.isEmpty() || out.isEmpty()) {
                out.add(line.toString());
            }
            return out;
        }

        /**
         * Where to break a line that overflows inside a Latin word: after its last space or CJK character, when that
         * lies in the second half of the line; 0 when the break falls between CJK characters anyway.
         */
        private static int latinBreak(StringBuilder line, int next) {
            if (next == ' ' || next >= 0x2E80 || line.charAt(line.length() - 1) >= 0x2E80) {
                return 0;
            }
            for (int k = line.length() - 1; k > line.length() / 2; k--) {
                char c = line.charAt(k);
                if (c == ' ' || c >= 0x2E80) {
                    return k + 1;
                }
            }
            return 0;
        }

        /** The font that has a glyph for the character; null when neither has. */
        private PDType0Font font(int cp) {
            return fonts.computeIfAbsent(cp, c -> has(latin, c) ? latin : has(cjk, c) ? cjk : null);
        }

        private static boolean has(PDType0Font font, int cp) {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }

        /** Advance width of a (cleaned) character at size 1. */
        private float width(int cp) {
            return widths.computeIfAbsent(cp, c -> {
                try {
                    return font(c).getStringWidth(new String(Character.toChars(c))) / 1000;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        /** Characters neither font has a glyph for print as '?', rather than failing the whole report. */
        private String clean(String s) {
            StringBuilder out = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                if (cp == '\n' || cp == '\r' || cp == '\t') {
                    out.append(' ');
                } else {
                    out.appendCodePoint(font(cp) == null ? '?' : cp);
                }
            });
            return out.toString();
        }

        /** Shows the text in runs of one font each; each run advances the text position. */
        void text(PDPageContentStream stream, String s, float x, float yy, float size, Color colour)
                throws IOException {
            String clean = clean(s);
            stream.beginText();
            stream.setNonStrokingColor(colour);
            stream.newLineAtOffset(x, yy);
            int i = 0;
            while (i < clean.length()) {
                PDType0Font f = font(clean.codePointAt(i));
                int j = i;
                while (j < clean.length() && font(clean.codePointAt(j)) == f) {
                    j += Character.charCount(clean.codePointAt(j));
                }
                stream.setFont(f, size);
                stream.showText(clean.substring(i, j));
                i = j;
            }
            stream.endText();
        }

        /** Closes the last page and writes the report number and "page n of m" at the foot of every page. */
        void finish() throws IOException {
            cs.close();
            for (int p = 0; p < pages.size(); p++) {
                try (PDPageContentStream foot =
                        new PDPageContentStream(doc, pages.get(p), PDPageContentStream.AppendMode.APPEND, true)) {
                    text(
                            foot,
                            number + "    第 " + (p + 1) + " 页 / 共 " + pages.size() + " 页    流域 Liuyu",
                            MARGIN,
                            MARGIN - 20,
                            8,
                            Color.DARK_GRAY);
                }
            }
        }
    }
}
