package liuyu.alarms;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import liuyu.geo.BeijingTime;
import liuyu.outfalls.Outfall;
import liuyu.quality.Observation;

/**
 * Judges an outfall's value against the discharge limit its ledger record holds for that parameter on the sampling
 * day (Beijing date): above {@code max} or below {@code min} raises a {@code discharge-limit} alarm, one open per
 * outfall, parameter and bound. A value equal to the limit keeps it. Callers hold the transaction and the judging lock.
 */
public final class DischargeLimits {
    public static final String KIND = "discharge-limit";

    private final Function<String, Optional<Outfall>> outfalls;
    private final AlarmLog alarms;

    /** {@code outfalls} finds an outfall's current ledger record by id (empty for sections and unknown sites). */
    public DischargeLimits(Function<String, Optional<Outfall>> outfalls, AlarmLog alarms) {
        this.outfalls = outfalls;
        this.alarms = alarms;
    }

    /** The alarm raised for this value, if it breaks a limit in force and no alarm of that bound is open. */
    public Optional<AlarmLog.Event> judge(Observation o, Instant now) {
        if (o.value() == null || o.parameter() == null) {
            return Optional.empty();
        }
        Optional<Outfall> outfall = outfalls.apply(o.siteId());
        if (outfall.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = o.sampledAt().atZoneSameInstant(BeijingTime.ZONE).toLocalDate();
        Optional<Outfall.DischargeLimit> found =
                outfall.get().details().limitOn(o.parameter().code(), day);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Outfall.DischargeLimit limit = found.get();
        String bound;
        String limitKind;
        String limitValue;
        if (limit.max() != null && o.value().compareTo(limit.max()) > 0) {
            bound = "max";
            limitKind = "at most";
            limitValue = limit.max().toPlainString();
        } else if (limit.min() != null && o.value().compareTo(limit.min()) < 0) {
            bound = "min";
            limitKind = "at least";
            limitValue = limit.min().toPlainString();
        } else {
            return Optional.empty();
        }
        String rule = "limit:" + bound;
        String site = o.siteId();
        String parameter = o.parameter().code();
        if (alarms.open(KIND, site, parameter, rule)) {
            return Optional.empty(); // one open alarm per outfall, parameter and bound
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("observationIds", List.of(o.id()));
        evidence.put("observationVersion", o.version());
        evidence.put("sampledAt", o.sampledAt().toInstant().toString());
        evidence.put("value", o.value().toPlainString());
        evidence.put("unit", o.unit());
        evidence.put("limit", limitValue);
        evidence.put("limitKind", limitKind);
        evidence.put("limitSource", limit.source());
        evidence.put(
                "validFrom",
                limit.validFrom() == null ? null : limit.validFrom().toString());
        evidence.put("validTo", limit.validTo() == null ? null : limit.validTo().toString());
        evidence.put("ledgerVersion", outfall.get().version());
        evidence.put("rule", rule);
        String summary = site + " " + parameter + " " + o.value().toPlainString() + " " + o.unit()
                + " breaks the limit " + limitKind + " " + limitValue + " (" + limit.source() + ")";
        return Optional.of(alarms.raise(KIND, site, parameter, rule, summary, evidence, now, Alarms.RAISER));
    }
}
