package liuyu.api.quality;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import liuyu.api.ApiProblem;
import liuyu.geo.Texts;
import liuyu.outfalls.LedgerQueries;
import liuyu.quality.Intake;
import liuyu.quality.Observation;
import liuyu.quality.ObservationService;
import liuyu.quality.QualityService;
import liuyu.quality.Section;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Recording observations: a JSON or CSV batch, stored all or nothing under the authenticated user,
 * idempotent by the client's ids; and corrections, each a new version with its reason.
 */
@RestController
public class ObservationsController {
    /** Longest text of any one field of an observation. */
    static final int MAX_TEXT = 1000;

    private final QualityService quality;
    private final ObservationService observations;
    private final LedgerQueries outfalls;

    public ObservationsController(QualityService quality, ObservationService observations, LedgerQueries outfalls) {
        this.quality = quality;
        this.observations = observations;
        this.outfalls = outfalls;
    }

    /** {@code refused}: under {@code ?partial=true}, every rejection of the rows left out (row counts from 1). */
    public record IngestReply(
            String siteId,
            String recordedBy,
            int stored,
            int unchanged,
            List<String> storedIds,
            List<String> unchangedIds,
            int refusedRows,
            List<Intake.Rejection> refused) {}

    @PostMapping(path = "/sections/{id}/observations", consumes = "application/json")
    public ResponseEntity<IngestReply> postJson(
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String partial,
            Principal user) {
        Section s = SectionsController.section(quality, id);
        return ingest(
                s.id(),
                Bodies.rows(Bodies.json(body), "observations", Intake.MAX_ROWS),
                Bodies.flag(partial, "partial"),
                user);
    }

    /** CSV in UTF-8 (with or without BOM), GBK or GB18030, declared or detected; Chinese headers accepted. */
    @PostMapping(path = "/sections/{id}/observations", consumes = "text/csv")
    public ResponseEntity<IngestReply> postCsv(
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestParam(required = false) String partial,
            Principal user) {
        Section s = SectionsController.section(quality, id);
        return ingest(s.id(), csvRows(body, contentType), Bodies.flag(partial, "partial"), user);
    }

    /** The first sheet of an XLSX workbook, laid out as the CSV. */
    @PostMapping(path = "/sections/{id}/observations", consumes = Tables.XLSX)
    public ResponseEntity<IngestReply> postXlsx(
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String partial,
            Principal user) {
        Section s = SectionsController.section(quality, id);
        return ingest(s.id(), xlsxRows(body), Bodies.flag(partial, "partial"), user);
    }

    private static List<Map<String, String>> csvRows(byte[] body, String contentType) {
        String text = Tables.decode(body, contentType);
        return Bodies.rows(
                Bodies.records(text, String.join(",", Intake.FIELDS)),
                Intake.FIELDS,
                Intake.HEADERS_ZH,
                Intake.MAX_ROWS,
                "CSV");
    }

    private static List<Map<String, String>> xlsxRows(byte[] body) {
        return Bodies.rows(
                Tables.xlsx(body, Intake.MAX_ROWS), Intake.FIELDS, Intake.HEADERS_ZH, Intake.MAX_ROWS, "XLSX");
    }

    /** Outfall monitoring (有水皆测, beijing-outfall-supervision-2023/2.1): water quality and quantity ({@code flow}, m³/d) of a ledgered outfall. */
    @PostMapping(path = "/outfalls/{id}/observations", consumes = "application/json")
    public ResponseEntity<IngestReply> postOutfallJson(
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String partial,
            Principal user) {
        String site = outfalls.require(id).outfall().id();
        return ingest(
                site,
                Bodies.rows(Bodies.json(body), "observations", Intake.MAX_ROWS),
                Bodies.flag(partial, "partial"),
                user);
    }

    @PostMapping(path = "/outfalls/{id}/observations", consumes = "text/csv")
    public ResponseEntity<IngestReply> postOutfallCsv(
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestParam(required = false) String partial,
            Principal user) {
        String site = outfalls.require(id).outfall().id();
        return ingest(site, csvRows(body, contentType), Bodies.flag(partial, "partial"), user);
    }

    @PostMapping(path = "/outfalls/{id}/observations", consumes = Tables.XLSX)
    public ResponseEntity<IngestReply> postOutfallXlsx(
            @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String partial,
            Principal user) {
        String site = outfalls.require(id).outfall().id();
        return ingest(site, xlsxRows(body), Bodies.flag(partial, "partial"), user);
    }

    /** Reads and stores a batch ({@link ObservationService#record}); the text fields are checked first. */
    private ResponseEntity<IngestReply> ingest(
            String siteId, List<Map<String, String>> rows, boolean partial, Principal user) {
        if (rows.isEmpty()) {
            throw ApiProblem.badRequest("observations", "the batch holds no observation");
        }
        for (int i = 0; i < rows.size(); i++) {
            for (Map.Entry<String, String> field : rows.get(i).entrySet()) {
                printable(field.getKey(), field.getValue(), "row " + (i + 1) + " ");
            }
        }
        ObservationService.Recorded result = observations.record(user.getName(), siteId, rows, partial);
        IngestReply reply = new IngestReply(
                siteId,
                user.getName(),
                result.stored().size(),
                result.unchanged().size(),
                result.stored(),
                result.unchanged(),
                result.refusedRows(),
                result.refused());
        return ResponseEntity.status(result.stored().isEmpty() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(reply);
    }

    /** A correction: the full new content of the observation plus {@code reason}; stored as the next version. */
    @PostMapping(path = "/sections/{id}/observations/{observationId}/corrections", consumes = "application/json")
    public ResponseEntity<Observation> correct(
            @PathVariable String id,
            @PathVariable String observationId,
            @RequestBody(required = false) byte[] body,
            Principal user) {
        Section s = SectionsController.section(quality, id);
        JsonNode root = Bodies.json(body);
        if (!root.isObject()) {
            throw ApiProblem.badRequest("body", "a correction is a JSON object: the observation's fields and 'reason'");
        }
        String reason = Bodies.text(root.get("reason"), "reason");
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ApiProblem.badRequest(
                    "reason",
                    "a correction states its reason (1 to 500 characters): no silent edits (beijing-monitoring-quality-2018/7.22)");
        }
        printable("reason", reason, "");
        List<Observation> history = observations.history(observationId);
        if (history.isEmpty() || !history.get(0).siteId().equals(s.id())) {
            throw ApiProblem.notFound(
                    "observationId", "no observation '" + observationId + "' at section '" + id + "'");
        }
        Map<String, String> fields = Bodies.fields(root, "body");
        fields.remove("reason");
        String given = fields.putIfAbsent("id", observationId);
        if (given != null && !given.equals(observationId)) {
            throw ApiProblem.badRequest(
                    "id", "the body's id '" + given + "' is not the path's '" + observationId + "'");
        }
        Observation stored = observations.correct(user.getName(), s.id(), fields, reason.trim());
        return ResponseEntity.created(URI.create("/sections/" + s.id() + "/observations/" + observationId))
                .body(stored);
    }

    /** Names, signatories and reasons are printable text of bounded length (a DEL is no signatory). */
    private static void printable(String field, String value, String where) {
        String problem = Texts.problem(value, MAX_TEXT, field.equals("reason") || field.equals("abnormalCause"));
        if (problem != null) {
            throw ApiProblem.badRequest(
                    field, where + "field '" + field + "' " + problem + "; nothing of the batch was stored");
        }
    }
}
