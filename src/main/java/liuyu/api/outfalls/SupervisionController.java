package liuyu.api.outfalls;

import liuyu.api.ApiProblem;
import liuyu.api.Csv;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.outfalls.LedgerQueries;
import liuyu.outfalls.Supervision;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's yearly duties: {@code GET /outfalls/coverage} (有水皆测, beijing-outfall-supervision-2023/2.1) and the district's
 * annual report {@code GET /reports/outfalls/{district}/{year}} (beijing-outfall-supervision-2023/5.1), as JSON or CSV
 * ({@code Accept: text/csv} or {@code ?f=csv}).
 */
@RestController
public class SupervisionController {
    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final Supervision supervision;
    private final LedgerQueries ledger;

    public SupervisionController(Supervision supervision, LedgerQueries ledger) {
        this.supervision = supervision;
        this.ledger = ledger;
    }

    @GetMapping("/outfalls/coverage")
    public Supervision.Coverage coverage(
            @RequestParam(required = false) String year, @RequestParam(required = false) String district) {
        if (district != null) {
            district(district);
        }
        return supervision.coverage(year(year), district);
    }

    @GetMapping(
            path = "/reports/outfalls/{district}/{year}",
            produces = {"application/json", "text/csv"})
    public ResponseEntity<?> report(
            @PathVariable String district,
            @PathVariable String year,
            @RequestParam(required = false) String f,
            @org.springframework.web.bind.annotation.RequestHeader(value = "Accept", required = false) String accept) {
        if (f != null && !f.equals("json") && !f.equals("csv")) {
            throw ApiProblem.badRequest("f", "f is json or csv");
        }
        Feature d = district(district);
        Supervision.Report r = supervision.report(d.id(), d.nameZh(), year(year));
        boolean csv = "csv".equals(f) || (f == null && accept != null && accept.contains("text/csv"));
        if (csv) {
            return ResponseEntity.ok()
                    .contentType(CSV)
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"outfalls-" + d.id() + "-" + r.year() + ".csv\"")
                    .body(csv(r));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r);
    }

    /** One row per figure: section, key, value; the form a district bureau pastes into its report. */
    static String csv(Supervision.Report r) {
        StringBuilder out = new StringBuilder("section,key,value\r\n");
        row(out, "report", "district", r.district());
        row(out, "report", "districtNameZh", r.districtNameZh());
        row(out, "report", "year", r.year());
        row(out, "report", "due", r.due());
        row(out, "report", "provisional", r.provisional());
        row(out, "report", "clause", r.clause());
        row(out, "outfalls", "total", r.outfalls());
        row(out, "outfalls", "new", r.added());
        row(out, "outfalls", "closed", r.closed());
        r.byType().forEach((k, v) -> row(out, "byType", k, v));
        r.byState().forEach((k, v) -> row(out, "byState", k, v));
        r.closedBy().forEach((k, v) -> row(out, "closedBy", k, v));
        row(out, "violations", "found", r.violationsFound());
        row(out, "violations", "remediated", r.violationsRemediated());
        r.violationsByKind().forEach((k, v) -> row(out, "violationsByKind", k, v));
        Supervision.Coverage c = r.coverage();
        row(out, "coverage", "inScope", c.inScope());
        row(out, "coverage", "covered", c.covered());
        row(out, "coverage", "share", c.share() == null ? "" : c.share());
        c.uncovered()
                .forEach(m -> row(
                        out,
                        "uncovered",
                        m.id(),
                        (m.quality() ? "" : "quality")
                                + (m.quality() || m.quantity() ? "" : "+")
                                + (m.quantity() ? "" : "quantity")));
        r.notes().forEach(n -> row(out, "note", "", n));
        r.notesZh().forEach(n -> row(out, "noteZh", "", n));
        return out.toString();
    }

    private static void row(StringBuilder out, String section, String key, Object value) {
        out.append(section)
                .append(',')
                .append(Csv.cell(key))
                .append(',')
                .append(Csv.cell(String.valueOf(value)))
                .append("\r\n");
    }

    private Feature district(String id) {
        Layer districts = ledger.atlas().layer(AtlasSchema.DISTRICTS);
        Feature d = districts == null ? null : districts.feature(id);
        if (d == null) {
            throw ApiProblem.notFound(
                    "district",
                    "no district '" + id + "' in the atlas (ids as in /ogc/collections/districts/items, e.g. 110118)");
        }
        return d;
    }

    private int year(String text) {
        if (text == null) {
            throw ApiProblem.badRequest(
                    "year", "year is required (e.g. " + (ledger.today().getYear() - 1) + ")");
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("year", "year is a calendar year like 2025, got '" + text + "'");
        }
    }
}
