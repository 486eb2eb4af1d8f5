package liuyu.stations;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data segment of an HJ 212-2017 packet (6.3.2): {@code QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;CP=&&…&&}.
 * {@code cp} holds the command parameters in order, {@code key=value} pairs separated by ';' and ','
 * (DataTime, w01018-Rtd, w01018-Flag, …); a key given twice is refused, never the last one kept.
 */
public record Hj212Packet(
        String qn,
        String st,
        String cn,
        String pw,
        String mn,
        Integer flag,
        Integer pnum,
        Integer pno,
        Map<String, String> cp) {
    /** The standard's largest data segment (6.3.1: 0 ≤ length ≤ 1024). */
    public static final int MAX_DATA = 1024;
    /** Flag bit A (6.3.3): the sender asks for an answer (a data acknowledgement, CN=9014). */
    public static final int FLAG_ACK = 1;
    /**
     * Flag bit D (6.3.3: 是否有数据包序号): the packet carries PNUM (how many packets the message has) and PNO
     * (this one's number, from 1) and is one part of a message split over several packets (Appendix C).
     */
    public static final int FLAG_SPLIT = 2;
    /** Flag bits V5–V0 = 000001: the 2017 version of the standard. */
    public static final int VERSION_2017 = 1;

    public boolean split() {
        return pnum != null;
    }

    public boolean asksForAck() {
        return flag != null && (flag & FLAG_ACK) != 0;
    }

    /** Parses a data segment (ASCII); refuses what does not follow the standard's layout. */
    public static Hj212Packet parse(byte[] data) {
        for (byte b : data) {
            if (b < 0x20 || b > 0x7E) {
                throw new PacketRefused(
                        Refusal.SYNTAX,
                        "the data segment holds a byte that is not printable ASCII (0x"
                                + String.format("%02X", b & 0xFF) + ")");
            }
        }
        String text = new String(data, StandardCharsets.US_ASCII);
        int cpAt = text.indexOf("CP=&&");
        if (cpAt < 0 || !text.endsWith("&&") || text.length() < cpAt + 7) {
            throw new PacketRefused(Refusal.SYNTAX, "no command parameters 'CP=&&…&&' closing the data segment");
        }
        Map<String, String> head = new LinkedHashMap<>();
        String before = text.substring(0, cpAt);
        for (String field : before.split(";")) {
            if (field.isEmpty()) {
                continue;
            }
            pair(field, head, "header");
        }
        Map<String, String> cp = new LinkedHashMap<>();
        String params = text.substring(cpAt + 5, text.length() - 2);
        if (!params.isEmpty()) {
            for (String group : params.split(";", -1)) {
                for (String field : group.split(",", -1)) {
                    pair(field, cp, "CP");
                }
            }
        }
        for (String required : new String[] {"ST", "CN", "PW", "MN"}) {
            if (head.get(required) == null || head.get(required).isEmpty()) {
                throw new PacketRefused(Refusal.SYNTAX, "field " + required + " is missing");
            }
        }
        for (String key : head.keySet()) {
            if (!key.equals("QN")
                    && !key.equals("ST")
                    && !key.equals("CN")
                    && !key.equals("PW")
                    && !key.equals("MN")
                    && !key.equals("Flag")
                    && !key.equals("PNUM")
                    && !key.equals("PNO")) {
                throw new PacketRefused(Refusal.SYNTAX, "unknown field '" + key + "' before CP");
            }
        }
        String qn = head.get("QN");
        if (qn != null && !qn.matches("\\d{17}")) {
            throw new PacketRefused(Refusal.SYNTAX, "QN must be YYYYMMDDhhmmsszzz (17 digits), got '" + qn + "'");
        }
        check(head.get("ST"), "\\d{2}", "ST", "2 digits");
        check(head.get("CN"), "\\d{4}", "CN", "4 digits");
        check(head.get("PW"), "[\\x21-\\x7E]{1,9}", "PW", "1 to 9 printable characters");
        check(head.get("MN"), "[0-9A-Za-z]{1,24}", "MN", "1 to 24 letters or digits");
        Integer flag = null;
        if (head.get("Flag") != null) {
            check(head.get("Flag"), "\\d{1,3}", "Flag", "a number 0–255");
            flag = Integer.parseInt(head.get("Flag"));
            if (flag > 255) {
                throw new PacketRefused(Refusal.SYNTAX, "Flag must be 0–255, got " + flag);
            }
            if (flag >> 2 != VERSION_2017) {
                throw new PacketRefused(
                        Refusal.SYNTAX, "Flag " + flag + " does not say HJ 212-2017 (version bits 000001)");
            }
        }
        boolean split = flag != null && (flag & FLAG_SPLIT) != 0;
        Integer pnum = null;
        Integer pno = null;
        if (split) {
            if (head.get("PNUM") == null || head.get("PNO") == null) {
                throw new PacketRefused(
                        Refusal.SYNTAX, "Flag bit D says the packet is split, but PNUM or PNO is missing");
            }
            check(head.get("PNUM"), "[1-9]\\d{0,3}", "PNUM", "a number 1–9999");
            check(head.get("PNO"), "[1-9]\\d{0,3}", "PNO", "a number 1–9999");
            pnum = Integer.parseInt(head.get("PNUM"));
            pno = Integer.parseInt(head.get("PNO"));
            if (pno > pnum) {
                throw new PacketRefused(Refusal.SYNTAX, "PNO " + pno + " is above PNUM " + pnum);
            }
            if (qn == null) {
                throw new PacketRefused(Refusal.SYNTAX, "a split packet needs its message's QN to be joined");
            }
        } else if (head.get("PNUM") != null || head.get("PNO") != null) {
            throw new PacketRefused(Refusal.SYNTAX, "PNUM/PNO given without Flag bit D");
        }
        return new Hj212Packet(
                qn,
                head.get("ST"),
                head.get("CN"),
                head.get("PW"),
                head.get("MN"),
                flag,
                pnum,
                pno,
                Collections.unmodifiableMap(cp));
    }

    /** The same packet with the command parameters of a whole split message (its parts' CP joined in PNO order). */
    Hj212Packet joined(Map<String, String> all) {
        return new Hj212Packet(qn, st, cn, pw, mn, flag, null, null, Collections.unmodifiableMap(all));
    }

    private static void pair(String field, Map<String, String> into, String where) {
        int eq = field.indexOf('=');
        if (eq <= 0) {
            throw new PacketRefused(Refusal.SYNTAX, "'" + shown(field) + "' in " + where + " is not key=value");
        }
        String key = field.substring(0, eq);
        if (into.putIfAbsent(key, field.substring(eq + 1)) != null) {
            throw new PacketRefused(Refusal.SYNTAX, "'" + shown(key) + "' appears twice in " + where);
        }
    }

    private static void check(String value, String pattern, String field, String what) {
        if (!value.matches(pattern)) {
            throw new PacketRefused(Refusal.SYNTAX, field + " must be " + what + ", got '" + shown(value) + "'");
        }
    }

    private static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
