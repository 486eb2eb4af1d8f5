package liuyu.outfalls;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.Decimals;
import liuyu.geo.Texts;
import liuyu.quality.Parameter;
import liuyu.quality.Unit;
import liuyu.rules.RuleCatalogue;
import liuyu.rules.RuleFiles;
import tools.jackson.databind.JsonNode;

/**
 * Reads ledger writes: a record as a GeoJSON Feature (Point in CRS84, the record's fields as
 * properties) and a lifecycle step as a JSON object. Strict: an unknown member, a wrong type or a
 * value past its limit is refused naming the member, so a typo never drops a fact silently.
 */
public final class OutfallReader {
    public static final int MAX_TEXT = 500;
    public static final int MAX_LIST = 20;
    static final Set<String> PATTERNS = Set.of("continuous", "intermittent", "seasonal", "rain-only");
    static final Set<String> STRUCTURES = Set.of("weir", "gate", "retaining-wall", "other");
    static final Set<String> EIA_LEVELS = Set.of("state", "city", "district");
    private static final Set<String> RECORD_FIELDS = Set.of(
            "nameZh",
            "nameEn",
            "type",
            "normallyFlowing",
            "dischargePattern",
            "dischargeCharacteristics",
            "destination",
            "receivingWater",
            "dischargeChannel",
            "dischargingUnit",
            "responsibleParty",
            "approvals",
            "permitNumber",
            "signboard",
            "linkedStructures",
            "township",
            "riverChiefSegment",
            "reach",
            "eiaApprovedBy",
            "interProvincialDispute",
            "affectsFloodControl",
            "dischargeLimits",
            "method",
            "source",
            "licence",
            "accuracy",
            "authoritative",
            "reason");
    private static final Set<String> LIMIT_FIELDS =
            Set.of("parameter", "max", "min", "unit", "source", "validFrom", "validTo");
    private static final Set<String> CREATE_FIELDS = Set.of("evidence", "discoveredOn");
    private static final Set<String> EDIT_FIELDS = Set.of("version");
    private static final Set<String> STEP_FIELDS =
            Set.of("to", "reason", "evidence", "violations", "remediation", "occurredOn");

    private final RuleCatalogue rules;

    public OutfallReader(RuleCatalogue rules) {
        this.rules = rules;
    }

    /** A new record with the facts of its discovery. */
    public record Creation(Outfall draft, String reason, List<String> evidence, LocalDate discoveredOn) {}

    /** The next version of a record, the version it was edited from, and why. */
    public record Edit(Outfall draft, int version, String reason) {}

    public Creation creation(JsonNode feature, String user) {
        JsonNode props = feature(feature, CREATE_FIELDS);
        String id = null;
        JsonNode idNode = feature.path("id");
        if (!idNode.isMissingNode() && !idNode.isNull()) {
            if (!idNode.isString()) {
                throw LedgerException.bad("id", "the Feature's id is a string");
            }
            id = idNode.asString();
        }
        return new Creation(
                record(id, feature, props, user),
                text(props, "reason", true, 1000),
                strings(props, "evidence"),
                date(props, "discoveredOn"));
    }

    public Edit edit(JsonNode feature, String id, String user) {
        JsonNode props = feature(feature, EDIT_FIELDS);
        JsonNode idNode = feature.path("id");
        if (!idNode.isMissingNode() && !idNode.isNull() && !id.equals(idNode.asString())) {
            throw LedgerException.bad(
                    "id", "the Feature's id '" + idNode.asString() + "' is not the path's '" + id + "'");
        }
        JsonNode v = props.path("version");
        if (!v.isInt() || v.intValue() < 1) {
            throw LedgerException.bad(
                    "version",
                    "an edit names the version it was made from (a positive integer; GET the record for it)");
        }
        return new Edit(record(id, feature, props, user), v.intValue(), text(props, "reason", true, 1000));
    }

