package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import liuyu.storage.ObservationKeys;
import liuyu.storage.ObservationPartitions;
import liuyu.storage.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Observations partitioned by month on PostgreSQL (V30_1): where rows land is read from PostgreSQL itself ({@code
 * tableoid}), and the keys stay unique across months.
 */
@Tag("integration")
class ObservationPartitionsTest {
    final TestDatabase db = TestDatabase.postgis();

    /** Observation id → the table PostgreSQL stored it in. */
    static Map<String, String> placement(JdbcTemplate jdbc) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.query(
                "SELECT observation_id, version, tableoid::regclass::text AS part FROM observation ORDER BY observation_id, version",
                rs -> {
                    out.put(rs.getString("observation_id") + "/v" + rs.getInt("version"), rs.getString("part"));
                });
        return out;
    }

    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void rowsLandInTheirMonthsPartitionAndAMonthWithoutOneWaitsInTheDefault() {
        db.store()
                .append(
                        "monitor",
                        List.of(
                                ObservationStoreTest.manual(
                                        "jun", "gubeikou", "2025-06-10T09:00:00+08:00", "NH3-N", "0.3"),
                                // 08:00 Beijing time on 1 July is still June in UTC, the partitions' calendar
                                ObservationStoreTest.manual(
                                        "jun-edge", "gubeikou", "2025-07-01T07:59:59+08:00", "NH3-N", "0.3"),
                                ObservationStoreTest.manual(
                                        "jul", "gubeikou", "2025-07-01T08:00:00+08:00", "NH3-N", "0.3")));
        assertThat(placement(db.jdbc()))
                .containsExactly(
                        Map.entry("jul/v1", "observation_default"),
                        Map.entry("jun/v1", "observation_default"),
                        Map.entry("jun-edge/v1", "observation_default"));

        // the service's check in June 2025, one month ahead: June's rows move out of the default, July's follow
        assertThat(new ObservationPartitions(db.jdbc(), 1, at("2025-06-15T00:00:00Z")).ensure())
                .containsExactly("observation_2025m06", "observation_2025m07");
        assertThat(placement(db.jdbc()))
                .containsExactly(
                        Map.entry("jul/v1", "observation_2025m07"),
                        Map.entry("jun/v1", "observation_2025m06"),
                        Map.entry("jun-edge/v1", "observation_2025m06"));

        // a correction and a new row go straight to their month; rows are read back as before
        assertThat(db.store()
                        .correct(
                                "reviewer",
                                ObservationStoreTest.manual(
                                        "jun", "gubeikou", "2025-06-10T09:00:00+08:00", "NH3-N", "0.4"),
                                "transcription error")
                        .orElseThrow()
                        .version())
                .isEqualTo(2);
        assertThat(placement(db.jdbc())).containsEntry("jun/v2", "observation_2025m06");
        assertThat(db.store().history("jun")).hasSize(2);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM observation_key", Integer.class))
                .isEqualTo(4);
    }

    /**
     * The store asks an id's versions of the key table where the observations are partitioned (one index instead of
     * one per month), of the observation table elsewhere; the key table holds exactly the table's (id, version) pairs
     * — the oracle is the observation table itself — after rows in a month without a partition, a correction that
     * moves a sample to another month, the default partition's rows moved into their month, and a purge.
     */
    @Test
    void versionsAreAskedOfTheKeyTableWhichHoldsExactlyTheTablesPairs() {
        assertThat(ObservationKeys.relation(db.jdbc())).isEqualTo("observation_key");
        assertThat(ObservationKeys.relation(TestDatabase.h2().jdbc())).isEqualTo("observation");
        assertThat(ObservationKeys.relation(TestDatabase.postgres().jdbc()))
                .as("PostgreSQL without the postgis migrations: one table")
                .isEqualTo("observation");
        db.store()
                .append(
                        "monitor",
                        List.of(
                                ObservationStoreTest.manual("a", "gubeikou", "2025-06-10T09:00:00+08:00", "TP", "0.1"),
                                ObservationStoreTest.manual("b", "gubeikou", "2025-06-11T09:00:00+08:00", "TP", "0.2"),
                                ObservationStoreTest.manual(
                                        "c", "gubeikou", "2025-08-11T09:00:00+08:00", "TP", "0.3")));
        assertThat(db.store()
                        .correct(
                                "reviewer",
                                ObservationStoreTest.manual("a", "gubeikou", "2025-09-01T09:00:00+08:00", "TP", "0.15"),
                                "sampling date mistyped")
                        .orElseThrow()
                        .version())
                .isEqualTo(2);
        new ObservationPartitions(db.jdbc(), 0, at("2025-06-15T00:00:00Z")).ensure();
        new ObservationPartitions(db.jdbc(), 0, at("2025-09-15T00:00:00Z")).ensure();
        db.jdbc().update("DELETE FROM observation WHERE observation_id = 'b'");
        assertThat(placement(db.jdbc()))
                .containsExactly(
                        Map.entry("a/v1", "observation_2025m06"),
                        Map.entry("a/v2", "observation_2025m09"),
                        Map.entry("c/v1", "observation_default"));
        String pairs = "SELECT observation_id || '/' || version FROM %s ORDER BY 1";
        assertThat(db.jdbc().queryForList(pairs.formatted("observation_key"), String.class))
                .isEqualTo(db.jdbc().queryForList(pairs.formatted("observation"), String.class));
        // the latest version is a's second, in September: June's question no longer holds it, September's does
        assertThat(db.store()
                        .latest(
                                "gubeikou",
                                Instant.parse("2025-06-01T00:00:00Z"),
                                Instant.parse("2025-07-01T00:00:00Z")))
                .isEmpty();
        assertThat(db.store()
                        .latest(
                                "gubeikou",
                                Instant.parse("2025-08-01T00:00:00Z"),
                                Instant.parse("2025-10-01T00:00:00Z")))
                .extracting(o -> o.id() + "/v" + o.version())
                .containsExactly("c/v1", "a/v2");
    }

    @Test
    void theServiceCreatesThisMonthAndTheNextOnesAndIsIdempotent() {
        ObservationPartitions partitions = new ObservationPartitions(db.jdbc(), 3, at("2031-11-20T12:00:00Z"));
        List<String> names =
                List.of("observation_2031m11", "observation_2031m12", "observation_2032m01", "observation_2032m02");
        assertThat(partitions.ensure()).isEqualTo(names);
        assertThat(partitions.ensure()).as("again: nothing new").isEqualTo(names);
        assertThat(db.jdbc()
                        .queryForList(
                                "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                        + " WHERE i.inhparent = 'observation'::regclass AND c.relname LIKE 'observation_203%'"
                                        + " ORDER BY 1",
                                String.class))
                .isEqualTo(names);
        db.store()
                .append(
                        "monitor",
                        List.of(ObservationStoreTest.manual(
                                "feb", "gubeikou", "2032-02-29T23:00:00Z", "NH3-N", "0.3")));
        assertThat(placement(db.jdbc())).containsEntry("feb/v1", "observation_2032m02");
    }

    @Test
    void anIdAndVersionStayUniqueAcrossMonthsSoRetriesAndRacesBehaveAsBefore() {
        Observation june = ObservationStoreTest.manual("once", "gubeikou", "2025-06-10T09:00:00+08:00", "TP", "0.1");
        new ObservationPartitions(db.jdbc(), 0, at("2025-06-15T00:00:00Z")).ensure();
        assertThat(db.store().append("monitor", List.of(june)).stored()).containsExactly("once");
        assertThat(db.store().append("monitor", List.of(june)).unchanged())
                .as("a retry stores nothing")
                .containsExactly("once");
        // the same id sent again with another month: a conflict, as on one table
        Observation september =
                ObservationStoreTest.manual("once", "gubeikou", "2025-09-10T09:00:00+08:00", "TP", "0.1");
        assertThatThrownBy(() -> db.store().append("monitor", List.of(september)))
                .isInstanceOf(ObservationConflictException.class);
        // and a writer that skips the store's check (a race) meets the unique key, whatever partition its row is for
        assertThatThrownBy(() -> db.jdbc()
                        .update("INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code,"
                                + " measured_value, unit, reported_value, reported_unit, below_detection_limit, source_kind,"
                                + " recorded_by, recorded_at) VALUES ('once', 1, 'gubeikou', TIMESTAMPTZ '2025-09-10 01:00Z',"
                                + " 'TP', '0.1', 'mg/L', '0.1', 'mg/L', false, 'synthetic', 'racer', now())"))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(db.rows()).isEqualTo(1);
        assertThatThrownBy(() -> db.jdbc().update("UPDATE observation SET version = 7 WHERE observation_id = 'once'"))
                .hasMessageContaining("never change");
        // the synthetic purge deletes rows: their keys go with them
        db.jdbc().update("DELETE FROM observation WHERE observation_id = 'once'");
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM observation_key", Integer.class))
                .isZero();
        assertThat(db.store().append("monitor", List.of(september)).stored()).containsExactly("once");
    }

    @Test
    void rowsWrittenBeforeTheMigrationKeepTheirRecordIdsInTheirMonths() {
        PostgisCluster cluster = PostgisCluster.shared();
        DataSource ds = new DriverManagerDataSource(cluster.newDatabase(), cluster.user(), "");
        Flyway.configure()
                .dataSource(ds)
                .locations(Migrations.RECORDS, Migrations.LAYERS)
                .target("27.1")
                .load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        for (String[] row :
                new String[][] {{"a", "2024-12-31 23:30Z"}, {"b", "2025-01-01 00:30Z"}, {"c", "2025-01-20Z"}}) {
            jdbc.update(
                    "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value,"
                            + " unit, reported_value, reported_unit, below_detection_limit, source_kind, recorded_by, recorded_at)"
                            + " VALUES (?, 1, 'gubeikou', ?::timestamptz, 'TP', '0.1', 'mg/L', '0.1', 'mg/L', false, 'synthetic',"
                            + " 'demo-generator', now())",
                    row[0],
                    row[1]);
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        jdbc.query("SELECT observation_id, record_id FROM observation ORDER BY 1", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        Migrations.postgis(ds).migrate();
        assertThat(placement(jdbc))
                .containsExactly(
                        Map.entry("a/v1", "observation_2024m12"),
                        Map.entry("b/v1", "observation_2025m01"),
                        Map.entry("c/v1", "observation_2025m01"));
        Map<String, Long> after = new LinkedHashMap<>();
        jdbc.query("SELECT observation_id, record_id FROM observation ORDER BY 1", rs -> {
            after.put(rs.getString(1), rs.getLong(2));
        });
        assertThat(after).isEqualTo(ids);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM observation_key", Integer.class))
                .isEqualTo(3);
        jdbc.update(
                "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value,"
                        + " unit, reported_value, reported_unit, below_detection_limit, source_kind, recorded_by, recorded_at)"
                        + " VALUES ('d', 1, 'gubeikou', now(), 'TP', '0.1', 'mg/L', '0.1', 'mg/L', false, 'synthetic', 'x', now())");
        assertThat(jdbc.queryForObject("SELECT record_id FROM observation WHERE observation_id = 'd'", Long.class))
                .as("the sequence continues after the rows kept")
                .isGreaterThan(ids.get("c"));
        assertThat(jdbc.queryForObject(
                        "SELECT tableoid::regclass::text FROM observation WHERE observation_id = 'd'", String.class))
                .as("this month's partition was made by the migration")
                .isNotEqualTo("observation_default");
    }
}
