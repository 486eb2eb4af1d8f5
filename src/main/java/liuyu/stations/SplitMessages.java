package liuyu.stations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Messages split over several packets (HJ 212-2017 6.3.3, Flag bit D; PNUM and PNO; Appendix C): the parts of
 * each (MN, QN) are kept until all have arrived, then joined into one packet whose command parameters are
 * the parts' in PNO order. Limits: parts per message, messages waiting at once, and the time from the first
 * part to the last; a message that breaks one is refused whole, so nothing of it is stored.
 */
final class SplitMessages {
    /** The limits; see docs/stations.md for the settings. */
    record Limits(int maxParts, int maxPending, Duration timeout) {}

    /** A message dropped unfinished: whose, which parts came, the packet-log ids of the parts. */
    record Expired(String mn, String site, String qn, String cn, int pnum, List<Integer> arrived, String remote) {}

    private record Key(String mn, String qn) {}

    private static final class Pending {
        final int pnum;
        final String cn;
        final String site;
        final String remote;
        final Instant first;
        final Map<Integer, Map<String, String>> parts = new TreeMap<>();

        Pending(int pnum, String cn, String site, String remote, Instant first) {
            this.pnum = pnum;
            this.cn = cn;
            this.site = site;
            this.remote = remote;
            this.first = first;
        }
    }

    private final Limits limits;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    SplitMessages(Limits limits) {
        this.limits = limits;
    }

    /**
     * Keeps one part; answers the whole message when this part completes it, else null. A part that does not fit
     * its message (other PNUM or CN, too many parts, same PNO with other content) refuses the whole message.
     */
    synchronized Hj212Packet add(Hj212Packet part, String site, String remote, Instant now) {
        if (part.pnum() > limits.maxParts()) {
            throw new PacketRefused(
                    Refusal.SPLIT,
                    "PNUM " + part.pnum() + " is above the " + limits.maxParts()
                            + " parts a message may have (liuyu.hj212.split-max-parts)");
        }
        Key key = new Key(part.mn(), part.qn());
        Pending p = pending.get(key);
        if (p == null) {
            if (pending.size() >= limits.maxPending()) {
                throw new PacketRefused(
                        Refusal.SPLIT,
                        limits.maxPending()
                                + " split messages already wait for their parts (liuyu.hj212.split-max-pending)");
            }
            p = new Pending(part.pnum(), part.cn(), site, remote, now);
            pending.put(key, p);
        } else if (p.pnum != part.pnum() || !p.cn.equals(part.cn())) {
            pending.remove(key);
            throw new PacketRefused(
                    Refusal.SPLIT,
                    "QN " + part.qn() + ": part " + part.pno() + " says PNUM " + part.pnum() + ", CN " + part.cn()
                            + "; the first part said PNUM " + p.pnum + ", CN " + p.cn + "; the message is dropped");
        }
        Map<String, String> before = p.parts.putIfAbsent(part.pno(), part.cp());
        if (before != null && !before.equals(part.cp())) {
            pending.remove(key);
            throw new PacketRefused(
                    Refusal.SPLIT,
                    "QN " + part.qn() + ": part " + part.pno()
                            + " came twice with other values; the message is dropped");
        }
        if (p.parts.size() < p.pnum) {
            return null;
        }
        pending.remove(key);
        Map<String, String> all = new LinkedHashMap<>();
        for (Map<String, String> cp : p.parts.values()) {
            for (Map.Entry<String, String> e : cp.entrySet()) {
                String had = all.putIfAbsent(e.getKey(), e.getValue());
                // a field every part repeats (DataTime) must agree; a value given twice is refused, never one kept
                if (had != null && !(e.getKey().equals("DataTime") && Objects.equals(had, e.getValue()))) {
                    throw new PacketRefused(
                            Refusal.SPLIT,
                            "QN " + part.qn() + ": '" + e.getKey() + "' appears in two parts"
                                    + (e.getKey().equals("DataTime") ? " with different times" : ""));
                }
            }
        }
        return part.joined(all);
    }

    /** Removes and answers the messages whose first part is older than the timeout. */
    synchronized List<Expired> expire(Instant now) {
        List<Expired> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Pending> e = it.next();
            Pending p = e.getValue();
            if (Duration.between(p.first, now).compareTo(limits.timeout()) > 0) {
                it.remove();
                out.add(new Expired(
                        e.getKey().mn(),
                        p.site,
                        e.getKey().qn(),
                        p.cn,
                        p.pnum,
                        List.copyOf(p.parts.keySet()),
                        p.remote));
            }
        }
        return out;
    }

    synchronized int waiting() {
        return pending.size();
    }
}
