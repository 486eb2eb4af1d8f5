package liuyu.stations;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liuyu.geo.Decimals;
import liuyu.quality.Measurement;
import liuyu.quality.Observation;
import liuyu.quality.ObservationConflictException;
import liuyu.quality.ObservationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the receiver does with one framed packet: checks its CRC, station and password, reads the data
 * upload (CN 2011 real-time, 2051 minute, 2061 hourly, 2031 daily), stores its values through the
 * observation store in one transaction with the packet's log entry, and builds the data acknowledgement
 * (CN=9014) when the packet asks for one. Every refusal is logged with the station's MN when it was read.
 */
public final class Hj212Intake {
    private static final Logger LOG = LoggerFactory.getLogger(Hj212Intake.class);
    /** The observation source kind of values that came over HJ 212. */
    public static final String SOURCE = "hj212";
    /** The standard's DataTime is local time; Beijing keeps UTC+8 all year. */
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter DATA_TIME =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    private static final Pattern POLLUTANT =
            Pattern.compile("([a-z]\\d{5})-(Rtd|Avg|Min|Max|Cou|Flag|EFlag|SampleTime|ZsRtd|ZsAvg|ZsMin|ZsMax)");
    private static final Pattern MN_AS_SENT = Pattern.compile("[#;0-9]MN=([0-9A-Za-z]{1,24})(?=[;&])");
    private static final Pattern PASSWORD = Pattern.compile("(?<=PW=)[^;&]*");
    /** The data uploads taken: CN → what the value is and which field carries it. */
    private static final Map<String, String[]> COMMANDS = Map.of(
            "2011", new String[] {"real-time value", "Rtd"},
            "2051", new String[] {"minute data", "Avg"},
            "2061", new String[] {"hourly data", "Avg"},
            "2031", new String[] {"daily data", "Avg"});

    private final StationRegistry registry;
    private final ObservationStore store;
    private final PacketLog log;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SplitMessages splits;
    // the system code and password each station last proved, to address commands to it as it addresses us
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    private record Peer(String st, String pw) {}

    public Hj212Intake(
            StationRegistry registry,
            ObservationStore store,
            PacketLog log,
            TransactionTemplate transactions,
            Clock clock) {
        this(registry, store, log, transactions, clock, DEFAULT_SPLITS);
    }

    /** Split-message limits of the settings' defaults: 16 parts, 100 messages waiting, 60 s to complete. */
    static final SplitMessages.Limits DEFAULT_SPLITS = new SplitMessages.Limits(16, 100, Duration.ofSeconds(60));

    Hj212Intake(
            StationRegistry registry,
            ObservationStore store,
            PacketLog log,
            TransactionTemplate transactions,
            Clock clock,
            SplitMessages.Limits splitLimits) {
        this.registry = registry;
        this.store = store;
        this.log = log;
        this.transactions = transactions;
        this.clock = clock;
        this.splits = new SplitMessages(splitLimits);
    }

    /** The answer to one packet: a refusal (null when taken), the acknowledgement to send (null when none), the MN it proved. */
    public record Outcome(Refusal refusal, String detail, byte[] ack, String station) {}

