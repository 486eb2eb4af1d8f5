package liuyu.api.quality;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.api.ApiProblem;
import liuyu.api.guard.Budget;
import liuyu.quality.Assessment;
import liuyu.quality.Classifier;
import liuyu.quality.Intake;
import liuyu.quality.Measurement;
import liuyu.quality.Parameter;
import liuyu.quality.Profile;
import liuyu.quality.QualityService;
import liuyu.quality.Reading;
import liuyu.quality.Rounding;
import liuyu.quality.Section;
import liuyu.quality.Waterbody;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /quality/classify}: classes samples given inline and stores nothing. The body is one
 * sample or {@code {"samples": [...]}}; waterbody (or a section, whose type the section registry
 * gives), profile and rounding are set at the top and may be overridden per sample. A value is a number
 * (canonical unit), "&lt;limit" (below detection limit), a missing marker ('--', '*', '', null), or
 * {@code {"value": 31, "unit": "µg/L", "decimals": 0, "abnormal": true, "abnormalCause": "…"}}.
 * With {@code ?partial=true} a sample that cannot be read is refused and listed, and the rest answered.
 */
@RestController
public class ClassifyController {
    public static final int MAX_SAMPLES = 10_000;
    private static final Set<String> VALUE_MEMBERS = Set.of("value", "unit", "decimals", "abnormal", "abnormalCause");

    private final Classifier classifier;
    private final QualityService quality;

    public ClassifyController(Classifier classifier, QualityService quality) {
        this.classifier = classifier;
        this.quality = quality;
    }

    /** {@code publishedClass}: the class a table row came with (CNEMC's 水质类别), echoed for comparison; null if none. */
    public record Result(String id, int row, String publishedClass, Assessment assessment) {}

    /** {@code refused} lists the samples left out under {@code ?partial=true} (row counts from 1), each with its reason. */
    public record Reply(int count, int refusedCount, List<Result> results, List<Intake.Rejection> refused) {}

    /** One reported value before it is read: where it came from (for error messages) and what was written. */
    record RawValue(
            String where, String key, String text, String unit, Integer decimals, boolean abnormal, String cause) {}

    /** One sample before it is read; null settings fall back to the request's. */
    record RawSample(
            String where,
            int row,
            String id,
            String waterbody,
            String section,
            String profile,
            String rounding,
            String publishedClass,
            List<RawValue> values) {}

    /** The request-wide settings, each possibly null. */
    record Defaults(String waterbody, String section, String profile, String rounding) {}

