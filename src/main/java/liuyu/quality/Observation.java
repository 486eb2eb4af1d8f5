package liuyu.quality;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One version of an observation of {@code parameter}, read once from its code where it enters (intake, a
 * station packet, the store's row); before it is stored, version is 0 and recordedBy/recordedAt are
 * null (the store stamps them). {@code value} is in the canonical {@code unit}; below the
 * detection limit it is that limit; null when the value is missing, and then {@code reportedValue} is
 * the marker it was published with ('--', '*', '' or 'null'). {@code abnormalCause} non-null means the
 * value is flagged abnormal.
 */
public record Observation(
        String id,
        int version,
        String siteId,
        OffsetDateTime sampledAt,
        Parameter parameter,
        BigDecimal value,
        String unit,
        String reportedValue,
        String reportedUnit,
        boolean belowDetectionLimit,
        String method,
        Source source,
        String abnormalCause,
        People people,
        String recordedBy,
        Instant recordedAt,
        String correctionReason) {

    /** Where the value came from: a manual sample, an automatic station (device and last calibration), or synthetic demo data. */
    public record Source(String kind, String deviceId, LocalDate lastCalibration) {
        public static final String MANUAL = "manual";
        public static final String AUTOMATIC = "automatic";
        public static final String SYNTHETIC = "synthetic";
    }

    /** Who answers for the data: 采样与分析人员、审核与授权签字人 (beijing-monitoring-quality-2018/5.13). */
    public record People(String sampler, String analyst, String reviewer, String signatory) {}

    public boolean abnormal() {
        return abnormalCause != null;
    }

    /** No value: published as missing ({@code reportedValue} holds the marker). */
    public boolean missing() {
        return value == null;
    }

    /** The same observation as submitted, without who stored it, when, or in which version: what idempotent retries compare. */
    public boolean sameContentAs(Observation other) {
        return id.equals(other.id)
                && siteId.equals(other.siteId)
                && sampledAt.toInstant().equals(other.sampledAt.toInstant())
                && parameter == other.parameter
                && reportedValue.equals(other.reportedValue)
                && reportedUnit.equals(other.reportedUnit)
                && belowDetectionLimit == other.belowDetectionLimit
                && Objects.equals(method, other.method)
                && source.equals(other.source)
                && Objects.equals(abnormalCause, other.abnormalCause)
                && people.equals(other.people);
    }

    /** This content as stored version {@code next}, written by {@code user} at {@code at} (with a reason when a correction). */
    public Observation stamped(int next, String user, Instant at, String reason) {
        return new Observation(
                id,
                next,
                siteId,
                sampledAt,
                parameter,
                value,
                unit,
                reportedValue,
                reportedUnit,
                belowDetectionLimit,
                method,
                source,
                abnormalCause,
                people,
                user,
                at,
                reason);
    }
}