    /**
     * One frame {@code ##LLLL<data><CRC>} (the CRLF already checked and cut off), its length already
     * matched to the data. Never throws: a refusal is answered and logged.
     */
    public Outcome receive(String remote, byte[] frame) {
        Instant now = clock.instant();
        int length = frame.length - 10;
        String raw = masked(shown(frame));
        Hj212Packet packet = null;
        StationRegistry.Station station = null;
        try {
            String crc = new String(frame, frame.length - 4, 4, StandardCharsets.US_ASCII);
            String computed = Hj212Crc.hex(frame, 6, length);
            byte[] data = new byte[length];
            System.arraycopy(frame, 6, data, 0, length);
            if (!crc.equalsIgnoreCase(computed)) {
                throw new PacketRefused(Refusal.CRC, "packet says " + crc + ", the data segment gives " + computed);
            }
            packet = Hj212Packet.parse(data);
            station = registry.station(packet.mn());
            if (station == null) {
                throw new PacketRefused(Refusal.UNKNOWN_MN, "'" + packet.mn() + "'");
            }
            if (!registry.accepts(packet.mn(), packet.pw())) {
                throw new PacketRefused(Refusal.PASSWORD, "station " + packet.mn());
            }
            peers.put(packet.mn(), new Peer(packet.st(), packet.pw()));
            String[] command = COMMANDS.get(packet.cn());
            if (command == null) {
                return control(remote, now, packet, station, raw);
            }
            byte[] ack = packet.asksForAck() ? ack(packet) : null;
            int parts = packet.split() ? packet.pnum() : 0;
            if (packet.split()) {
                Hj212Packet whole = splits.add(packet, station.site(), remote, now);
                if (whole == null) {
                    log.write(entry(
                            now,
                            remote,
                            packet,
                            station,
                            PacketLog.PART,
                            null,
                            "PNO " + packet.pno() + " of " + packet.pnum() + ", kept until the others arrive",
                            raw));
                    return new Outcome(null, null, ack, packet.mn());
                }
                packet = whole;
            }
            List<Observation> values = new ArrayList<>();
            List<PacketLog.Summary> summaries = new ArrayList<>();
            observations(station, packet, command, now, values, summaries);
            Hj212Packet p = packet;
            StationRegistry.Station s = station;
            String detail =
                    parts == 0 ? null : "joined from " + parts + " parts (PNO 1–" + parts + ", logged as 'part')";
            int stored = transactions.execute(status -> {
                ObservationStore.AppendResult result = store.append(SOURCE + ":" + p.mn(), values);
                long id = log.write(entry(
                        now,
                        remote,
                        p,
                        s,
                        result.stored().isEmpty() ? PacketLog.REPEATED : PacketLog.STORED,
                        null,
                        detail,
                        raw,
                        result.stored().size()));
                log.link(id, result.stored());
                List<PacketLog.Summary> fresh = summaries.stream()
                        .filter(x -> result.stored().contains(x.observationId()))
                        .toList();
                if (!fresh.isEmpty()) {
                    log.summaries(fresh);
                }
                return result.stored().size();
            });
            LOG.debug("HJ 212 {} from {} ({}): {} value(s) stored", packet.cn(), packet.mn(), remote, stored);
            return new Outcome(null, null, ack, packet.mn());
        } catch (PacketRefused r) {
            return refused(remote, now, packet, station, r.refusal(), r.getMessage(), raw);
        } catch (ObservationConflictException e) {
            return refused(remote, now, packet, station, Refusal.CONFLICT, e.getMessage(), raw);
        } catch (DataAccessException | TransactionException e) {
            LOG.warn("HJ 212 packet from {} not stored: the record store failed: {}", remote, e.getMessage());
            return new Outcome(Refusal.STORE, e.getMessage(), null, station == null ? null : station.mn());
        }
    }

    /** Logs a refusal of the connection itself (framing, size, time, limits); {@code station} is the MN it proved, if any. */
    public void refuseConnection(String remote, String station, Refusal refusal, String detail, byte[] seen) {
        StationRegistry.Station s = station == null ? null : registry.station(station);
        refused(remote, clock.instant(), null, s, refusal, refusal.meaning() + ": " + detail, masked(shown(seen)));
    }

    private Outcome refused(
            String remote,
            Instant now,
            Hj212Packet packet,
            StationRegistry.Station station,
            Refusal refusal,
            String detail,
            String raw) {
        // a packet that did not check or parse is still logged under the MN it names (as sent, unverified)
        String mn = packet != null ? packet.mn() : station != null ? station.mn() : mnAsSent(raw);
        LOG.info("HJ 212 packet refused from {} (MN {}): {}", remote, mn == null ? "unknown" : mn, detail);
        try {
            log.write(new PacketLog.Entry(
                    0,
                    now,
                    remote,
                    mn,
                    station == null ? null : station.site(),
                    packet == null ? null : packet.qn(),
                    packet == null ? null : packet.cn(),
                    PacketLog.REFUSED,
                    refusal.code(),
                    detail,
                    0,
                    raw));
        } catch (DataAccessException | TransactionException e) {
            LOG.warn("HJ 212 refusal from {} not logged: the record store failed: {}", remote, e.getMessage());
        }
        return new Outcome(refusal, detail, null, station == null || refusal == Refusal.PASSWORD ? null : station.mn());
    }

