package liuyu.stations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import liuyu.geo.Decimals;
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
 * The receiver's exchanges beyond one whole packet per read, over a real socket into its own in-memory H2:
 * TCP stream framing (a packet cut across reads, several packets in one write), split messages (HJ 212-2017
 * 6.3.3 Flag bit D with PNUM/PNO, Appendix C), the period's -Min/-Max/-Cou, the station's time-calibration
 * request (CN 1013) answered with the set-time command (CN 1012), and the platform's commands with the
 * station's answers (9011 QnRtn, 9012 ExeRtn, 1011 SystemTime). Command codes and fields as listed in the
 * standard's command table (HJ 212-2017 6.6, Appendix C examples), read in the standard's text as published at
 * renrendoc.com/paper/339992608.html and pdfslide.us (HJ 212-2017 PDF): the CN list (1011/1012/1013, 2011/2012,
 * 9011–9014), Flag bit D with PNUM/PNO. The QnRtn/ExeRtn meanings are the standard's tables as logged, not checked here. Every expected packet is written out by
 * hand here and its CRC computed by {@link #crc}, written apart from {@link Hj212Crc}.
 */
@Tag("integration")
class Hj212ExchangeTest {
    static final String MN = "LYTEST000000000000000S01";
    static final String OUT = "LYTEST000000000000000O01";
    /** 2025-06-12 11:00:05 in Beijing. */
    static final Instant NOW = Instant.parse("2025-06-12T03:00:05Z");

    static final String HOUR = "QN=20250612110000123;ST=21;CN=2061;PW=sec123;MN=" + MN
            + ";Flag=5;CP=&&DataTime=20250612100000;w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.061,w21011-Flag=N&&";

    @TempDir
    Path dir;

    TestDatabase db;
    PacketLog log;
    Hj212Intake intake;
    Hj212Server server;
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.h2();
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        Path registry = dir.resolve("stations.yaml");
        Files.writeString(
                registry,
                "stations:\n"
                        + "  - {mn: " + MN + ", site: gubeikou, kind: section, method: synthetic, password: '{bcrypt}"
                        + bcrypt.encode("sec123") + "'}\n"
                        + "  - {mn: " + OUT + ", site: syn-of-01, kind: outfall, method: synthetic, password: '{bcrypt}"
                        + bcrypt.encode("out456") + "'}\n");
        StationRegistry stations = StationRegistry.read(
                registry,
                (kind, site) -> Set.of("section:gubeikou", "outfall:syn-of-01").contains(kind + ":" + site));
        log = new PacketLog(db.jdbc());
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        intake = new Hj212Intake(
                stations,
                db.store(),
                log,
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                clock,
                new SplitMessages.Limits(4, 2, Duration.ofSeconds(60)));
        server = Hj212Server.start(
                intake,
                new Hj212Server.Limits(8, Duration.ofSeconds(30), Duration.ofSeconds(5), 2, 100, 10),
                new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aPacketCutAcrossReadsIsFramedWhole() throws Exception {
        byte[] packet = framed(HOUR);
        try (StationSimulator s = new StationSimulator(server.port())) {
            // "##0", then up to the middle of the data, then the rest with the CRC and CRLF: three reads at least
            s.send(slice(packet, 0, 3));
            Thread.sleep(150);
            s.send(slice(packet, 3, 80));
            Thread.sleep(150);
            assertThat(db.rows()).as("nothing before the packet is complete").isZero();
            s.send(slice(packet, 80, packet.length));
            assertThat(s.answer(5000)).isEqualTo(ack("20250612110000123", "sec123", MN));
        }
        assertThat(values("gubeikou")).containsExactly(Map.entry("NH3-N", "0.42"), Map.entry("TP", "0.061"));
    }

    @Test
    void severalPacketsInOneWriteAreEachStoredAndAnsweredInOrder() throws Exception {
        String second = HOUR.replace("110000123", "120000123")
                .replace("DataTime=20250612100000", "DataTime=20250612110000")
                .replace("w21003-Avg=0.42", "w21003-Avg=0.44");
        String third = HOUR.replace("110000123", "100000123")
                .replace("DataTime=20250612100000", "DataTime=20250612090000")
                .replace("w21003-Avg=0.42", "w21003-Avg=0.40");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(framed(HOUR));
        stream.writeBytes(framed(second));
        byte[] last = framed(third);
        stream.writeBytes(slice(last, 0, 50)); // the third begins in the same write and ends in the next
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(stream.toByteArray());
            assertThat(s.answer(5000)).isEqualTo(ack("20250612110000123", "sec123", MN));
            assertThat(s.answer(5000)).isEqualTo(ack("20250612120000123", "sec123", MN));
            assertThat(s.answer(300)).as("the third is not complete yet").isEmpty();
            s.send(slice(last, 50, last.length));
            assertThat(s.answer(5000)).isEqualTo(ack("20250612100000123", "sec123", MN));
        }
        List<PacketLog.Entry> stored = log.of(MN, PacketLog.STORED, 10, Long.MAX_VALUE);
        assertThat(stored)
                .extracting(PacketLog.Entry::qn)
                .containsExactly("20250612100000123", "20250612120000123", "20250612110000123");
        assertThat(db.rows()).isEqualTo(6);
        assertThat(db.store().history("hj212:" + MN + ":2061:20250612110000:w21003"))
                .extracting(Observation::reportedValue)
                .containsExactly("0.44");
    }

    @Test
    void aSplitMessageIsStoredOnlyOnceAllItsPartsHaveArrived() throws Exception {
        String head = "QN=20250612110000500;ST=21;CN=2061;PW=sec123;MN=" + MN + ";Flag=7;PNUM=3;PNO=";
        String p1 = head + "1;CP=&&DataTime=20250612100000;w21003-Avg=0.42,w21003-Flag=N&&";
        String p2 = head + "2;CP=&&DataTime=20250612100000;w21011-Avg=0.061,w21011-Flag=N&&";
        String p3 = head + "3;CP=&&DataTime=20250612100000;w01001-Avg=7.62,w01001-Flag=N&&";
        String ack = ack("20250612110000500", "sec123", MN);
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(framed(p3)); // out of order
            assertThat(s.answer(5000)).as("each part is acknowledged").isEqualTo(ack);
            s.send(framed(p1));
            assertThat(s.answer(5000)).isEqualTo(ack);
            assertThat(db.rows()).as("two parts of three store nothing").isZero();
            s.send(framed(p2));
            assertThat(s.answer(5000)).isEqualTo(ack);
        }
        assertThat(values("gubeikou"))
                .containsExactly(Map.entry("NH3-N", "0.42"), Map.entry("TP", "0.061"), Map.entry("pH", "7.62"));
        List<PacketLog.Entry> parts = log.of(MN, PacketLog.PART, 10, Long.MAX_VALUE);
        assertThat(parts)
                .extracting(PacketLog.Entry::detail)
                .containsExactly(
                        "PNO 1 of 3, kept until the others arrive", "PNO 3 of 3, kept until the others arrive");
        assertThat(parts.get(1).raw()).isEqualTo(unframed(p3).replace("PW=sec123", "PW=******"));
        PacketLog.Entry whole = log.of(MN, PacketLog.STORED, 10, Long.MAX_VALUE).get(0);
        assertThat(whole.observations()).isEqualTo(3);
        assertThat(whole.detail()).isEqualTo("joined from 3 parts (PNO 1–3, logged as 'part')");
        assertThat(log.packetOf("hj212:" + MN + ":2061:20250612100000:w01001")
                        .orElseThrow()
                        .id())
                .isEqualTo(whole.id());
    }

    @Test
    void splitMessagesBreakingALimitOrDisagreeingAreRefusedWholeAndStoreNothing() throws Exception {
        String head = "ST=21;CN=2061;PW=sec123;MN=" + MN + ";Flag=6;";
        String cp1 = ";CP=&&DataTime=20250612100000;w21003-Avg=0.42&&";
        String cp2 = ";CP=&&DataTime=20250612100000;w21011-Avg=0.061&&";
        try (StationSimulator s = new StationSimulator(server.port())) {
            // more parts than the limit (4 in this test)
            s.send(framed("QN=20250612110000001;" + head + "PNUM=5;PNO=1" + cp1));
            // parts that disagree on PNUM
            s.send(framed("QN=20250612110000002;" + head + "PNUM=2;PNO=1" + cp1));
            s.send(framed("QN=20250612110000002;" + head + "PNUM=3;PNO=2" + cp2));
            // the same part twice with another value
            s.send(framed("QN=20250612110000003;" + head + "PNUM=2;PNO=1" + cp1));
            s.send(framed("QN=20250612110000003;" + head + "PNUM=2;PNO=1" + cp1.replace("0.42", "0.43")));
            // a value given in two parts
            s.send(framed("QN=20250612110000004;" + head + "PNUM=2;PNO=1" + cp1));
            s.send(framed("QN=20250612110000004;" + head + "PNUM=2;PNO=2" + cp1));
            // two messages wait (the limit here), a third is refused
            s.send(framed("QN=20250612110000005;" + head + "PNUM=2;PNO=1" + cp1));
            s.send(framed("QN=20250612110000006;" + head + "PNUM=2;PNO=1" + cp1));
            s.send(framed("QN=20250612110000007;" + head + "PNUM=2;PNO=1" + cp1));
            // a PNO above PNUM, and PNUM without Flag bit D
            s.send(framed("QN=20250612110000008;" + head + "PNUM=2;PNO=3" + cp1));
            s.send(framed("QN=20250612110000009;" + head.replace("Flag=6", "Flag=4") + "PNUM=2;PNO=1" + cp1));
            List<PacketLog.Entry> refused = awaitLog(MN, PacketLog.REFUSED, 7);
            assertThat(refused)
                    .extracting(e -> e.qn() + " " + e.reason())
                    .containsExactly(
                            "null syntax", // a packet that does not parse is logged without its QN
                            "null syntax",
                            "20250612110000007 split",
                            "20250612110000004 split",
                            "20250612110000003 split",
                            "20250612110000002 split",
                            "20250612110000001 split");
            assertThat(refused.get(1).detail()).isEqualTo("data segment does not parse: PNO 3 is above PNUM 2");
            assertThat(refused.get(6).detail())
                    .isEqualTo("split message refused (parts disagree, too many, or not complete in time): PNUM 5 is"
                            + " above the 4 parts a message may have (liuyu.hj212.split-max-parts)");
            // the two waiting ones are dropped when their time is up, logged, nothing stored
            now.set(NOW.plusSeconds(61));
            List<PacketLog.Entry> expired = awaitLog(MN, PacketLog.REFUSED, 9).subList(0, 2);
            assertThat(expired)
                    .extracting(PacketLog.Entry::qn)
                    .containsExactlyInAnyOrder("20250612110000005", "20250612110000006");
            assertThat(expired.get(0).detail())
                    .endsWith(": parts [1] of 2 arrived within the time"
                            + " (liuyu.hj212.split-timeout); nothing of it was stored");
            assertThat(s.answer(200))
                    .as("Flag=6 asks for no answer, the connection stays")
                    .isEmpty();
        }
        assertThat(db.rows()).isZero();
    }

    @Test
    void minimumMaximumAndTotalAreStoredBesideTheAverage() throws Exception {
        // one hour at 12.5 L/s is 45 m³; 35.2 mg/L of COD in 45 m³ is 1.584 kg
        String hour = "QN=20250612110005000;ST=32;CN=2061;PW=out456;MN=" + OUT + ";Flag=4;CP=&&DataTime=20250612100000;"
                + "w00000-Min=10.0,w00000-Avg=12.5,w00000-Max=15.0,w00000-Cou=45.0,w00000-Flag=N;"
                + "w01018-Min=30.1,w01018-Avg=35.2,w01018-Max=40.6,w01018-Cou=1.584,w01018-Flag=N;"
                + "w01001-Avg=7.1,w01001-Flag=N&&";
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(framed(hour));
            awaitLog(OUT, PacketLog.STORED, 1);
            // refused, nothing stored: a total for pH, a minimum above the maximum, a total that is no number
            s.send(framed(hour.replace("110005000", "110005001")
                    .replace("DataTime=20250612100000", "DataTime=20250612090000")
                    .replace("w01001-Avg=7.1", "w01001-Avg=7.1,w01001-Cou=3")));
            s.send(framed(hour.replace("110005000", "110005002")
                    .replace("DataTime=20250612100000", "DataTime=20250612090000")
                    .replace("w01018-Min=30.1", "w01018-Min=41")));
            s.send(framed(hour.replace("110005000", "110005003")
                    .replace("DataTime=20250612100000", "DataTime=20250612090000")
                    .replace("w00000-Cou=45.0", "w00000-Cou=4.5.0")));
        }
        assertThat(awaitLog(OUT, PacketLog.REFUSED, 3))
                .extracting(PacketLog.Entry::detail)
                .containsExactly(
                        "value refused: w00000-Cou must be " + Decimals.LIMITS + ", got '4.5.0'",
                        "value refused: w01018-Min 41 is above w01018-Max 40.6",
                        "value refused: w01001-Cou: pH has no cumulative total");
        assertThat(db.rows()).isEqualTo(3);
        String id = "hj212:" + OUT + ":2061:20250612100000:";
        // flow's extremes converted like its average (× 86.4: L/s → m³/d); the total as sent, in m³
        assertThat(log.summary(id + "w00000"))
                .contains(new PacketLog.Summary(id + "w00000", "864.00", "1296.00", "10.0", "15.0", "45.0", "m³"));
        assertThat(log.summary(id + "w01018"))
                .contains(new PacketLog.Summary(id + "w01018", "30.1", "40.6", "30.1", "40.6", "1.584", "kg"));
        assertThat(log.summary(id + "w01001")).isEmpty();
        Observation cod = db.store().history(id + "w01018").get(0);
        assertThat(cod.value().toPlainString()).isEqualTo("35.2");
        assertThat(cod.method()).isEqualTo("HJ 212-2017 hourly data (CN=2061, Avg; Min 30.1; Max 40.6)");
    }

    @Test
    void aTimeCalibrationRequestIsAnsweredWithTheSetTimeCommandAndItsAnswersLogged() throws Exception {
        String request = "QN=20250612110004000;ST=21;CN=1013;PW=sec123;MN=" + MN + ";Flag=4;CP=&&PolId=w21003&&";
        String setTime = "QN=20250612110005000;ST=21;CN=1012;PW=sec123;MN=" + MN
                + ";Flag=5;CP=&&PolId=w21003;SystemTime=20250612110005&&";
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(framed(request));
            assertThat(s.answer(5000)).isEqualTo(new String(framed(setTime), StandardCharsets.US_ASCII));
            // the station answers the command: ready (9011), then done (9012), both under the command's QN
            s.send(framed("QN=20250612110005000;ST=91;CN=9011;PW=sec123;MN=" + MN + ";Flag=4;CP=&&QnRtn=1&&"));
            s.send(framed("QN=20250612110005000;ST=91;CN=9012;PW=sec123;MN=" + MN + ";Flag=4;CP=&&ExeRtn=1&&"));
            assertThat(s.answer(300)).isEmpty();
        }
        List<PacketLog.Entry> got = awaitLog(MN, PacketLog.RECEIVED, 3);
        assertThat(got)
                .extracting(e -> e.qn() + " " + e.cn() + " " + e.detail())
                .containsExactly(
                        "20250612110005000 9012 execution result: ExeRtn=1 succeeded",
                        "20250612110005000 9011 request answer: QnRtn=1 ready to execute",
                        "20250612110004000 1013 time-calibration request (PolId w21003)");
        PacketLog.Entry sent = log.of(MN, PacketLog.SENT, 10, Long.MAX_VALUE).get(0);
        assertThat(sent.cn()).isEqualTo("1012");
        assertThat(sent.qn()).isEqualTo("20250612110005000");
        assertThat(sent.raw()).isEqualTo(setTime.replace("PW=sec123", "PW=******"));
        assertThat(db.rows()).isZero();
    }

    @Test
    void platformCommandsGoToTheConnectedStationOnlyAndItsAnswerIsLogged() throws Exception {
        assertThat(intake.command(MN, Hj212Intake.Command.GET_TIME, null, "monitor", p -> server.send(MN, p)))
                .as("never connected")
                .isNull();
        try (StationSimulator s = new StationSimulator(server.port())) {
            s.send(framed(HOUR));
            assertThat(s.answer(5000)).isEqualTo(ack("20250612110000123", "sec123", MN));
            Hj212Intake.Sent sent =
                    intake.command(MN, Hj212Intake.Command.GET_TIME, "w21003", "monitor", p -> server.send(MN, p));
            String get = "QN=20250612110005000;ST=21;CN=1011;PW=sec123;MN=" + MN + ";Flag=5;CP=&&PolId=w21003&&";
            assertThat(s.answer(5000)).isEqualTo(new String(framed(get), StandardCharsets.US_ASCII));
            assertThat(sent.qn()).isEqualTo("20250612110005000");
            // a second command in the same millisecond still gets its own QN
            intake.command(MN, Hj212Intake.Command.REALTIME_START, null, "operator", p -> server.send(MN, p));
            assertThat(s.answer(5000))
                    .isEqualTo(new String(
                            framed("QN=20250612110005001;ST=21;CN=2011;PW=sec123;MN=" + MN + ";Flag=5;CP=&&&&"),
                            StandardCharsets.US_ASCII));
            s.send(framed("QN=20250612110005000;ST=21;CN=1011;PW=sec123;MN=" + MN
                    + ";Flag=4;CP=&&PolId=w21003;SystemTime=20250612110000&&"));
            assertThat(awaitLog(MN, PacketLog.RECEIVED, 1).get(0).detail())
                    .isEqualTo("station time 20250612110000 (Beijing): 5 s behind the platform");
        }
        assertThat(log.of(MN, PacketLog.SENT, 10, Long.MAX_VALUE))
                .extracting(e -> e.cn() + " " + e.detail())
                .containsExactly(
                        "2011 by operator: start sending real-time data (取污染物实时数据)",
                        "1011 by monitor: read the station's clock (提取现场机时间)");
        for (int i = 0; i < 100 && server.connected(MN); i++) {
            Thread.sleep(20);
        }
        assertThat(server.connected(MN)).isFalse();
        assertThat(intake.command(MN, Hj212Intake.Command.SET_TIME, null, "monitor", p -> server.send(MN, p)))
                .as("gone")
                .isNull();
    }

    // --- helpers ---

    /** CRC-16 of HJ 212-2017 Appendix A, written here apart from the code under test: table-free, byte at a time. */
    static int crc(byte[] data) {
        int reg = 0xFFFF;
        for (byte b : data) {
            reg = ((reg >> 8) & 0xFF) ^ (b & 0xFF);
            for (int i = 0; i < 8; i++) {
                reg = (reg & 1) == 1 ? (reg >> 1) ^ 0xA001 : reg >> 1;
            }
        }
        return reg;
    }

    static byte[] framed(String data) {
        return (unframed(data) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static String unframed(String data) {
        byte[] d = data.getBytes(StandardCharsets.US_ASCII);
        return String.format("##%04d%s%04X", d.length, data, crc(d));
    }

    static String ack(String qn, String pw, String mn) {
        return new String(
                framed("QN=" + qn + ";ST=91;CN=9014;PW=" + pw + ";MN=" + mn + ";Flag=4;CP=&&&&"),
                StandardCharsets.US_ASCII);
    }

    static byte[] slice(byte[] b, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(b, from, out, 0, out.length);
        return out;
    }

    private Map<String, String> values(String site) {
        Map<String, String> out = new TreeMap<>();
        for (Observation o :
                db.store().latest(site, Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"))) {
            out.put(o.parameter().code(), o.value().toPlainString());
        }
        return out;
    }

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
}
