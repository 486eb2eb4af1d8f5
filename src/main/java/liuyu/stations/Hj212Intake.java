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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    public Hj212Intake(
            StationRegistry registry,
            ObservationStore store,
            PacketLog log,
            TransactionTemplate transactions,
            Clock clock) {
        this.registry = registry;
        this.store = store;
        this.log = log;
        this.transactions = transactions;
        this.clock = clock;
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
            String[] command = COMMANDS.get(packet.cn());
            if (command == null) {
                throw new PacketRefused(
                        Refusal.COMMAND,
                        "CN=" + packet.cn() + "; taken: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily data");
            }
            List<Observation> values = observations(station, packet, command, now);
            Hj212Packet p = packet;
            StationRegistry.Station s = station;
            int stored = transactions.execute(status -> {
                ObservationStore.AppendResult result = store.append(SOURCE + ":" + p.mn(), values);
                long id = log.write(new PacketLog.Entry(
                        0,
                        now,
                        remote,
                        p.mn(),
                        s.site(),
                        p.qn(),
                        p.cn(),
                        result.stored().isEmpty() ? PacketLog.REPEATED : PacketLog.STORED,
                        null,
                        null,
                        result.stored().size(),
                        raw));
                log.link(id, result.stored());
                return result.stored().size();
            });
            LOG.debug("HJ 212 {} from {} ({}): {} value(s) stored", packet.cn(), packet.mn(), remote, stored);
            return new Outcome(null, null, packet.asksForAck() ? ack(packet) : null, packet.mn());
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

    private List<Observation> observations(
            StationRegistry.Station station, Hj212Packet packet, String[] command, Instant now) {
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
        List<Observation> out = new ArrayList<>();
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
            BigDecimal canonical = c.factor().equals(BigDecimal.ONE) ? value : value.multiply(c.factor());
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
            out.add(new Observation(
                    SOURCE + ":" + packet.mn() + ":" + packet.cn() + ":" + time + ":" + code,
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
        return out;
    }

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