    private void observations(
            StationRegistry.Station station,
            Hj212Packet packet,
            String[] command,
            Instant now,
            List<Observation> out,
            List<PacketLog.Summary> summaries) {
        String time = packet.cp().get("DataTime");
        if (time == null) {
            throw new PacketRefused(Refusal.TIME, "CP has no DataTime");
        }
        OffsetDateTime at;
        try {
            at = LocalDateTime.parse(time, DATA_TIME).atOffset(CHINA);
        } catch (DateTimeParseException e) {
            throw new PacketRefused(Refusal.TIME, "DataTime must be YYYYMMDDhhmmss, got '" + time + "'");
        }
        if (at.toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new PacketRefused(Refusal.TIME, "DataTime " + time + " is in the future");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String key : packet.cp().keySet()) {
            if (key.equals("DataTime")) {
                continue;
            }
            Matcher m = POLLUTANT.matcher(key);
            if (!m.matches()) {
                throw new PacketRefused(
                        Refusal.SYNTAX, "CP field '" + key + "' is neither DataTime nor a pollutant's value");
            }
            if (Hj212Codes.code(m.group(1)) == null) {
                throw new PacketRefused(
                        Refusal.CODE,
                        "'" + m.group(1) + "'; taken: "
                                + String.join(
                                        ", ",
                                        Hj212Codes.all().keySet().stream()
                                                .sorted()
                                                .toList()));
            }
            codes.add(m.group(1));
        }
        if (codes.isEmpty()) {
            throw new PacketRefused(Refusal.VALUE, "the packet carries no pollutant value");
        }
        for (String code : codes) {
            Hj212Codes.Code c = Hj212Codes.code(code);
            String field = code + "-" + command[1];
            String text = packet.cp().get(field);
            if (text == null) {
                throw new PacketRefused(
                        Refusal.VALUE,
                        "CN=" + packet.cn() + " carries " + command[0] + " in " + field + ", which is missing");
            }
            BigDecimal value = Decimals.parse(text);
            if (value == null || text.length() > 40) {
                throw new PacketRefused(
                        Refusal.VALUE, field + " must be " + Decimals.LIMITS + ", got '" + Decimals.shown(text) + "'");
            }
            BigDecimal canonical = c.factor().compareTo(BigDecimal.ONE) == 0 ? value : value.multiply(c.factor());
            String problem = Measurement.problem(c.parameter(), canonical, Math.max(0, canonical.scale()), false);
            if (problem != null) {
                throw new PacketRefused(Refusal.VALUE, field + ": " + problem);
            }
            String cause = Hj212Codes.cause(packet.cp().get(code + "-Flag"));
            StringBuilder method = new StringBuilder("HJ 212-2017 ")
                    .append(command[0])
                    .append(" (CN=")
                    .append(packet.cn())
                    .append(", ")
                    .append(command[1]);
            for (String extreme : new String[] {"Min", "Max"}) {
                String v = packet.cp().get(code + "-" + extreme);
                if (v != null) {
                    method.append("; ").append(extreme).append(' ').append(Decimals.shown(v));
                }
            }
            method.append(')');
            String id = SOURCE + ":" + packet.mn() + ":" + packet.cn() + ":" + time + ":" + code;
            PacketLog.Summary summary = summary(id, c, packet, code);
            if (summary != null) {
                summaries.add(summary);
            }
            out.add(new Observation(
                    id,
                    0,
                    station.site(),
                    at,
                    c.parameter(),
                    canonical,
                    c.parameter().unit().code(),
                    text,
                    c.unit(),
                    false,
                    method.toString(),
                    new Observation.Source(SOURCE, packet.mn(), null),
                    cause,
                    new Observation.People(null, null, null, null),
                    null,
                    null,
                    null));
        }
    }

