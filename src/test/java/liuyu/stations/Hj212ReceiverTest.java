package liuyu.stations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import liuyu.quality.Observation;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A station simulator sends HJ 212-2017 packets over TCP to a receiver on a random port, storing into
 * its own in-memory H2 database: hourly data of a section and an outfall with data flags, real-time data,
 * the acknowledgement, retransmissions, and every kind of bad packet and bad connection.
 * Slow connections are waited out for real (seconds), so it runs with the slow tests.
 */
@Tag("integration")
class Hj212ReceiverTest {
    static final String SECTION_MN = "LYTEST000000000000000S01";
    static final String OUTFALL_MN = "LYTEST000000000000000O01";
    static final String SECTION_HOUR =
            "QN=20250612110000123;ST=21;CN=2061;PW=sec123;MN=" + SECTION_MN + ";Flag=5;CP=&&DataTime=20250612100000;"
                    + "w21003-Min=0.38,w21003-Avg=0.42,w21003-Max=0.47,w21003-Flag=N;w21011-Min=0.050,w21011-Avg=0.061,w21011-Max=0.070,w21011-Flag=N;"
                    + "w01001-Avg=7.62,w01001-Flag=N;w01009-Avg=8.4,w01009-Flag=C&&";
    static final String OUTFALL_HOUR =
            "QN=20250612110005000;ST=32;CN=2061;PW=out456;MN=" + OUTFALL_MN + ";Flag=4;CP=&&DataTime=20250612100000;"
                    + "w00000-Avg=12.5,w00000-Flag=N;w01018-Avg=35.2,w01018-Flag=M;w21003-Avg=2.1,w21003-Flag=D&&";

    @TempDir
    Path dir;

    TestDatabase db;
    PacketLog log;
    Hj212Server server;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.h2();
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        Path registry = dir.resolve("stations.yaml");
        Files.writeString(
                registry,
                "stations:\n"
                        + "  - {mn: " + SECTION_MN
                        + ", site: gubeikou, kind: section, method: synthetic, password: '{bcrypt}"
                        + bcrypt.encode("sec123") + "'}\n"
                        + "  - {mn: " + OUTFALL_MN
                        + ", site: syn-of-01, kind: outfall, method: synthetic, password: '{bcrypt}"
                        + bcrypt.encode("out456") + "'}\n");
        StationRegistry stations = StationRegistry.read(
                registry,
                (kind, site) -> Set.of("section:gubeikou", "outfall:syn-of-01").contains(kind + ":" + site));
        log = new PacketLog(db.jdbc());
        Hj212Intake intake = new Hj212Intake(
                stations,
                db.store(),
                log,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                Clock.systemUTC());
        server = Hj212Server.start(
                intake,
                new Hj212Server.Limits(4, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 100, 3),
                new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void hourlyDataOfASectionIsStoredWithItsFlagsAndAcknowledged() throws Exception {
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(SECTION_HOUR);
            String ack = s.answer(5000);
            String data = "QN=20250612110000123;ST=91;CN=9014;PW=sec123;MN=" + SECTION_MN + ";Flag=4;CP=&&&&";
            assertThat(ack)
                    .startsWith("##" + String.format("%04d", data.length()) + data)
                    .endsWith("\r\n")
                    .hasSize(data.length() + 12);
            byte[] d = data.getBytes(StandardCharsets.US_ASCII);
            assertThat(ack.substring(6 + data.length(), 10 + data.length())).isEqualTo(Hj212Crc.hex(d, 0, d.length));
        }
        Map<String, Observation> stored = byParameter("gubeikou");
        assertThat(stored.keySet()).containsExactly("DO", "NH3-N", "TP", "pH");
        assertThat(stored.get("NH3-N").value()).isEqualByComparingTo("0.42");
        assertThat(stored.get("NH3-N").reportedValue()).isEqualTo("0.42");
        assertThat(stored.get("TP").value().toPlainString()).isEqualTo("0.061");
        assertThat(stored.get("pH").value().toPlainString()).isEqualTo("7.62");
        assertThat(stored.get("DO").abnormalCause()).isEqualTo("HJ 212 flag C: calibration (校准)");
        assertThat(stored.get("NH3-N").abnormalCause()).isNull();
        Observation nh3 = stored.get("NH3-N");
        assertThat(nh3.id()).isEqualTo("hj212:" + SECTION_MN + ":2061:20250612100000:w21003");
        assertThat(nh3.sampledAt().toInstant())
                .isEqualTo(OffsetDateTime.parse("2025-06-12T10:00:00+08:00").toInstant());
        assertThat(nh3.source()).isEqualTo(new Observation.Source("hj212", SECTION_MN, null));
        assertThat(nh3.method()).isEqualTo("HJ 212-2017 hourly data (CN=2061, Avg; Min 0.38; Max 0.47)");
        assertThat(nh3.recordedBy()).isEqualTo("hj212:" + SECTION_MN);
        // the raw packet, kept with the password masked, is the one that brought the value
        PacketLog.Entry packet = log.packetOf(nh3.id()).orElseThrow();
        assertThat(packet.outcome()).isEqualTo("stored");
        assertThat(packet.observations()).isEqualTo(4);
        assertThat(packet.siteId()).isEqualTo("gubeikou");
        assertThat(packet.qn()).isEqualTo("20250612110000123");
        String sent = new String(Hj212Intake.frame(SECTION_HOUR), StandardCharsets.US_ASCII);
        assertThat(packet.raw()).isEqualTo(sent.substring(0, sent.length() - 2).replace("PW=sec123", "PW=******"));
    }

