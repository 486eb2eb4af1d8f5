package liuyu.quality;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.geo.Decimals;

/**
 * Turns submitted rows (JSON objects or CSV lines, as field → text) into observations for one
 * site (a monitoring section or an outfall), or lists every rejected field with its row and reason. Values are normalised to the
 * parameter's canonical unit; nothing is fixed silently.
 */
public final class Intake {
    public static final int MAX_ROWS = 10_000;
    public static final List<String> FIELDS = List.of(
            "id",
            "sampledAt",
            "parameter",
            "value",
            "unit",
            "method",
            "source",
            "deviceId",
            "lastCalibration",
            "abnormal",
            "abnormalCause",
            "sampler",
            "analyst",
            "reviewer",
            "signatory");
    private static final Set<String> KNOWN = Set.copyOf(FIELDS);
    /** Chinese column headers of tabular bodies (CSV, XLSX), each naming one of {@link #FIELDS}. */
    public static final Map<String, String> HEADERS_ZH = Map.ofEntries(
            Map.entry("编号", "id"),
            Map.entry("记录编号", "id"),
            Map.entry("采样时间", "sampledAt"),
            Map.entry("监测时间", "sampledAt"),
            Map.entry("监测项目", "parameter"),
            Map.entry("项目", "parameter"),
            Map.entry("监测值", "value"),
            Map.entry("测定值", "value"),
            Map.entry("浓度", "value"),
            Map.entry("单位", "unit"),
            Map.entry("分析方法", "method"),
            Map.entry("监测方法", "method"),
            Map.entry("来源", "source"),
            Map.entry("数据来源", "source"),
            Map.entry("设备编号", "deviceId"),
            Map.entry("仪器编号", "deviceId"),
            Map.entry("校准日期", "lastCalibration"),
            Map.entry("最近校准日期", "lastCalibration"),
            Map.entry("异常", "abnormal"),
            Map.entry("异常原因", "abnormalCause"),
            Map.entry("采样人", "sampler"),
            Map.entry("分析人", "analyst"),
            Map.entry("审核人", "reviewer"),
            Map.entry("授权签字人", "signatory"),
            Map.entry("签字人", "signatory"));

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    private final Clock clock;

    public Intake(Clock clock) {
        this.clock = clock;
    }

    /** One rejected field: {@code row} counts from 1 (the first observation; in CSV the line after the header). */
    public record Rejection(int row, String field, String reason) {}

    /** The rows read; {@code rows} gives each observation's row number (from 1), for rejections found later. */
    public record Result(List<Observation> observations, List<Integer> rows, List<Rejection> rejections) {
        public boolean accepted() {
            return rejections.isEmpty();
        }

        /** How many distinct rows were refused. */
        public int refusedRows() {
            return (int) rejections.stream().mapToInt(Rejection::row).distinct().count();
        }
    }