    /** The period's -Min, -Max (converted like the average) and -Cou (as sent, with its unit) of one code; null when none came. */
    private static PacketLog.Summary summary(String id, Hj212Codes.Code c, Hj212Packet packet, String code) {
        String min = packet.cp().get(code + "-Min");
        String max = packet.cp().get(code + "-Max");
        String total = packet.cp().get(code + "-Cou");
        if (min == null && max == null && total == null) {
            return null;
        }
        BigDecimal lo = min == null ? null : decimal(code + "-Min", min);
        BigDecimal hi = max == null ? null : decimal(code + "-Max", max);
        if (lo != null && hi != null && lo.compareTo(hi) > 0) {
            throw new PacketRefused(Refusal.VALUE, code + "-Min " + min + " is above " + code + "-Max " + max);
        }
        if (total != null) {
            if (c.totalUnit() == null) {
                throw new PacketRefused(
                        Refusal.VALUE, code + "-Cou: " + c.parameter().code() + " has no cumulative total");
            }
            if (decimal(code + "-Cou", total).signum() < 0) {
                throw new PacketRefused(Refusal.VALUE, code + "-Cou is negative: " + total);
            }
        }
        return new PacketLog.Summary(
                id,
                lo == null ? null : canonical(c, lo).toPlainString(),
                hi == null ? null : canonical(c, hi).toPlainString(),
                min,
                max,
                total,
                total == null ? null : c.totalUnit());
    }

    private static BigDecimal decimal(String field, String text) {
        BigDecimal value = text.length() > 40 ? null : Decimals.parse(text);
        if (value == null) {
            throw new PacketRefused(
                    Refusal.VALUE, field + " must be " + Decimals.LIMITS + ", got '" + Decimals.shown(text) + "'");
        }
        return value;
    }

    private static BigDecimal canonical(Hj212Codes.Code c, BigDecimal value) {
        return c.factor().compareTo(BigDecimal.ONE) == 0 ? value : value.multiply(c.factor());
    }

    private static PacketLog.Entry entry(
            Instant now,
            String remote,
            Hj212Packet p,
            StationRegistry.Station s,
            String outcome,
            String reason,
            String detail,
            String raw) {
        return entry(now, remote, p, s, outcome, reason, detail, raw, 0);
    }

    private static PacketLog.Entry entry(
            Instant now,
            String remote,
            Hj212Packet p,
            StationRegistry.Station s,
            String outcome,
            String reason,
            String detail,
            String raw,
            int observations) {
        return new PacketLog.Entry(
                0, now, remote, p.mn(), s.site(), p.qn(), p.cn(), outcome, reason, detail, observations, raw);
    }

    /**
     * A packet of a proven station that uploads no data: the answers to the platform's commands (9011 request
     * answer, 9012 execution result, 9013/9014, the station's time in 1011) are logged; a time-calibration request
     * (1013) is answered with the set-time command (1012) carrying the platform's clock. Anything else is refused.
     */
    private Outcome control(
            String remote, Instant now, Hj212Packet packet, StationRegistry.Station station, String raw) {
        String detail = switch (packet.cn()) {
            case "9011" -> "request answer: QnRtn=" + meaning(packet.cp().get("QnRtn"), QN_RTN);
            case "9012" -> "execution result: ExeRtn=" + meaning(packet.cp().get("ExeRtn"), EXE_RTN);
            case "9013" -> "notification answer";
            case "9014" -> "data answer";
            case "1011" -> stationClock(packet.cp().get("SystemTime"), now);
            case "1013" -> "time-calibration request" + polId(packet);
            default ->
                throw new PacketRefused(
                        Refusal.COMMAND,
                        "CN=" + packet.cn() + "; taken: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily data,"
                                + " 1013 time calibration, 1011/9011/9012/9013/9014 answers");
        };
        log.write(entry(now, remote, packet, station, PacketLog.RECEIVED, null, detail, raw));
        if (!packet.cn().equals("1013")) {
            return new Outcome(null, null, null, packet.mn());
        }
        Map<String, String> cp = new LinkedHashMap<>();
        if (packet.cp().get("PolId") != null) {
            cp.put("PolId", packet.cp().get("PolId"));
        }
        cp.put("SystemTime", DATA_TIME.format(now.atOffset(CHINA)));
        String data = commandData(Command.SET_TIME, packet.mn(), packet.st(), packet.pw(), cp, now);
        log.write(new PacketLog.Entry(
                0,
                now,
                remote,
                packet.mn(),
                station.site(),
                data.substring(3, 20),
                Command.SET_TIME.cn,
                PacketLog.SENT,
                null,
                "answer to the time-calibration request " + packet.qn() + ": " + Command.SET_TIME.meaning,
                0,
                masked(data)));
        return new Outcome(null, null, frame(data), packet.mn());
    }

