package liuyu.stations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import liuyu.quality.Observation;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/** The receiver storing into PostgreSQL (a schema of the throwaway cluster): values, flags, packet log and refusals. */
@Tag("integration")
class PostgresHj212Test {
    @TempDir
    Path dir;

    @Test
    void anHourlyPacketIsStoredAndABadOneRefusedOnPostgresql() throws Exception {
        TestDatabase db = TestDatabase.postgres();
        Path file = dir.resolve("stations.yaml");
        Files.writeString(
                file,
                "stations:\n  - {mn: " + Hj212ReceiverTest.OUTFALL_MN
                        + ", site: syn-of-01, kind: outfall, password: '{bcrypt}"
                        + new BCryptPasswordEncoder(4).encode("out456") + "'}\n");
        StationRegistry registry = StationRegistry.read(
                file, (kind, site) -> Set.of("outfall:syn-of-01").contains(kind + ":" + site));
        PacketLog log = new PacketLog(db.jdbc());
        Hj212Intake intake = new Hj212Intake(
                registry,
                db.store(),
                log,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                Clock.systemUTC());
        try (Hj212Server server = Hj212Server.start(
                        intake,
                        new Hj212Server.Limits(10, Duration.ofSeconds(30), Duration.ofSeconds(5), 2, 100, 5),
                        new InetSocketAddress("127.0.0.1", 0));
                StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(Hj212ReceiverTest.OUTFALL_HOUR.replace("Flag=4", "Flag=5"));
            assertThat(s.answer(10_000)).contains("CN=9014");
            s.sendPacket(Hj212ReceiverTest.OUTFALL_HOUR.replace("w01018", "w99999"));
            assertThat(s.answer(700)).isEmpty();
        }
        List<Observation> stored = db.store()
                .latest("syn-of-01", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(stored).extracting(o -> o.parameter().code()).containsExactly("COD", "NH3-N", "flow");
        assertThat(stored.get(2).value()).isEqualByComparingTo("1080");
        assertThat(stored.get(0).abnormalCause()).isEqualTo("HJ 212 flag M: maintenance (维护)");
        for (int i = 0;
                i < 250
                        && log.of(Hj212ReceiverTest.OUTFALL_MN, null, 10, Long.MAX_VALUE)
                                        .size()
                                < 2;
                i++) {
            Thread.sleep(20);
        }
        assertThat(log.of(Hj212ReceiverTest.OUTFALL_MN, null, 10, Long.MAX_VALUE))
                .extracting(PacketLog.Entry::reason)
                .containsExactly("code", null);
        assertThat(db.rows()).isEqualTo(3);
    }
}