    /**
     * Every row that reads, and every rejection of the rows that do not; a repeated id keeps its first
     * row. Whether the good rows are kept when others are refused is the caller's choice (all or nothing,
     * or partial).
     */
    public Result read(String siteId, List<Map<String, String>> rows) {
        List<Observation> out = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = i + 1;
            int before = rejections.size();
            Observation o = row(siteId, row, rows.get(i), rejections);
            String id = rows.get(i).get("id");
            if (id != null && !ids.add(id.trim())) {
                rejections.add(new Rejection(row, "id", "id '" + id.trim() + "' appears twice in this batch"));
            } else if (o != null && rejections.size() == before) {
                out.add(o);
                rowNumbers.add(row);
            }
        }
        return new Result(out, rowNumbers, rejections);
    }

    /** One row, or null with its rejections added. */
    public Observation row(String siteId, int row, Map<String, String> fields, List<Rejection> rejections) {
        int before = rejections.size();
        for (String name : fields.keySet()) {
            if (!KNOWN.contains(name)) {
                rejections.add(new Rejection(row, name, "unknown field; known fields: " + String.join(", ", FIELDS)));
            }
        }
        String id = required(fields, "id", row, rejections);
        if (id != null && !id.matches("[A-Za-z0-9._:-]{1,100}")) {
            rejections.add(new Rejection(row, "id", "must be 1 to 100 letters, digits, '.', '_', ':' or '-'"));
        }
        OffsetDateTime sampledAt = null;
        String at = required(fields, "sampledAt", row, rejections);
        if (at != null) {
            try {
                sampledAt = OffsetDateTime.parse(at);
                if (sampledAt.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
                    rejections.add(new Rejection(row, "sampledAt", "is in the future: " + at));
                }
            } catch (DateTimeParseException e) {
                rejections.add(new Rejection(
                        row,
                        "sampledAt",
                        "must be an ISO-8601 time with offset, e.g. 2025-06-03T09:30:00+08:00; got '" + at + "'"));
            }
        }
        Parameter parameter = null;
        String p = required(fields, "parameter", row, rejections);
        if (p != null) {
            parameter = Parameter.parse(p);
            if (parameter == null) {
                rejections.add(new Rejection(
                        row, "parameter", "unknown parameter '" + p + "'; known: " + Parameter.accepted()));
            }
        }
        String unit = fields.get("unit") == null ? "" : fields.get("unit").trim();
        String reported = null;
        String marker = null;
        if (!fields.containsKey("value")) {
            rejections.add(new Rejection(
                    row, "value", "is required; a missing value is written as published: " + "null, '--', '*' or ''"));
        } else {
            marker = Reading.missingMarker(fields.get("value"));
            reported = marker == null ? fields.get("value").trim() : marker;
        }
        BigDecimal value = null;
        boolean below = false;
        if (reported != null && marker == null) {
            below = reported.startsWith("<");
            String number = below ? reported.substring(1).trim() : reported;
            value = Decimals.parse(number);
            if (value == null) {
                rejections.add(new Rejection(
                        row,
                        "value",
                        "must be " + Decimals.LIMITS + ", or '<' and the detection limit; got '"
                                + Decimals.shown(reported) + "'"));
            }
        }
        BigDecimal canonical = null;
        if (parameter != null
                && marker != null
                && !unit.isEmpty()
                && parameter.unit().exponent(unit) == null) {
            rejections.add(new Rejection(
                    row,
                    "unit",
                    "unit '" + Decimals.shown(unit) + "' does not fit " + parameter.code() + "; accepted: "
                            + parameter.unit().accepted()));
        }
        if (parameter != null && value != null) {
            canonical = parameter.unit().normalise(value, unit);
            if (canonical != null
                    && (reported.length() > 40 || canonical.toPlainString().length() > 40)) {
                rejections.add(new Rejection(
                        row,
                        "value",
                        "has more than 40 characters in " + parameter.unit().code()));
            } else if (canonical == null) {
                rejections.add(new Rejection(
                        row,
                        "unit",
                        "unit '" + Decimals.shown(unit) + "' does not fit " + parameter.code() + "; accepted: "
                                + parameter.unit().accepted()));
            } else {
                String problem = Measurement.problem(parameter, canonical, Math.max(0, canonical.scale()), below);
                if (problem != null) {
                    rejections.add(new Rejection(row, "value", problem));
                }
            }
        }
        String method = optional(fields, "method", 200, row, rejections);
        Observation.Source source = source(fields, sampledAt, row, rejections);
        String cause = optional(fields, "abnormalCause", 500, row, rejections);
        String abnormal = optional(fields, "abnormal", 5, row, rejections);
        if (abnormal != null && !abnormal.equals("true") && !abnormal.equals("false")) {
            rejections.add(new Rejection(row, "abnormal", "must be true or false"));
        } else if ("true".equals(abnormal) && cause == null) {
            rejections.add(new Rejection(
                    row,
                    "abnormalCause",
                    "a value flagged abnormal must carry its cause (beijing-monitoring-quality-2018/4.12)"));
        } else if ("false".equals(abnormal) && cause != null) {
            rejections.add(new Rejection(row, "abnormalCause", "given for a value not flagged abnormal"));
        }
        Observation.People people = new Observation.People(
                optional(fields, "sampler", 100, row, rejections),
                optional(fields, "analyst", 100, row, rejections),
                optional(fields, "reviewer", 100, row, rejections),
                optional(fields, "signatory", 100, row, rejections));
        if (source != null && source.kind().equals(Observation.Source.MANUAL)) {
            // 采样与分析人员、审核与授权签字人分别对原始监测数据、监测报告的真实性和准确性终身负责 (beijing-monitoring-quality-2018/5.13)
            for (String role : List.of("sampler", "analyst", "reviewer", "signatory")) {
                if (blank(fields.get(role))) {
                    rejections.add(new Rejection(
                            row,
                            role,
                            "a manual result names its " + role + " (beijing-monitoring-quality-2018/5.13)"));
                }
            }
        }
        if (rejections.size() > before) {
            return null;
        }
        return new Observation(
                id,
                0,
                siteId,
                sampledAt,
                parameter,
                canonical,
                parameter.unit().code(),
                reported,
                unit,
                below,
                method,
                source,
                cause,
                people,
                null,
                null,
                null);
    }

    private Observation.Source source(
            Map<String, String> fields, OffsetDateTime sampledAt, int row, List<Rejection> rejections) {
        String kind = required(fields, "source", row, rejections);
        if (kind == null) {
            return null;
        }
        if (kind.equals(Observation.Source.MANUAL)) {
            return new Observation.Source(kind, optional(fields, "deviceId", 100, row, rejections), null);
        }
        if (!kind.equals(Observation.Source.AUTOMATIC)) {
            rejections.add(new Rejection(row, "source", "must be manual or automatic; got '" + kind + "'"));
            return null;
        }
        String device = required(fields, "deviceId", row, rejections);
        String calibrated = required(fields, "lastCalibration", row, rejections);
        LocalDate calibration = null;
        if (calibrated != null) {
            try {
                calibration = LocalDate.parse(calibrated);
                if (sampledAt != null && calibration.isAfter(sampledAt.toLocalDate())) {
                    rejections.add(new Rejection(
                            row, "lastCalibration", "is after the sampling date " + sampledAt.toLocalDate()));
                }
            } catch (DateTimeParseException e) {
                rejections.add(new Rejection(
                        row, "lastCalibration", "must be an ISO date (YYYY-MM-DD); got '" + calibrated + "'"));
            }
        }
        return new Observation.Source(kind, device, calibration);
    }

    private static String required(Map<String, String> fields, String name, int row, List<Rejection> rejections) {
        String v = fields.get(name);
        if (blank(v)) {
            rejections.add(new Rejection(row, name, "is required"));
            return null;
        }
        if (v.length() > 100 && !name.equals("value")) {
            rejections.add(new Rejection(row, name, "is longer than 100 characters"));
            return null;
        }
        return v.trim();
    }

    private static String optional(
            Map<String, String> fields, String name, int max, int row, List<Rejection> rejections) {
        String v = fields.get(name);
        if (blank(v)) {
            return null;
        }
        if (v.length() > max) {
            rejections.add(new Rejection(row, name, "is longer than " + max + " characters"));
            return null;
        }
        return v.trim();
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