    @Test
    void anOutfallsFlowIsConvertedToCubicMetresADayAndItsFlagsBecomeCauses() throws Exception {
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(OUTFALL_HOUR);
            assertThat(s.answer(700)).as("Flag=4 asks for no answer").isEmpty();
        }
        awaitLog(OUTFALL_MN, "stored");
        Map<String, Observation> stored = byParameter("syn-of-01");
        // 12.5 L/s × 86,400 s/d ÷ 1,000 L/m³ = 1,080 m³/d
        assertThat(stored.get("flow").value()).isEqualByComparingTo("1080");
        assertThat(stored.get("flow").reportedValue()).isEqualTo("12.5");
        assertThat(stored.get("flow").reportedUnit()).isEqualTo("L/s");
        assertThat(stored.get("flow").unit()).isEqualTo("m³/d");
        assertThat(stored.get("COD").abnormalCause()).isEqualTo("HJ 212 flag M: maintenance (维护)");
        assertThat(stored.get("NH3-N").abnormalCause()).isEqualTo("HJ 212 flag D: instrument fault (故障)");
        assertThat(stored.get("flow").abnormalCause()).isNull();
    }

    @Test
    void realTimeDataTakesTheRtdValueAndARetransmissionStoresNothingTwice() throws Exception {
        String realtime = "QN=20250612100130000;ST=21;CN=2011;PW=sec123;MN=" + SECTION_MN
                + ";Flag=5;CP=&&DataTime=20250612100100;"
                + "w21003-Rtd=0.40,w21003-Flag=N;w01010-Rtd=-0.3,w01010-Flag=N&&";
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(realtime);
            assertThat(s.answer(5000)).contains("CN=9014");
            s.sendPacket(realtime);
            assertThat(s.answer(5000))
                    .as("a repeat is acknowledged again, so the station stops resending")
                    .contains("CN=9014");
        }
        assertThat(db.rows()).isEqualTo(2);
        Map<String, Observation> stored = byParameter("gubeikou");
        assertThat(stored.get("NH3-N").value().toPlainString()).isEqualTo("0.40");
        assertThat(stored.get("NH3-N").method()).isEqualTo("HJ 212-2017 real-time value (CN=2011, Rtd)");
        assertThat(stored.get("water-temperature").value().toPlainString()).isEqualTo("-0.3");
        assertThat(log.of(SECTION_MN, null, 10, Long.MAX_VALUE))
                .extracting(PacketLog.Entry::outcome)
                .containsExactly("repeated", "stored");
    }

    @Test
    void aCrcMismatchIsRefusedLoggedUnderItsMnAndTheConnectionGoesOn() throws Exception {
        byte[] bad = Hj212Intake.frame(SECTION_HOUR);
        bad[bad.length - 3] = (byte) (bad[bad.length - 3] == '0' ? '1' : '0');
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(bad);
            assertThat(s.answer(700)).isEmpty();
            s.sendPacket(SECTION_HOUR);
            assertThat(s.answer(5000)).contains("CN=9014");
        }
        List<PacketLog.Entry> entries = log.of(SECTION_MN, null, 10, Long.MAX_VALUE);
        assertThat(entries).extracting(PacketLog.Entry::outcome).containsExactly("stored", "refused");
        assertThat(entries.get(1).reason()).isEqualTo("crc");
        assertThat(db.rows()).isEqualTo(4);
    }

    @Test
    void eachBadPacketIsRefusedLoggedAndStoresNothing() throws Exception {
        String unknownCode = SECTION_HOUR
                .replace("QN=20250612110000123", "QN=20250612110000124")
                .replace("w01009", "w99999");
        String future = SECTION_HOUR.replace("DataTime=20250612100000", "DataTime=20991231230000");
        String split = SECTION_HOUR.replace("Flag=5", "Flag=7;PNUM=2;PNO=3");
        String negative = SECTION_HOUR.replace("w21003-Avg=0.42", "w21003-Avg=-0.42");
        String conflicting = SECTION_HOUR.replace("w21003-Avg=0.42", "w21003-Avg=0.43");
        String oldVersion = SECTION_HOUR.replace("Flag=5", "Flag=1");
        String noValue = SECTION_HOUR.replace("w21003-Avg=0.42,", "");
        String command = SECTION_HOUR.replace("CN=2061", "CN=3020");
        String badFlag = SECTION_HOUR.replace("w21003-Flag=N", "w21003-Flag=X");
        record Case(String packet, String reason) {}
        List<Case> cases = List.of(
                new Case(unknownCode, "code"),
                new Case(future, "time"),
                new Case(split, "syntax"),
                new Case(negative, "value"),
                new Case(oldVersion, "syntax"),
                new Case(noValue, "value"),
                new Case(command, "command"),
                new Case(badFlag, "value"));
        for (Case c : cases) {
            try (StationSimulator s = new StationSimulator(server.port())) {
                s.sendPacket(c.packet());
                assertThat(s.answer(500)).as(c.reason()).isEmpty();
            }
        }
        List<String> reasons = new ArrayList<>();
        for (PacketLog.Entry e : awaitLog(SECTION_MN, "refused", cases.size())) {
            reasons.add(e.reason());
        }
        assertThat(reasons)
                .containsExactlyInAnyOrderElementsOf(
                        cases.stream().map(Case::reason).toList());
        assertThat(db.rows()).isZero();
        // the values as first sent are stored; the same ids with another value are refused, the stored ones stay
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(SECTION_HOUR);
            assertThat(s.answer(5000)).contains("CN=9014");
            s.sendPacket(conflicting);
            assertThat(s.answer(700)).isEmpty();
        }
        assertThat(awaitLog(SECTION_MN, "refused", cases.size() + 1).get(0).reason())
                .isEqualTo("conflict");
        assertThat(byParameter("gubeikou").get("NH3-N").value().toPlainString()).isEqualTo("0.42");
    }

    @Test
    void anUnknownMnOrAWrongPasswordClosesTheConnection() throws Exception {
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(SECTION_HOUR.replace(SECTION_MN, "LYTEST000000000000000X99"));
            assertThat(s.closedWithin(5000)).isTrue();
        }
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(SECTION_HOUR.replace("PW=sec123", "PW=guess1"));
            assertThat(s.closedWithin(5000)).isTrue();
        }
        assertThat(awaitLog("LYTEST000000000000000X99", "refused", 1).get(0).reason())
                .isEqualTo("unknown-mn");
        PacketLog.Entry wrong = awaitLog(SECTION_MN, "refused", 1).get(0);
        assertThat(wrong.reason()).isEqualTo("password");
        assertThat(wrong.raw()).contains("PW=******;").doesNotContain("guess1");
        assertThat(db.rows()).isZero();
    }

    @Test
    void framingErrorsCloseTheConnectionAndAreLogged() throws Exception {
        String shortLength = "##0090" + SECTION_HOUR.substring(0, 100) + "ABCD\r\n";
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send("HELLO\r\n");
            assertThat(s.closedWithin(3000)).isTrue();
        }
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send("##2000QN=1");
            assertThat(s.closedWithin(3000)).isTrue();
        }
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(shortLength);
            assertThat(s.closedWithin(3000)).isTrue();
        }
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send("##01x0");
            assertThat(s.closedWithin(3000)).isTrue();
        }
        List<PacketLog.Entry> entries = awaitUnattributed(4);
        assertThat(entries)
                .extracting(PacketLog.Entry::reason)
                .containsExactlyInAnyOrder("header", "oversized", "length", "length");
        assertThat(entries).extracting(PacketLog.Entry::raw).contains("HELLO\\x0D\\x0A", "##2000QN=1");
        assertThat(db.rows()).isZero();
    }

    @Test
    void aSlowPacketAndASilentConnectionAreCutAndLogged() throws Exception {
        long started = System.nanoTime();
        try (StationSimulator slow = new StationSimulator(server.port());
                StationSimulator silent = new StationSimulator(server.port())) {
            slow.send(new String(Hj212Intake.frame(SECTION_HOUR), StandardCharsets.US_ASCII).substring(0, 50));
            assertThat(slow.closedWithin(5000)).isTrue();
            assertThat(silent.closedWithin(6000)).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(awaitUnattributed(2)).extracting(PacketLog.Entry::reason).containsExactlyInAnyOrder("slow", "idle");
    }

    @Test
    void aSlowPacketAfterAGoodOneIsLoggedUnderTheStationItProved() throws Exception {
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.sendPacket(SECTION_HOUR);
            assertThat(s.answer(5000)).contains("CN=9014");
            s.send("##0200QN=2025");
            assertThat(s.closedWithin(5000)).isTrue();
        }
        PacketLog.Entry slow = awaitLog(SECTION_MN, "refused", 1).get(0);
        assertThat(slow.reason()).isEqualTo("slow");
        assertThat(slow.siteId()).isEqualTo("gubeikou");
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnceAndTheListenerGoesOn() throws Exception {
        List<StationSimulator> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(new StationSimulator(server.port()));
            }
            for (int i = 0; i < 50 && server.connections() < 4; i++) {
                Thread.sleep(20);
            }
            assertThat(server.connections()).isEqualTo(4);
            try (StationSimulator fifth = new StationSimulator(server.port())) {
                assertThat(fifth.closedWithin(3000)).isTrue();
            }
            held.get(0).sendPacket(SECTION_HOUR);
            assertThat(held.get(0).answer(5000)).contains("CN=9014");
        } finally {
            for (StationSimulator s : held) {
                s.close();
            }
        }
    }

    @Test
    void repeatedRefusalsCloseTheConnection() throws Exception {
        try (StationSimulator s = new StationSimulator(server.port())) {
            for (int i = 0; i < 3; i++) {
                s.sendPacket(SECTION_HOUR.replace("w01009", "w99999"));
            }
            assertThat(s.closedWithin(5000)).isTrue();
        }
        assertThat(awaitLog(SECTION_MN, "refused", 3))
                .extracting(PacketLog.Entry::reason)
                .containsOnly("code");
    }

    @Test
    void bytesOutsideAsciiAreRefusedAndLoggedEscaped() throws Exception {
        byte[] data =
                SECTION_HOUR.replace("w21003-Flag=N", "w21003-Flag=\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        byte[] frame = new byte[data.length + 12];
        byte[] head = ("##" + String.format("%04d", data.length)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, frame, 0, 6);
        System.arraycopy(data, 0, frame, 6, data.length);
        System.arraycopy(
                (Hj212Crc.hex(data, 0, data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                0,
                frame,
                6 + data.length,
                6);
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(frame);
            assertThat(s.answer(500)).isEmpty();
        }
        PacketLog.Entry e = awaitLog(SECTION_MN, "refused", 1).get(0);
        assertThat(e.reason()).isEqualTo("syntax");
        assertThat(e.siteId()).as("the MN as sent, not verified: no site").isNull();
        assertThat(e.raw()).contains("w21003-Flag=\\xE9");
    }

    private Map<String, Observation> byParameter(String site) {
        Map<String, Observation> out = new TreeMap<>();
        for (Observation o : db.store()
                .latest(
                        site,
                        OffsetDateTime.parse("2000-01-01T00:00:00Z").toInstant(),
                        OffsetDateTime.parse("2100-01-01T00:00:00Z").toInstant())) {
            out.put(o.parameter().code(), o);
        }
        return out;
    }

    private PacketLog.Entry awaitLog(String mn, String outcome) throws InterruptedException {
        return awaitLog(mn, outcome, 1).get(0);
    }

    /** The station's entries with this outcome, newest first, once there are {@code n}. */
    private List<PacketLog.Entry> awaitLog(String mn, String outcome, int n) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            List<PacketLog.Entry> got = log.of(mn, outcome, 100, Long.MAX_VALUE);
            if (got.size() >= n) {
                assertThat(got).hasSize(n);
                return got;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + n + " '" + outcome + "' entries for " + mn + ": "
                + log.of(mn, null, 100, Long.MAX_VALUE));
    }

    private List<PacketLog.Entry> awaitUnattributed(int n) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            List<PacketLog.Entry> got = log.withoutStation(100);
            if (got.size() >= n) {
                assertThat(got).hasSize(n);
                return got;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + n + " entries without a station: " + log.withoutStation(100));
    }
}
