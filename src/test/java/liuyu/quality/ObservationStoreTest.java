package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * The append-only observation store, the same rules on both record databases (see the H2 and
 * PostgreSQL subclasses, which add the database's own way to kill a connection mid-batch).
 */
abstract class ObservationStoreTest {
    final TestDatabase db = database();

    abstract TestDatabase database();

    static Observation manual(String id, String section, String at, String parameter, String value) {
        return new Observation(
                id,
                0,
                section,
                OffsetDateTime.parse(at),
                Parameter.ofCode(parameter),
                new BigDecimal(value),
                "mg/L",
                value,
                "mg/L",
                false,
                "HJ 535-2009",
                new Observation.Source(Observation.Source.MANUAL, null, null),
                null,
                new Observation.People("张采样", "李分析", "王审核", "赵签字"),
                null,
                null,
                null);
    }

    static List<Observation> batch(String prefix, int n) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(manual(
                    prefix + i, "gubeikou", "2025-06-0" + (1 + i % 9) + "T09:00:00+08:00", "NH3-N", "0.3" + (i % 10)));
        }
        return out;
    }

    @Test
    void aBatchIsStoredWholeAndARetriedBatchStoresNothingTwice() {
        List<Observation> b = batch("b-", 50);
        ObservationStore.AppendResult first = db.store().append("monitor", b);
        assertThat(first.stored()).hasSize(50);
        ObservationStore.AppendResult retry = db.store().append("monitor", b);
        assertThat(retry.stored()).isEmpty();
        assertThat(retry.unchanged()).hasSize(50);
        assertThat(db.rows()).isEqualTo(50);
        assertThat(db.store().history("b-7")).singleElement().satisfies(o -> {
            assertThat(o.version()).isEqualTo(1);
            assertThat(o.recordedBy()).isEqualTo("monitor");
            assertThat(o.people().signatory()).isEqualTo("赵签字");
        });
    }

    @Test
    void reusingAnIdForOtherContentFailsTheWholeBatchAndStoresNone() {
        db.store().append("monitor", List.of(manual("x-1", "gubeikou", "2025-06-01T09:00:00+08:00", "TP", "0.05")));
        List<Observation> b = new ArrayList<>(batch("y-", 10));
        b.add(manual("x-1", "gubeikou", "2025-06-01T09:00:00+08:00", "TP", "0.08"));
        assertThatThrownBy(() -> db.store().append("monitor", b))
                .isInstanceOf(ObservationConflictException.class)
                .satisfies(e ->
                        assertThat(((ObservationConflictException) e).ids()).containsExactly("x-1"));
        assertThat(db.rows()).isEqualTo(1);
    }

    @Test
    void aCorrectionIsANewVersionWithReasonAndAuthorAndTheHistoryKeepsTheOriginal() {
        Observation original = manual("c-1", "gubeikou", "2025-06-03T09:00:00+08:00", "TP", "0.52");
        db.store().append("monitor", List.of(original));
        Observation fixed = manual("c-1", "gubeikou", "2025-06-03T09:00:00+08:00", "TP", "0.052");
        Observation v2 = db.store()
                .correct("reviewer1", fixed, "decimal point misplaced in transcription")
                .orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        List<Observation> history = db.store().history("c-1");
        assertThat(history).extracting(Observation::version).containsExactly(1, 2);
        assertThat(history.get(0).value()).isEqualByComparingTo("0.52");
        assertThat(history.get(1).correctionReason()).isEqualTo("decimal point misplaced in transcription");
        assertThat(history.get(1).recordedBy()).isEqualTo("reviewer1");
        assertThat(db.store()
                        .latest(
                                "gubeikou",
                                Instant.parse("2025-06-01T00:00:00Z"),
                                Instant.parse("2025-07-01T00:00:00Z")))
                .singleElement()
                .satisfies(o -> assertThat(o.value()).isEqualByComparingTo("0.052"));
        // the retry of the original batch is still recognised after the correction
        assertThat(db.store().append("monitor", List.of(original)).unchanged()).containsExactly("c-1");
        assertThat(db.store()
                        .correct("reviewer1", manual("nope", "gubeikou", "2025-06-03T09:00:00+08:00", "TP", "1"), "x"))
                .isEmpty();
    }

    @Test
    void aConstraintFailureOnRowNOfABatchLeavesNothingOfTheBatchStored() {
        // the database is the last line: a manual row without its reviewer breaks observation_manual_is_signed
        // (beijing-monitoring-quality-2018/5.13)
        List<Observation> b = new ArrayList<>(batch("k-", 700));
        Observation unsigned = manual("k-bad", "gubeikou", "2025-06-01T09:00:00+08:00", "TP", "0.05");
        b.add(
                650,
                new Observation(
                        unsigned.id(),
                        0,
                        unsigned.siteId(),
                        unsigned.sampledAt(),
                        Parameter.TP,
                        unsigned.value(),
                        "mg/L",
                        "0.05",
                        "mg/L",
                        false,
                        null,
                        unsigned.source(),
                        null,
                        new Observation.People("张采样", "李分析", null, "赵签字"),
                        null,
                        null,
                        null));
        assertThatThrownBy(() -> db.store().append("monitor", b))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("observation_manual_is_signed");
        assertThat(db.rows()).isZero();
    }

    @Test
    void theDatabaseRefusesACorrectionWithoutReasonAndAStationValueWithoutDevice() {
        db.store().append("monitor", List.of(manual("r-1", "gubeikou", "2025-06-03T09:00:00+08:00", "TP", "0.05")));
        Observation again = manual("r-1", "gubeikou", "2025-06-03T09:00:00+08:00", "TP", "0.06");
        assertThatThrownBy(() -> db.store().correct("monitor", again, null))
                .hasMessageContaining("observation_correction_has_reason");
        Observation station = new Observation(
                "s-1",
                0,
                "gubeikou",
                OffsetDateTime.parse("2025-06-03T09:00:00+08:00"),
                Parameter.TP,
                new BigDecimal("0.05"),
                "mg/L",
                "0.05",
                "mg/L",
                false,
                null,
                new Observation.Source(Observation.Source.AUTOMATIC, null, LocalDate.parse("2025-05-01")),
                null,
                new Observation.People(null, null, null, null),
                null,
                null,
                null);
        assertThatThrownBy(() -> db.store().append("monitor", List.of(station)))
                .hasMessageContaining("observation_automatic_has_device");
        assertThat(db.rows()).isEqualTo(1);
    }
}