    private static String polId(Hj212Packet packet) {
        String id = packet.cp().get("PolId");
        return id == null ? "" : " (PolId " + id + ")";
    }

    private static String stationClock(String systemTime, Instant now) {
        if (systemTime == null) {
            return "station time: no SystemTime";
        }
        try {
            Instant at =
                    LocalDateTime.parse(systemTime, DATA_TIME).atOffset(CHINA).toInstant();
            long off = Duration.between(now, at).toSeconds();
            return "station time " + systemTime + " (Beijing): " + Math.abs(off) + " s "
                    + (off >= 0 ? "ahead of" : "behind") + " the platform";
        } catch (DateTimeParseException e) {
            return "station time: SystemTime '" + Decimals.shown(systemTime) + "' is not YYYYMMDDhhmmss";
        }
    }

    /** HJ 212-2017 request-answer codes (QnRtn) and execution results (ExeRtn), as the standard lists them. */
    private static final Map<String, String> QN_RTN = Map.of(
            "1", "1 ready to execute",
            "2", "2 request refused",
            "3", "3 wrong PW",
            "4", "4 wrong MN",
            "5", "5 wrong ST",
            "6", "6 wrong Flag",
            "7", "7 wrong QN",
            "8", "8 wrong CN",
            "9", "9 CRC error",
            "100", "100 unknown error");

    private static final Map<String, String> EXE_RTN = Map.of(
            "1", "1 succeeded",
            "2", "2 failed, cause unknown",
            "3", "3 command condition wrong",
            "4", "4 communication timeout",
            "5", "5 system busy",
            "6", "6 system fault",
            "100", "100 no data");

    private static String meaning(String code, Map<String, String> table) {
        if (code == null) {
            return "(missing)";
        }
        return table.getOrDefault(code, Decimals.shown(code) + " (not a code of the standard)");
    }

    /** True while parts of a split message wait for the others. */
    public boolean splitsWaiting() {
        return splits.waiting() > 0;
    }

    /** Logs split messages not completed in time as refused; nothing of them was stored. */
    public void expireSplits() {
        for (SplitMessages.Expired e : splits.expire(clock.instant())) {
            LOG.info(
                    "HJ 212 split message {} of MN {} dropped: parts {} of {} arrived",
                    e.qn(),
                    e.mn(),
                    e.arrived(),
                    e.pnum());
            try {
                log.write(new PacketLog.Entry(
                        0,
                        clock.instant(),
                        e.remote(),
                        e.mn(),
                        e.site(),
                        e.qn(),
                        e.cn(),
                        PacketLog.REFUSED,
                        Refusal.SPLIT.code(),
                        Refusal.SPLIT.meaning() + ": QN " + e.qn() + ": parts " + e.arrived() + " of " + e.pnum()
                                + " arrived within the time (liuyu.hj212.split-timeout); nothing of it was stored",
                        0,
                        ""));
            } catch (DataAccessException | TransactionException x) {
                LOG.warn("HJ 212 dropped split message not logged: the record store failed: {}", x.getMessage());
            }
        }
    }

    /** The platform's commands to a station (HJ 212-2017 command table) that Liuyu sends. */
    public enum Command {
        GET_TIME("1011", "get-time", "read the station's clock (提取现场机时间)"),
        SET_TIME("1012", "set-time", "set the station's clock to the platform's (设置现场机时间)"),
        REALTIME_START("2011", "realtime-start", "start sending real-time data (取污染物实时数据)"),
        REALTIME_STOP("2012", "realtime-stop", "stop sending real-time data (停止察看实时数据)");

        final String cn;
        final String name;
        final String meaning;

        Command(String cn, String name, String meaning) {
            this.cn = cn;
            this.name = name;
            this.meaning = meaning;
        }

