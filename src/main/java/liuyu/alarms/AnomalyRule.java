package liuyu.alarms;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;

/**
 * One anomaly rule of the rules file (docs/alarms.md). {@code parameters}, {@code sources} and {@code sites} narrow
 * what it judges (empty: all); the other fields are the kind's own and null when the kind has none.
 */
public record AnomalyRule(
        String id,
        Kind kind,
        Set<String> parameters,
        Set<String> sources,
        Set<String> sites,
        BigDecimal min,
        BigDecimal max,
        Integer readings,
        Integer window,
        BigDecimal factor,
        BigDecimal minSpread,
        Duration interval,
        Integer missing,
        Duration grace,
        Duration watch,
        BigDecimal tolerance,
        BigDecimal absolute,
        Duration within,
        String note) {

    /** What a rule looks for. */
    public enum Kind {
        /** outside the instrument's measuring range [min, max] */
        RANGE,
        /** below zero */
        NEGATIVE,
        /** the same value {@code readings} times in a row */
        FLAT,
        /** further from the median of the last {@code window} readings than {@code factor} × their spread */
        SPIKE,
        /** {@code missing} expected readings not arrived */
        GAP,
        /** an automatic value disagreeing with the manual comparison sample */
        MANUAL;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The flag an anomaly of this rule carries. */
    public String cause() {
        return "auto:" + id;
    }

    /** Whether the rule judges values of this site, parameter (code) and source kind. */
    public boolean covers(String siteId, String parameter, String sourceKind) {
        return (parameters.isEmpty() || parameters.contains(parameter))
                && (sources.isEmpty() || sources.contains(sourceKind))
                && (sites.isEmpty() || sites.contains(siteId));
    }
}