    @PostMapping(path = "/quality/classify", consumes = "application/json")
    public Reply classify(
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String partial,
            HttpServletRequest request) {
        JsonNode root = Bodies.json(body);
        if (!root.isObject()) {
            throw ApiProblem.badRequest("body", "body must be a JSON object");
        }
        List<JsonNode> samples = new ArrayList<>();
        String prefix;
        if (root.has("samples")) {
            JsonNode array = root.get("samples");
            if (array.isArray() && array.size() > MAX_SAMPLES) {
                throw Bodies.tooMany(
                        "samples",
                        MAX_SAMPLES,
                        "samples must be an array of 1 to " + MAX_SAMPLES + " samples, got " + array.size());
            }
            if (!array.isArray() || array.isEmpty()) {
                throw ApiProblem.badRequest("samples", "samples must be an array of 1 to " + MAX_SAMPLES + " samples");
            }
            array.forEach(samples::add);
            prefix = "samples";
        } else {
            samples.add(root);
            prefix = null;
        }
        Defaults defaults = new Defaults(
                Bodies.text(root.get("waterbody"), "waterbody"),
                Bodies.text(root.get("section"), "section"),
                Bodies.text(root.get("profile"), "profile"),
                Bodies.text(root.get("rounding"), "rounding"));
        boolean isPartial = Bodies.flag(partial, "partial");
        List<RawSample> raw = new ArrayList<>(samples.size());
        List<Intake.Rejection> refused = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            String where = prefix == null ? "" : prefix + "[" + i + "]";
            try {
                raw.add(rawSample(samples.get(i), where, i + 1, prefix == null));
            } catch (ApiProblem p) {
                if (!isPartial) {
                    throw p;
                }
                refused.add(new Intake.Rejection(i + 1, p.parameter(), p.getMessage()));
            }
        }
        return classifyAll(defaults, raw, refused, isPartial, Budget.of(request));
    }

    /**
     * A table of samples as CSV (UTF-8, with or without BOM, GBK or GB18030; declared or detected): one
     * sample per row, one column per parameter, its unit in brackets in the header ("总磷(mg/L)"), as
     * CNEMC's real-time records are laid out; settings as query parameters.
     */
    @PostMapping(path = "/quality/classify", consumes = "text/csv")
    public Reply classifyCsv(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Content-Type", required = false) String contentType,
            @RequestParam(required = false) String waterbody,
            @RequestParam(required = false) String section,
            @RequestParam(required = false) String profile,
            @RequestParam(required = false) String rounding,
            @RequestParam(required = false) String partial,
            HttpServletRequest request) {
        List<List<String>> records =
                Bodies.records(Tables.decode(body, contentType), "a header of parameter columns, e.g. 总磷(mg/L)");
        return classifyTable(
                records,
                new Defaults(waterbody, section, profile, rounding),
                Bodies.flag(partial, "partial"),
                Budget.of(request));
    }

    /** The same table as the first sheet of an XLSX workbook. */
    @PostMapping(path = "/quality/classify", consumes = Tables.XLSX)
    public Reply classifyXlsx(
            @RequestBody(required = false) byte[] body,
            @RequestParam(required = false) String waterbody,
            @RequestParam(required = false) String section,
            @RequestParam(required = false) String profile,
            @RequestParam(required = false) String rounding,
            @RequestParam(required = false) String partial,
            HttpServletRequest request) {
        return classifyTable(
                Tables.xlsx(body, MAX_SAMPLES),
                new Defaults(waterbody, section, profile, rounding),
                Bodies.flag(partial, "partial"),
                Budget.of(request));
    }

    /** The columns of a table of samples that are not parameters, by their English and Chinese headers. */
    private static final Map<String, String> SAMPLE_COLUMNS = Map.ofEntries(
            Map.entry("id", "id"),
            Map.entry("编号", "id"),
            Map.entry("section", "section"),
            Map.entry("断面编号", "section"),
            Map.entry("waterbody", "waterbody"),
            Map.entry("水体类型", "waterbody"),
            Map.entry("profile", "profile"),
            Map.entry("rounding", "rounding"),
            Map.entry("name", "name"),
            Map.entry("断面名称", "name"),
            Map.entry("sampledAt", "sampledAt"),
            Map.entry("监测时间", "sampledAt"),
            Map.entry("publishedClass", "publishedClass"),
            Map.entry("水质类别", "publishedClass"),
            // context CNEMC's records carry, not needed to class
            Map.entry("省份", ""),
            Map.entry("流域", ""),
            Map.entry("站点情况", ""));

    private static final java.util.regex.Pattern UNIT_IN_HEADER =
            java.util.regex.Pattern.compile("^(.*)[(（\\[]([^()（）\\[\\]]*)[)）\\]]\\s*$");

    private Reply classifyTable(List<List<String>> records, Defaults defaults, boolean partial, Budget budget) {
        List<String> header = records.get(0);
        if (records.size() - 1 > MAX_SAMPLES) {
            throw Bodies.tooMany(
                    "body", MAX_SAMPLES, "at most " + MAX_SAMPLES + " rows per request, got " + (records.size() - 1));
        }
        if (records.size() < 2) {
            throw ApiProblem.badRequest("body", "the table has a header and no row");
        }
        String[] columns = new String[header.size()];
        String[] units = new String[header.size()];
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c).strip();
            String meta = SAMPLE_COLUMNS.get(h);
            if (meta != null) {
                columns[c] = meta.isEmpty() ? null : "=" + meta;
                continue;
            }
            java.util.regex.Matcher m = UNIT_IN_HEADER.matcher(h);
            if (Parameter.parse(h) != null) {
                columns[c] = h;
            } else if (m.matches() && Parameter.parse(m.group(1)) != null) {
                columns[c] = m.group(1).strip();
                units[c] = m.group(2).strip();
            } else {
                throw ApiProblem.badRequest(
                        "header",
                        "column '" + liuyu.geo.Decimals.shown(h) + "' is neither a parameter (optionally with its"
                                + " unit in brackets, e.g. 总磷(mg/L)) nor one of "
                                + String.join(
                                        ", ",
                                        SAMPLE_COLUMNS.keySet().stream()
                                                .sorted()
                                                .toList()));
            }
        }
        List<RawSample> samples = new ArrayList<>();
        List<Intake.Rejection> refused = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                ApiProblem p = ApiProblem.badRequest(
                        "body", "row " + r + " has " + cells.size() + " cells, the header " + header.size());
                if (!partial) {
                    throw p;
                }
                refused.add(new Intake.Rejection(r, "body", p.getMessage()));
                continue;
            }
            Map<String, String> meta = new java.util.HashMap<>();
            List<RawValue> values = new ArrayList<>();
            for (int c = 0; c < cells.size(); c++) {
                if (columns[c] == null) {
                    continue;
                }
                String cell = cells.get(c);
                if (columns[c].startsWith("=")) {
                    meta.put(columns[c].substring(1), cell.isBlank() ? null : cell.strip());
                } else {
                    values.add(new RawValue(header.get(c).strip(), columns[c], cell, units[c], null, false, null));
                }
            }
            String id = meta.get("id");
            if (id == null && (meta.get("name") != null || meta.get("sampledAt") != null)) {
                id = String.join(
                        " ",
                        java.util.stream.Stream.of(meta.get("name"), meta.get("sampledAt"))
                                .filter(x -> x != null)
                                .toList());
            }
            samples.add(new RawSample(
                    "row " + r,
                    r,
                    id,
                    meta.get("waterbody"),
                    meta.get("section"),
                    meta.get("profile"),
                    meta.get("rounding"),
                    meta.get("publishedClass"),
                    values));
        }
        return classifyAll(defaults, samples, refused, partial, budget);
    }

    /** Classes read samples; a sample that fails is refused when {@code partial}, else the whole request fails. */
    Reply classifyAll(
            Defaults defaults,
            List<RawSample> samples,
            List<Intake.Rejection> refused,
            boolean partial,
            Budget budget) {
        // request-wide settings are checked once, and fail the request whatever partial says
        Waterbody waterbody = waterbody(defaults.waterbody(), "waterbody", null);
        Section section = section(defaults.section(), "section");
        Waterbody top = resolve(waterbody, section, "waterbody");
        Profile profile = profile(defaults.profile(), "profile", null);
        Rounding rounding = rounding(defaults.rounding(), "rounding", null);
        List<Result> results = new ArrayList<>(samples.size());
        List<Intake.Rejection> out = new ArrayList<>(refused);
        for (RawSample s : samples) {
            budget.check();
            try {
                results.add(
                        new Result(s.id(), s.row(), s.publishedClass(), classify(s, top, section, profile, rounding)));
            } catch (ApiProblem p) {
                if (!partial && s.where().startsWith("row ")) {
                    throw new ApiProblem(p.status(), p.parameter(), s.where() + ": " + p.getMessage());
                }
                if (!partial) {
                    throw p;
                }
                out.add(new Intake.Rejection(s.row(), p.parameter(), p.getMessage()));
            }
        }
        out.sort((a, b) -> Integer.compare(a.row(), b.row()));
        if (results.isEmpty() && !out.isEmpty()) {
            Intake.Rejection first = out.get(0);
            throw ApiProblem.badRequest(
                            first.field(),
                            "no sample could be classed; first: row " + first.row() + " " + first.reason())
                    .with("refused", out);
        }
        return new Reply(results.size(), out.size(), results, out);
    }

    private Assessment classify(
            RawSample s, Waterbody topWaterbody, Section topSection, Profile topProfile, Rounding topRounding) {
        String at = s.where().isEmpty() ? "" : s.where() + ".";
        Section section = s.section() == null ? null : section(s.section(), at + "section");
        Waterbody own = resolve(waterbody(s.waterbody(), at + "waterbody", null), section, at + "waterbody");
        Waterbody w = own != null ? own : topWaterbody;
        if (w == null) {
            throw ApiProblem.badRequest(
                    at + "waterbody",
                    "waterbody is required (" + Waterbody.ACCEPTED
                            + "), or a section whose type the section registry gives (/sections)");
        }
        Section profileSection = section != null ? section : topSection;
        Profile fallback =
                topProfile != null ? topProfile : profileSection != null ? profileSection.profile() : Profile.FULL;
        Profile p = profile(s.profile(), at + "profile", fallback);
        Rounding r = rounding(
                s.rounding(), at + "rounding", topRounding != null ? topRounding : p.defaultRounding(Rounding.RAW));
        if (r == Rounding.DISPLAYED && p != Profile.CNEMC_REALTIME) {
            throw ApiProblem.badRequest(
                    at + "rounding",
                    "rounding 'displayed' goes with profile 'cnemc-realtime', which displays its values; got profile '"
                            + p.code() + "'");
        }
        Map<Parameter, String> keys = new EnumMap<>(Parameter.class);
        List<Measurement> values = new ArrayList<>();
        List<Assessment.Excluded> excluded = new ArrayList<>();
        List<Assessment.MissingValue> missing = new ArrayList<>();
        for (RawValue v : s.values()) {
            Parameter parameter = Parameter.parse(v.key());
            if (parameter == null) {
                throw ApiProblem.badRequest(
                        v.where(),
                        "unknown parameter '" + v.key() + "'; known: " + Parameter.accepted()
                                + " and their Chinese names (/quality/parameters)");
            }
            String before = keys.putIfAbsent(parameter, v.key());
            if (before != null) {
                throw ApiProblem.badRequest(
                        v.where(),
                        parameter.code() + " is given twice in one sample, as '" + before + "' and as '" + v.key()
                                + "'");
            }
            if (v.abnormal()) {
                excluded.add(new Assessment.Excluded(parameter, v.text(), v.cause()));
                continue;
            }
            String marker = Reading.missingMarker(v.text());
            if (marker != null) {
                missing.add(new Assessment.MissingValue(parameter, marker));
                continue;
            }
            try {
                values.add(Reading.measurement(parameter, v.text(), v.unit(), v.decimals()));
            } catch (Reading.Problem problem) {
                throw ApiProblem.badRequest(
                        problem.member().equals("value") ? v.where() : v.where() + "." + problem.member(),
                        problem.getMessage());
            }
        }
        return classifier.classify(w, p, r, values, excluded, missing);
    }

    private RawSample rawSample(JsonNode s, String where, int row, boolean single) {
        String at = where.isEmpty() ? "" : where + ".";
        if (!s.isObject()) {
            throw ApiProblem.badRequest(where, "each sample must be an object");
        }
        JsonNode values = s.get("values");
        if (values == null || !values.isObject()) {
            throw ApiProblem.badRequest(
                    at + "values",
                    at + "values must be an object of parameter → value, e.g. {\"TP\": 0.031}"
                            + " ({} for a sample with no value)");
        }
        List<RawValue> raw = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            String field = at + "values." + e.getKey();
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                raw.add(new RawValue(field, e.getKey(), Bodies.text(v, field), null, null, false, null));
                continue;
            }
            for (String member : v.propertyNames()) {
                if (!VALUE_MEMBERS.contains(member)) {
                    throw ApiProblem.badRequest(
                            field + "." + member,
                            "unknown member '" + member + "'; a value object has "
                                    + String.join(
                                            ", ",
                                            VALUE_MEMBERS.stream().sorted().toList()));
                }
            }
            Integer decimals = null;
            if (v.has("decimals")) {
                if (!v.get("decimals").isInt()) {
                    throw ApiProblem.badRequest(
                            field + ".decimals",
                            "decimals must be an integer, counted in the unit the value is reported in");
                }
                decimals = v.get("decimals").asInt();
            }
            boolean abnormal = false;
            if (v.has("abnormal")) {
                if (!v.get("abnormal").isBoolean()) {
                    throw ApiProblem.badRequest(field + ".abnormal", "abnormal must be true or false");
                }
                abnormal = v.get("abnormal").asBoolean();
            }
            String cause = Bodies.text(v.get("abnormalCause"), field + ".abnormalCause");
            if (cause != null && cause.length() > 500) {
                throw ApiProblem.badRequest(field + ".abnormalCause", "abnormalCause is longer than 500 characters");
            }
            raw.add(new RawValue(
                    field,
                    e.getKey(),
                    Bodies.text(v.get("value"), field),
                    Bodies.text(v.get("unit"), field + ".unit"),
                    decimals,
                    abnormal,
                    cause));
        }
        if (single) {
            return new RawSample("", row, Bodies.text(s.get("id"), "id"), null, null, null, null, null, raw);
        }
        return new RawSample(
                where,
                row,
                Bodies.text(s.get("id"), at + "id"),
                Bodies.text(s.get("waterbody"), at + "waterbody"),
                Bodies.text(s.get("section"), at + "section"),
                Bodies.text(s.get("profile"), at + "profile"),
                Bodies.text(s.get("rounding"), at + "rounding"),
                null,
                raw);
    }

    /** The waterbody given, checked against the section's type in the registry; the section's when none is given. */
    private static Waterbody resolve(Waterbody given, Section section, String where) {
        if (section == null) {
            return given;
        }
        if (given != null && given != section.waterbody()) {
            throw ApiProblem.badRequest(
                    where,
                    "waterbody '" + given.code() + "' contradicts section '" + section.id()
                            + "', which the section registry gives as '"
                            + section.waterbody().code() + "'; give one of them");
        }
        return section.waterbody();
    }

    private Section section(String id, String where) {
        if (id == null) {
            return null;
        }
        return quality.section(id)
                .orElseThrow(() -> ApiProblem.badRequest(where, "no monitoring section '" + id + "'; see /sections"));
    }

    private static Waterbody waterbody(String text, String where, Waterbody fallback) {
        if (text == null) {
            return fallback;
        }
        Waterbody w = Waterbody.parse(text);
        if (w == null) {
            throw ApiProblem.badRequest(where, "unknown waterbody '" + text + "'; accepted: " + Waterbody.ACCEPTED);
        }
        return w;
    }

    private static Profile profile(String text, String where, Profile fallback) {
        if (text == null) {
            return fallback;
        }
        Profile p = Profile.parse(text);
        if (p == null) {
            throw ApiProblem.badRequest(where, "unknown profile '" + text + "'; accepted: " + Profile.ACCEPTED);
        }
        return p;
    }

    private static Rounding rounding(String text, String where, Rounding fallback) {
        if (text == null) {
            return fallback;
        }
        Rounding r = Rounding.parse(text);
        if (r == null) {
            throw ApiProblem.badRequest(where, "unknown rounding '" + text + "'; accepted: " + Rounding.ACCEPTED);
        }
        return r;
    }
}