        public String cn() {
            return cn;
        }

        public String wireName() {
            return name;
        }

        public String meaning() {
            return meaning;
        }

        public static Command named(String name) {
            for (Command c : values()) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** A command as it went out: its QN (the station's answers carry it) and the packet, its password masked. */
    public record Sent(String qn, String cn, String packet) {}

    /**
     * Builds a command to a station that has proved itself since the start, hands it to {@code send} (false: the
     * station is not connected) and logs it as sent by {@code user}. Null when the station never connected.
     */
    public Sent command(
            String mn, Command command, String polId, String user, java.util.function.Predicate<byte[]> send) {
        Peer peer = peers.get(mn);
        StationRegistry.Station station = registry.station(mn);
        if (peer == null || station == null) {
            return null;
        }
        Instant now = clock.instant();
        Map<String, String> cp = new LinkedHashMap<>();
        if (polId != null) {
            cp.put("PolId", polId);
        }
        if (command == Command.SET_TIME) {
            cp.put("SystemTime", DATA_TIME.format(now.atOffset(CHINA)));
        }
        String data = commandData(command, mn, peer.st(), peer.pw(), cp, now);
        if (!send.test(frame(data))) {
            return null;
        }
        String qn = data.substring(3, 20);
        log.write(new PacketLog.Entry(
                0,
                now,
                "-",
                mn,
                station.site(),
                qn,
                command.cn,
                PacketLog.SENT,
                null,
                "by " + user + ": " + command.meaning,
                0,
                masked(data)));
        return new Sent(
                qn,
                command.cn,
                masked(new String(frame(data), StandardCharsets.US_ASCII)).strip());
    }

    private final java.util.concurrent.atomic.AtomicLong lastQn = new java.util.concurrent.atomic.AtomicLong();

    /** A command's data segment: a fresh QN (Beijing time to the millisecond, never repeated), Flag=5 (answer asked). */
    private String commandData(Command command, String mn, String st, String pw, Map<String, String> cp, Instant now) {
        long wanted = Long.parseLong(QN_TIME.format(now.atOffset(CHINA)));
        long qn = lastQn.updateAndGet(last -> Math.max(last + 1, wanted));
        StringBuilder b = new StringBuilder("QN=")
                .append(qn)
                .append(";ST=")
                .append(st)
                .append(";CN=")
                .append(command.cn)
                .append(";PW=")
                .append(pw)
                .append(";MN=")
                .append(mn)
                .append(";Flag=5;CP=&&");
        String sep = "";
        for (Map.Entry<String, String> e : cp.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ";";
        }
        return b.append("&&").toString();
    }

    private static final DateTimeFormatter QN_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");

    private static String mnAsSent(String raw) {
        Matcher m = MN_AS_SENT.matcher(raw);
        return m.find() ? m.group(1) : null;
    }

    /** The data acknowledgement (CN=9014, 6.6.2): the request's QN, ST=91, the station's PW and MN, Flag=4. */
    static byte[] ack(Hj212Packet packet) {
        String data = (packet.qn() == null ? "" : "QN=" + packet.qn() + ";") + "ST=91;CN=9014;PW=" + packet.pw()
                + ";MN=" + packet.mn() + ";Flag=4;CP=&&&&";
        return frame(data);
    }

    /** A whole packet around a data segment: {@code ##}, length, data, CRC, CRLF. */
    public static byte[] frame(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.US_ASCII);
        return ("##" + String.format("%04d", bytes.length) + data + Hj212Crc.hex(bytes, 0, bytes.length) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes as text: printable ASCII as is, anything else as \xNN. */
    static String shown(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length);
        for (byte x : bytes) {
            if (x >= 0x20 && x <= 0x7E && x != '\\') {
                b.append((char) x);
            } else {
                b.append(String.format("\\x%02X", x & 0xFF));
            }
        }
        return b.toString();
    }

    /** The station's password replaced by as many '*', so the logged packet keeps its length but not the secret. */
    static String masked(String raw) {
        Matcher m = PASSWORD.matcher(raw);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, "*".repeat(m.group().length()));
        }
        m.appendTail(b);
        return b.toString();
    }
}
