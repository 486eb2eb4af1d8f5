package liuyu.alarms;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import liuyu.geo.Decimals;
import liuyu.quality.Observation;
import liuyu.quality.Parameter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The anomaly rules file (YAML, {@code anomalies.yaml} beside the atlas by default): read whole or refused
 * whole, every problem named with its place in the file.
 */
public final class AnomalyRules {
    /** The source kinds a rule may name (those of {@link Observation.Source}, and HJ 212's). */
    static final Set<String> SOURCES = Set.of(Observation.Source.MANUAL, Observation.Source.AUTOMATIC, "hj212");

    record File(List<Entry> rules) {}

    record Entry(
            String id,
            String kind,
            List<String> parameters,
            List<String> sources,
            List<String> sites,
            String min,
            String max,
            Integer readings,
            Integer window,
            String factor,
            String minSpread,
            String interval,
            Integer missing,
            String grace,
            String watch,
            String tolerance,
            String absolute,
            String within,
            String note) {}

    private AnomalyRules() {}

    /** The rules of a file; an absent file is an error here (the configuration decides whether it may be absent). */
    public static List<AnomalyRule> read(Path file) {
        ObjectMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        File parsed;
        try {
            parsed = yaml.readValue(Files.readString(file, StandardCharsets.UTF_8), File.class);
        } catch (Exception e) {
            throw new IllegalStateException("anomaly rules " + file + " do not read: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        List<AnomalyRule> rules =
                parse(parsed == null || parsed.rules() == null ? List.of() : parsed.rules(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("anomaly rules " + file + ": " + String.join("; ", problems));
        }
        return rules;
    }

    static List<AnomalyRule> parse(List<Entry> entries, List<String> problems) {
        List<AnomalyRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            String at = "rules[" + i + "]";
            if (e.id() == null || !e.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                problems.add(at + ".id must be 1 to 40 lower-case letters, digits or '-'");
                continue;
            }
            if (!ids.add(e.id())) {
                problems.add(at + ".id '" + e.id() + "' is given twice");
                continue;
            }
            at = "rule '" + e.id() + "'";
            AnomalyRule.Kind kind = null;
            try {
                kind = e.kind() == null
                        ? null
                        : AnomalyRule.Kind.valueOf(e.kind().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                // named below
            }
            if (kind == null) {
                problems.add(at + ": kind must be one of range, negative, flat, spike, gap, manual");
                continue;
            }
            Set<String> parameters = new LinkedHashSet<>();
            for (String name : e.parameters() == null ? List.<String>of() : e.parameters()) {
                Parameter p = Parameter.parse(name);
                if (p == null) {
                    problems.add(at + ": parameter '" + name + "' is unknown (" + Parameter.accepted() + ")");
                } else {
                    parameters.add(p.code());
                }
            }
            Set<String> sources = new LinkedHashSet<>(e.sources() == null ? List.of() : e.sources());
            if (!SOURCES.containsAll(sources)) {
                problems.add(at + ": sources must be among " + SOURCES);
            }
            Set<String> sites = new LinkedHashSet<>(e.sites() == null ? List.of() : e.sites());
            int before = problems.size();
            BigDecimal min = decimal(e.min(), at + ".min", problems);
            BigDecimal max = decimal(e.max(), at + ".max", problems);
            BigDecimal factor = decimal(e.factor(), at + ".factor", problems);
            BigDecimal minSpread = decimal(e.minSpread(), at + ".minSpread", problems);
            BigDecimal tolerance = decimal(e.tolerance(), at + ".tolerance", problems);
            BigDecimal absolute = decimal(e.absolute(), at + ".absolute", problems);
            Duration interval = duration(e.interval(), at + ".interval", problems);
            Duration grace = duration(e.grace(), at + ".grace", problems);
            Duration watch = duration(e.watch(), at + ".watch", problems);
            Duration within = duration(e.within(), at + ".within", problems);
            if (problems.size() > before) {
                continue;
            }
            switch (kind) {
                case RANGE -> {
                    if (min == null || max == null || min.compareTo(max) >= 0) {
                        problems.add(at + ": a range rule needs min < max");
                    }
                }
                case NEGATIVE -> {}
                case FLAT -> {
                    if (e.readings() == null || e.readings() < 2 || e.readings() > 1000) {
                        problems.add(at + ": a flat rule needs readings from 2 to 1000");
                    }
                }
                case SPIKE -> {
                    if (e.window() == null || e.window() < 3 || e.window() > 1000) {
                        problems.add(at + ": a spike rule needs window from 3 to 1000");
                    }
                    if (factor == null || factor.signum() <= 0) {
                        problems.add(at + ": a spike rule needs factor > 0");
                    }
                    if (minSpread == null) {
                        minSpread = BigDecimal.ZERO;
                    } else if (minSpread.signum() < 0) {
                        problems.add(at + ": minSpread must not be negative");
                    }
                }
                case GAP -> {
                    if (interval == null || interval.isZero() || interval.isNegative()) {
                        problems.add(at + ": a gap rule needs an interval (ISO 8601, e.g. PT1H)");
                    }
                    if (e.missing() == null || e.missing() < 1) {
                        problems.add(at + ": a gap rule needs missing ≥ 1");
                    }
                    grace = grace == null ? Duration.ofMinutes(10) : grace;
                    watch = watch == null ? Duration.ofDays(2) : watch;
                }
                case MANUAL -> {
                    if (tolerance == null || tolerance.signum() < 0) {
                        problems.add(at + ": a manual rule needs tolerance ≥ 0 (relative, 0.2 = 20 %)");
                    }
                    absolute = absolute == null ? BigDecimal.ZERO : absolute;
                    if (within == null || within.isZero() || within.isNegative()) {
                        problems.add(at + ": a manual rule needs within (ISO 8601, e.g. PT2H)");
                    }
                    if (sources.contains(Observation.Source.MANUAL)) {
                        problems.add(at + ": a manual rule judges automatic values; sources must not name manual");
                    }
                }
            }
            rules.add(new AnomalyRule(
                    e.id(),
                    kind,
                    Set.copyOf(parameters),
                    Set.copyOf(sources),
                    Set.copyOf(sites),
                    min,
                    max,
                    e.readings(),
                    e.window(),
                    factor,
                    minSpread,
                    interval,
                    e.missing(),
                    grace,
                    watch,
                    tolerance,
                    absolute,
                    within,
                    e.note()));
        }
        return rules;
    }

    private static BigDecimal decimal(String text, String field, List<String> problems) {
        if (text == null) {
            return null;
        }
        BigDecimal d = Decimals.parse(text);
        if (d == null) {
            problems.add(field + " is not " + Decimals.LIMITS + ": '" + Decimals.shown(text) + "'");
        }
        return d;
    }

    private static Duration duration(String text, String field, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            problems.add(field + " is not an ISO 8601 duration (PT1H, P2D): '" + text + "'");
            return null;
        }
    }
}
