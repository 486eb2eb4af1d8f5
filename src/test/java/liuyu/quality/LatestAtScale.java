package liuyu.quality;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import liuyu.storage.TestDatabase;

/**
 * What {@code GET /quality/targets?year=} costs in SQL over a big store: the latest version of each
 * observation of every section for a year, with the correlated MAX subquery and with NOT EXISTS.
 * {@code LatestAtScale <observations> <sections>}; prints the time of each form, and of the per-parameter sums
 * in SQL ({@link ObservationStore#periodTotals}) that {@code /quality/targets} now reads instead.
 */
final class LatestAtScale {
    static final String MAX_FORM =
            "o.version = (SELECT MAX(v.version) FROM observation v WHERE v.observation_id = o.observation_id)";
    static final String NOT_EXISTS_FORM =
            "NOT EXISTS (SELECT 1 FROM observation v WHERE v.observation_id = o.observation_id AND v.version > o.version)";

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int sites = Integer.parseInt(args[1]);
        TestDatabase db = TestDatabase.h2();
        long t0 = System.nanoTime();
        List<Object[]> rows = new ArrayList<>();
        Instant start =
                OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant();
        for (int i = 0; i < n; i++) {
            int version = i % 50 == 49 ? 2 : 1; // every 50th row is a correction of the row before it
            String id = "o-" + (version == 2 ? i - 1 : i);
            rows.add(new Object[] {
                id,
                version,
                "s-" + (i % sites),
                Timestamp.from(start.plusSeconds(90L * (i / sites))),
                "TP",
                "0.1",
                "mg/L",
                "0.1",
                "mg/L",
                false,
                "synthetic",
                "bench",
                Timestamp.from(start),
                version == 2 ? "corrected" : null
            });
            if (rows.size() == 5000 || i == n - 1) {
                db.jdbc()
                        .batchUpdate(
                                "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value,"
                                        + " unit, reported_value, reported_unit, below_detection_limit, source_kind, recorded_by, recorded_at, correction_reason)"
                                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                rows);
                rows.clear();
            }
        }
        System.out.printf(
                "inserted %d observations at %d sites in %d ms%n", n, sites, (System.nanoTime() - t0) / 1_000_000);
        OffsetDateTime from = start.atOffset(ZoneOffset.UTC);
        OffsetDateTime to = start.plusSeconds(366L * 86400).atOffset(ZoneOffset.UTC);
        for (int round = 0; round < 2; round++) {
            for (String form : new String[] {MAX_FORM, NOT_EXISTS_FORM}) {
                long t = System.nanoTime();
                long total = 0;
                for (int s = 0; s < sites; s++) {
                    total += db.jdbc()
                            .queryForList(
                                    "SELECT o.observation_id, o.measured_value FROM observation o WHERE o.site_id = ?"
                                            + " AND o.sampled_at >= ? AND o.sampled_at < ? AND " + form,
                                    "s-" + s,
                                    from,
                                    to)
                            .size();
                }
                System.out.printf(
                        "round %d %-10s %d rows in %d ms%n",
                        round,
                        form.startsWith("NOT") ? "NOT EXISTS" : "MAX",
                        total,
                        (System.nanoTime() - t) / 1_000_000);
            }
            // what /quality/targets now asks instead: the per-parameter sums of every site, aggregated in SQL
            long t = System.nanoTime();
            ObservationStore.PeriodTotals totals = db.store().periodTotals(start, start.plusSeconds(366L * 86400));
            long counted = totals.totals().stream()
                    .mapToLong(ObservationStore.ParameterTotals::count)
                    .sum();
            System.out.printf(
                    "round %d %-10s %d values summed in %d ms%n",
                    round, "SUMS", counted, (System.nanoTime() - t) / 1_000_000);
        }
    }
}
