package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * purge-synthetic on a records database holding a demo run's records beside real ones, on embedded H2 (through
 * --records-dir, as the service lays it out) and on PostgreSQL (the throwaway cluster): exactly the records
 * labelled synthetic go, everything else stays.
 */
@Tag("integration")
class PurgeSyntheticCommandTest {
    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = PurgeSyntheticCommand.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Two synthetic observations and one signed manual one; outfall syn-1 synthetic in both versions, real-1 surveyed,
     * resurveyed-1 synthetic at first and surveyed since (its latest version is what it is now: kept).
     */
    static void fill(JdbcTemplate db) {
        String obs =
                "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value, unit,"
                        + " reported_value, reported_unit, below_detection_limit, source_kind, sampler, analyst, reviewer, signatory, recorded_by,"
                        + " recorded_at) VALUES (?, 1, 'gubeikou', TIMESTAMP WITH TIME ZONE '2025-06-05 09:30:00+08:00', 'TP', '0.1', 'mg/L',"
                        + " '0.1', 'mg/L', false, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)";
        db.update(obs, "syn-gubeikou-2025-06-TP", "synthetic", null, null, null, null, "demo-generator");
        db.update(obs, "syn-gubeikou-2025-07-TP", "synthetic", null, null, null, null, "demo-generator");
        db.update(obs, "real-1", "manual", "张三", "李四", "王五", "赵六", "monitor");
        String outfall =
                "INSERT INTO outfall (outfall_id, version, name_zh, outfall_type, lon, lat, normally_flowing, details, method,"
                        + " source, licence, accuracy, authoritative, edited_by, edited_at) VALUES (?, ?, '排口', 'industrial', 116.9, 40.4, true,"
                        + " '{}', ?, 's', 'l', 'a', false, 'atlas-import', CURRENT_TIMESTAMP)";
        String event =
                "INSERT INTO outfall_event (outfall_id, seq, to_state, reason, evidence, occurred_on, actor, recorded_at)"
                        + " VALUES (?, ?, 'ledgered', 'r', '[]', DATE '2022-12-31', 'atlas-import', CURRENT_TIMESTAMP)";
        for (Object[] v : List.of(
                new Object[] {"syn-1", 1, "synthetic"},
                new Object[] {"syn-1", 2, "synthetic"},
                new Object[] {"real-1", 1, "surveyed"},
                new Object[] {"resurveyed-1", 1, "synthetic"},
                new Object[] {"resurveyed-1", 2, "surveyed"})) {
            db.update(outfall, v);
        }
        for (String id : List.of("syn-1", "real-1", "resurveyed-1")) {
            db.update(event, id, 1);
            db.update(event, id, 2);
        }
    }

    static void assertPurged(JdbcTemplate db, Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "removed 2 synthetic observations, 1 synthetic outfall-ledger records (2 versions, 2 lifecycle events)");
        assertThat(db.queryForList("SELECT observation_id FROM observation ORDER BY observation_id", String.class))
                .containsExactly("real-1");
        assertThat(db.queryForList(
                        "SELECT outfall_id || '@' || version FROM outfall ORDER BY outfall_id, version", String.class))
                .containsExactly("real-1@1", "resurveyed-1@1", "resurveyed-1@2");
        assertThat(db.queryForList("SELECT DISTINCT outfall_id FROM outfall_event ORDER BY outfall_id", String.class))
                .containsExactly("real-1", "resurveyed-1");
        assertThat(db.queryForObject("SELECT count(*) FROM outfall_event", Integer.class))
                .isEqualTo(4);
    }

    @Test
    void onTheEmbeddedH2RecordsItRemovesExactlyTheSyntheticRecords() throws Exception {
        Path dir = Files.createTempDirectory("purge-h2");
        String url = PurgeSyntheticCommand.h2Url(dir.toString()).replace(";IFEXISTS=TRUE", "");
        // one connection held open for the whole test: the database stays open in this JVM while the command uses it
        SingleConnectionDataSource ds = new SingleConnectionDataSource(url, "sa", "", true);
        Flyway.configure().dataSource(ds).locations(Migrations.RECORDS).load().migrate();
        JdbcTemplate db = new JdbcTemplate(ds);
        fill(db);

        Run dry = run("--records-dir=" + dir, "--dry-run");
        assertThat(dry.out())
                .contains("would remove 2 synthetic observations, 1 synthetic outfall-ledger records")
                .contains("nothing removed");
        assertThat(db.queryForObject("SELECT count(*) FROM observation", Integer.class))
                .isEqualTo(3);

        assertPurged(db, run("--records-dir=" + dir));
        assertThat(run("--records-dir=" + dir).out())
                .as("a second run finds nothing")
                .contains("removed 0 synthetic observations, 0 synthetic outfall-ledger records");
        ds.destroy();
    }

    @Test
    void onPostgresqlItRemovesExactlyTheSyntheticRecords() {
        PostgisCluster cluster = PostgisCluster.shared();
        String url = cluster.newDatabase();
        DriverManagerDataSource ds = new DriverManagerDataSource(url, cluster.user(), "");
        Migrations.postgis(ds).migrate();
        JdbcTemplate db = new JdbcTemplate(ds);
        fill(db);
        assertPurged(db, run("--db-url=" + url, "--db-user=" + cluster.user()));
    }

    @Test
    void withoutADatabaseItSaysWhatItNeeds() {
        Run r = run();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--db-url=jdbc:postgresql://").contains("--records-dir=");
        assertThat(run("--records-dir=/nonexistent/liuyu-records").exit())
                .as("H2 does not create a database to purge")
                .isEqualTo(1);
    }
}