    public Step step(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw LedgerException.bad(
                    "body",
                    "a step is a JSON object: to, reason, evidence, and violations or remediation where needed");
        }
        for (String name : body.propertyNames()) {
            if (!STEP_FIELDS.contains(name)) {
                throw LedgerException.bad(
                        name, "unknown member '" + name + "'; a step has " + String.join(", ", sorted(STEP_FIELDS)));
            }
        }
        String to = text(body, "to", true, 30);
        State state = State.parse(to);
        if (state == null || state == State.DISCOVERED) {
            throw LedgerException.bad(
                    "to",
                    "'" + to + "' is not a state a step can reach: "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(State.values())
                                            .filter(s -> s != State.DISCOVERED)
                                            .map(State::code)
                                            .toList()));
        }
        List<Violation> violations = new ArrayList<>();
        for (String code : strings(body, "violations")) {
            Violation v = Violation.parse(code);
            if (v == null) {
                throw LedgerException.bad(
                        "violations",
                        "'" + code + "' is not a kind of violation: "
                                + String.join(
                                        ", ",
                                        java.util.Arrays.stream(Violation.values())
                                                .map(Violation::code)
                                                .toList())
                                + " (beijing-outfall-supervision-2023/2.2)");
            }
            violations.add(v);
        }
        String remediationText = text(body, "remediation", false, 30);
        Remediation remediation = remediationText == null ? null : Remediation.parse(remediationText);
        if (remediationText != null && remediation == null) {
            throw LedgerException.bad(
                    "remediation",
                    "'" + remediationText
                            + "' is none of ban, merge, regularise (beijing-outfall-supervision-2023/2.2)");
        }
        return new Step(
                state,
                text(body, "reason", true, 1000),
                strings(body, "evidence"),
                violations,
                remediation,
                date(body, "occurredOn"));
    }

    private static JsonNode feature(JsonNode f, Set<String> extra) {
        if (f == null || !f.isObject() || !"Feature".equals(f.path("type").asString(""))) {
            throw LedgerException.bad(
                    "type",
                    "an outfall record is a GeoJSON Feature with a Point geometry and the record as properties");
        }
        JsonNode props = f.path("properties");
        if (!props.isObject()) {
            throw LedgerException.bad("properties", "the Feature's properties hold the record's fields");
        }
        for (String name : props.propertyNames()) {
            if (!RECORD_FIELDS.contains(name) && !extra.contains(name)) {
                throw LedgerException.bad(
                        name,
                        "unknown property '" + name + "'; a record has " + String.join(", ", sorted(RECORD_FIELDS))
                                + (extra.isEmpty() ? "" : " and " + String.join(", ", sorted(extra))));
            }
        }
        return props;
    }

    private Outfall record(String id, JsonNode feature, JsonNode p, String user) {
        JsonNode g = feature.path("geometry");
        JsonNode c = g.path("coordinates");
        if (!"Point".equals(g.path("type").asString("")) || !c.isArray() || c.size() != 2) {
            throw LedgerException.bad("geometry", "an outfall is a GeoJSON Point [lon, lat] in CRS84");
        }
        double lon = coordinate(c.get(0), -180, 180, "longitude");
        double lat = coordinate(c.get(1), -90, 90, "latitude");
        String typeText = text(p, "type", true, 30);
        OutfallType type = OutfallType.parse(typeText);
        if (type == null) {
            throw LedgerException.bad(
                    "type",
                    "'" + typeText + "' is none of " + OutfallType.codes()
                            + " (beijing-outfall-supervision-2023/2.1a)");
        }
        JsonNode flowing = p.path("normallyFlowing");
        if (!flowing.isBoolean()) {
            throw LedgerException.bad(
                    "normallyFlowing",
                    "state whether the outfall normally carries water (常态有水, true or false):"
                            + " it decides the yearly monitoring duty (beijing-outfall-supervision-2023/2.1)");
        }
        Outfall.Details details = new Outfall.Details(
                oneOf(p, "dischargePattern", PATTERNS),
                text(p, "dischargeCharacteristics", false, MAX_TEXT),
                text(p, "destination", false, MAX_TEXT),
                text(p, "receivingWater", false, MAX_TEXT),
                text(p, "dischargeChannel", false, MAX_TEXT),
                text(p, "dischargingUnit", false, MAX_TEXT),
                text(p, "responsibleParty", false, MAX_TEXT),
                approvals(p),
                text(p, "permitNumber", false, 100),
                bool(p, "signboard"),
                structures(p),
                text(p, "township", false, 200),
                text(p, "riverChiefSegment", false, 200),
                text(p, "reach", false, 100),
                oneOf(p, "eiaApprovedBy", EIA_LEVELS),
                bool(p, "interProvincialDispute"),
                bool(p, "affectsFloodControl"),
                limits(p));
        String methodText = text(p, "method", false, 20);
        Method method = methodText == null ? Method.SURVEYED : Method.parse(methodText);
        if (method == null) {
            throw LedgerException.bad(
                    "method", "'" + methodText + "' is none of surveyed, derived, schematic, synthetic");
        }
        String source = text(p, "source", false, MAX_TEXT);
        String licence = text(p, "licence", false, 200);
        String accuracy = text(p, "accuracy", false, MAX_TEXT);
        Provenance provenance = new Provenance(
                method,
                source == null ? "outfall ledger, recorded by " + user : source,
                licence == null ? "record of the operating authority" : licence,
                accuracy == null ? "position as recorded; accuracy not stated" : accuracy,
                bool(p, "authoritative"));
        return new Outfall(
                id,
                0,
                text(p, "nameZh", true, 200),
                text(p, "nameEn", false, 200),
                type,
                lon,
                lat,
                flowing.booleanValue(),
                details,
                provenance,
                null,
                null,
                null);
    }

    private List<Outfall.Approval> approvals(JsonNode p) {
        List<Outfall.Approval> out = new ArrayList<>();
        for (JsonNode a : list(p, "approvals")) {
            if (!a.isObject()) {
                throw LedgerException.bad("approvals", "an approval is an object: rule, authority, number, date");
            }
            String rule = text(a, "rule", true, 100, "approvals.rule");
            RuleFiles.Rule r = rules.rule(rule);
            if (r == null || !r.governs(OutfallAssessment.ACTIVITY)) {
                throw LedgerException.bad(
                        "approvals.rule",
                        "'" + rule + "' is not a rule about outfalls; see GET /rules?activity="
                                + OutfallAssessment.ACTIVITY);
            }
            LocalDate date = date(a, "date", "approvals.date");
            if (date == null) {
                throw LedgerException.bad("approvals.date", "an approval has its date (YYYY-MM-DD)");
            }
            out.add(new Outfall.Approval(
                    rule,
                    text(a, "authority", true, 200, "approvals.authority"),
                    text(a, "number", true, 100, "approvals.number"),
                    date));
        }
        return out;
    }

    /**
     * Permitted discharge limits: each names a known parameter, at most {@code max} and/or at least {@code min} (in
     * {@code unit}, converted to the parameter's canonical unit), the permit or standard it comes from, and its
     * validity; two limits of one parameter may not be valid on the same day, so the one in force is never in doubt.
     */
    private static List<Outfall.DischargeLimit> limits(JsonNode p) {
        List<Outfall.DischargeLimit> out = new ArrayList<>();
        for (JsonNode l : list(p, "dischargeLimits")) {
            if (!l.isObject()) {
                throw LedgerException.bad(
                        "dischargeLimits",
                        "a discharge limit is an object: parameter, max and/or min, unit, source, validFrom, validTo");
            }
            for (String name : l.propertyNames()) {
                if (!LIMIT_FIELDS.contains(name)) {
                    throw LedgerException.bad(
                            "dischargeLimits." + name,
                            "unknown member '" + name + "'; a discharge limit has "
                                    + String.join(", ", sorted(LIMIT_FIELDS)));
                }
            }
            String name = text(l, "parameter", true, 40, "dischargeLimits.parameter");
            Parameter parameter = Parameter.parse(name);
            if (parameter == null) {
                throw LedgerException.bad(
                        "dischargeLimits.parameter",
                        "'" + name + "' is no known parameter; codes: " + Parameter.accepted());
            }
            String unitText = text(l, "unit", false, 20, "dischargeLimits.unit");
            Unit unit = parameter.unit();
            Integer exponent = unitText == null ? Integer.valueOf(0) : unit.exponent(unitText);
            if (exponent == null) {
                throw LedgerException.bad(
                        "dischargeLimits.unit",
                        "'" + unitText + "' is not a unit of " + parameter.code() + "; accepted: " + unit.accepted());
            }
            BigDecimal max = decimal(l, "max", exponent);
            BigDecimal min = decimal(l, "min", exponent);
            if (max == null && min == null) {
                throw LedgerException.bad(
                        "dischargeLimits.max", "a discharge limit has max (at most), min (at least) or both");
            }
            if (max != null && min != null && min.compareTo(max) > 0) {
                throw LedgerException.bad(
                        "dischargeLimits.min", "min " + min.toPlainString() + " is above max " + max.toPlainString());
            }
            LocalDate from = date(l, "validFrom", "dischargeLimits.validFrom");
            LocalDate to = date(l, "validTo", "dischargeLimits.validTo");
            if (from != null && to != null && from.isAfter(to)) {
                throw LedgerException.bad("dischargeLimits.validTo", "validTo " + to + " is before validFrom " + from);
            }
            Outfall.DischargeLimit limit = new Outfall.DischargeLimit(
                    parameter.code(),
                    max,
                    min,
                    unit.code(),
                    text(l, "source", true, 200, "dischargeLimits.source"),
                    from,
                    to);
            for (Outfall.DischargeLimit other : out) {
                if (other.parameter().equals(limit.parameter()) && overlap(other, limit)) {
                    throw LedgerException.bad(
                            "dischargeLimits.validFrom",
                            "two limits of " + limit.parameter()
                                    + " are valid on the same days: end one before the other begins");
                }
            }
            out.add(limit);
        }
        return out;
    }

    private static boolean overlap(Outfall.DischargeLimit a, Outfall.DischargeLimit b) {
        boolean aEndsBeforeB =
                a.validTo() != null && b.validFrom() != null && a.validTo().isBefore(b.validFrom());
        boolean bEndsBeforeA =
                b.validTo() != null && a.validFrom() != null && b.validTo().isBefore(a.validFrom());
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    /** A limit's number (JSON number or decimal text, bounded by {@link Decimals}), moved into the canonical unit. */
    private static BigDecimal decimal(JsonNode l, String name, int exponent) {
        JsonNode v = l.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String field = "dischargeLimits." + name;
        BigDecimal d = v.isString() ? Decimals.parse(v.asString()) : v.isNumber() ? Decimals.parse(v.asString()) : null;
        if (d == null || d.signum() < 0) {
            throw LedgerException.bad(field, field + " is a non-negative number: " + Decimals.LIMITS);
        }
        BigDecimal canonical = d.movePointRight(exponent);
        return canonical.scale() < 0 ? canonical.setScale(0) : canonical;
    }

    private static List<Outfall.Structure> structures(JsonNode p) {
        List<Outfall.Structure> out = new ArrayList<>();
        for (JsonNode s : list(p, "linkedStructures")) {
            if (!s.isObject()) {
                throw LedgerException.bad(
                        "linkedStructures", "a structure is an object: kind (weir, gate, retaining-wall, other), name");
            }
            String kind = text(s, "kind", true, 30, "linkedStructures.kind");
            if (!STRUCTURES.contains(kind)) {
                throw LedgerException.bad(
                        "linkedStructures.kind", "'" + kind + "' is none of " + String.join(", ", sorted(STRUCTURES)));
            }
            out.add(new Outfall.Structure(kind, text(s, "name", false, 200, "linkedStructures.name")));
        }
        return out;
    }

    private static double coordinate(JsonNode v, double min, double max, String what) {
        if (v == null
                || !v.isNumber()
                || !Double.isFinite(v.doubleValue())
                || v.doubleValue() < min
                || v.doubleValue() > max) {
            throw LedgerException.bad(
                    "geometry",
                    "the " + what + " is a finite number from " + (int) min + " to " + (int) max + ", got " + v);
        }
        return v.doubleValue();
    }

    private static List<JsonNode> list(JsonNode p, String name) {
        JsonNode v = p.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > MAX_LIST) {
            throw LedgerException.bad(name, name + " is an array of at most " + MAX_LIST + " items");
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode p, String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : list(p, name)) {
            if (!s.isString() || s.asString().isBlank() || s.asString().length() > MAX_TEXT) {
                throw LedgerException.bad(
                        name, name + " holds non-blank strings of at most " + MAX_TEXT + " characters");
            }
            String problem = Texts.problem(s.asString(), MAX_TEXT, true);
            if (problem != null) {
                throw LedgerException.bad(name, name + " " + problem);
            }
            out.add(s.asString().trim());
        }
        return out;
    }

    private static String text(JsonNode p, String name, boolean required, int max) {
        return text(p, name, required, max, name);
    }

    private static String text(JsonNode p, String name, boolean required, int max, String field) {
        JsonNode v = p.path(name);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw LedgerException.bad(field, field + " is required");
            }
            return null;
        }
        if (!v.isString() || v.asString().isBlank() || v.asString().length() > max) {
            throw LedgerException.bad(field, field + " is a non-blank string of at most " + max + " characters");
        }
        String problem = Texts.problem(v.asString(), max, max > 200); // long fields are free text and may break lines
        if (problem != null) {
            throw LedgerException.bad(field, field + " " + problem);
        }
        return v.asString().trim();
    }

    private static String oneOf(JsonNode p, String name, Set<String> values) {
        String v = text(p, name, false, 30);
        if (v != null && !values.contains(v)) {
            throw LedgerException.bad(name, "'" + v + "' is none of " + String.join(", ", sorted(values)));
        }
        return v;
    }

    private static boolean bool(JsonNode p, String name) {
        JsonNode v = p.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw LedgerException.bad(name, name + " is true or false");
        }
        return v.booleanValue();
    }

    private static LocalDate date(JsonNode p, String name) {
        return date(p, name, name);
    }

    private static LocalDate date(JsonNode p, String name, String field) {
        JsonNode v = p.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        try {
            if (v.isString()) {
                return LocalDate.parse(v.asString());
            }
        } catch (DateTimeParseException e) {
            // fall through to the refusal
        }
        throw LedgerException.bad(field, field + " is a date YYYY-MM-DD, got " + v);
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
