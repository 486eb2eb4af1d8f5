package liuyu.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

/**
 * The atlas's own names, found by Chinese text, full pinyin, initials or a mix ({@code miyunsk}, {@code mysk}
 * for 密云水库), and by English name or id. Each character keeps every reading pinyin4j knows, so a
 * polyphonic character (长 chang/zhang) matches either.
 */
public final class PlaceNames {
    /** How a name was matched, best first. */
    public enum Match {
        EXACT,
        PREFIX,
        CONTAINS,
        PINYIN_PREFIX,
        PINYIN_CONTAINS,
        ENGLISH
    }

    public record Hit(
            String layer,
            String id,
            String nameZh,
            String nameEn,
            String pinyin,
            String method,
            Match match,
            double lon,
            double lat,
            double[] bbox) {}

    private record Entry(Feature feature, String nameZh, String[][] readings, String pinyin, int layerRank) {}

    // the layers people look for first; others follow in the atlas's order
    private static final List<String> LAYER_ORDER = List.of(
            "districts", "reservoirs", "rivers", "sections", "outfalls", "protection-zones", "shore-bands", "basins");
    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V); // 绿 lv, as people type it
    }

    private final Atlas atlas;
    private final List<Entry> entries = new ArrayList<>();

    public PlaceNames(Atlas atlas) {
        this.atlas = atlas;
        int index = 0;
        for (Layer layer : atlas.layers()) {
            int rank = LAYER_ORDER.contains(layer.id()) ? LAYER_ORDER.indexOf(layer.id()) : LAYER_ORDER.size() + index;
            index++;
            for (Feature f : layer.features()) {
                String zh = f.nameZh();
                if (zh == null || zh.isBlank()) {
                    continue;
                }
                String[][] readings = readings(zh);
                StringBuilder first = new StringBuilder();
                for (String[] r : readings) {
                    first.append(r[0]);
                }
                entries.add(new Entry(f, zh, readings, first.toString(), rank));
            }
        }
    }

    public Atlas atlas() {
        return atlas;
    }

    /** Names matching {@code query}, best first: exact, Chinese prefix, Chinese substring, pinyin, English or id. */
    public List<Hit> find(String query, int limit) {
        String q = query.trim();
        String letters = q.toLowerCase(Locale.ROOT).replaceAll("[\\s'’-]+", "");
        List<Object[]> found = new ArrayList<>();
        for (Entry e : entries) {
            Match m = match(e, q, letters);
            if (m != null) {
                found.add(new Object[] {e, m});
            }
        }
        found.sort(Comparator.<Object[]>comparingInt(o -> ((Match) o[1]).ordinal())
                .thenComparingInt(o -> ((Entry) o[0]).layerRank())
                .thenComparingInt(o -> ((Entry) o[0]).nameZh().length())
                .thenComparing(o -> ((Entry) o[0]).feature().id()));
        List<Hit> out = new ArrayList<>();
        for (Object[] o : found.subList(0, Math.min(limit, found.size()))) {
            out.add(hit((Entry) o[0], (Match) o[1]));
        }
        return out;
    }

    private static Match match(Entry e, String q, String letters) {
        if (e.nameZh().equals(q)) {
            return Match.EXACT;
        }
        if (e.nameZh().startsWith(q)) {
            return Match.PREFIX;
        }
        if (e.nameZh().contains(q)) {
            return Match.CONTAINS;
        }
        if (!letters.isEmpty() && letters.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            if (spells(e.readings(), 0, letters, 0)) {
                return Match.PINYIN_PREFIX;
            }
            for (int start = 1; start < e.readings().length; start++) {
                if (spells(e.readings(), start, letters, 0)) {
                    return Match.PINYIN_CONTAINS;
                }
            }
        }
        String en = e.feature().nameEn();
        String lower = q.toLowerCase(Locale.ROOT);
        if ((en != null && en.toLowerCase(Locale.ROOT).contains(lower))
                || e.feature().id().toLowerCase(Locale.ROOT).equals(lower)) {
            return Match.ENGLISH;
        }
        return null;
    }

    /**
     * Whether the query, from position {@code at}, is spelled by the characters from {@code ch} on: each character
     * taking one of its readings whole, or its initial (zh/ch/sh count as initials too), or, for the query's end,
     * the beginning of a reading.
     */
    static boolean spells(String[][] readings, int ch, String query, int at) {
        if (at == query.length()) {
            return true;
        }
        if (ch == readings.length) {
            return false;
        }
        Set<String> tried = new LinkedHashSet<>();
        for (String r : readings[ch]) {
            String rest = query.substring(at);
            if (r.startsWith(rest) && !rest.isEmpty()) {
                return true; // the query ends inside this reading
            }
            for (String piece : new String[] {
                r,
                r.substring(0, 1),
                r.length() > 1 && "zcs".indexOf(r.charAt(0)) >= 0 && r.charAt(1) == 'h'
                        ? r.substring(0, 2)
                        : r.substring(0, 1)
            }) {
                if (tried.add(piece)
                        && query.startsWith(piece, at)
                        && spells(readings, ch + 1, query, at + piece.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Per character its toneless readings; anything not Han (digits, Latin letters) reads as itself. */
    static String[][] readings(String text) {
        String[][] out = new String[text.codePointCount(0, text.length())][];
        int i = 0;
        for (int off = 0; off < text.length(); ) {
            int cp = text.codePointAt(off);
            off += Character.charCount(cp);
            String[] r = null;
            if (Character.isBmpCodePoint(cp)) {
                try {
                    r = PinyinHelper.toHanyuPinyinStringArray((char) cp, FORMAT);
                } catch (BadHanyuPinyinOutputFormatCombination e) {
                    throw new IllegalStateException(e); // a fixed, valid format
                }
            }
            if (r == null || r.length == 0) {
                r = new String[] {new String(Character.toChars(cp)).toLowerCase(Locale.ROOT)};
            } else {
                r = new LinkedHashSet<>(List.of(r)).toArray(String[]::new);
            }
            out[i++] = r;
        }
        return out;
    }

    private Hit hit(Entry e, Match m) {
        Feature f = e.feature();
        Point p = f.geometry().getInteriorPoint();
        Envelope b = f.geometry().getEnvelopeInternal();
        return new Hit(
                f.layer(),
                f.id(),
                e.nameZh(),
                f.nameEn(),
                e.pinyin(),
                f.provenance().method().code(),
                m,
                round(p.getX()),
                round(p.getY()),
                new double[] {round(b.getMinX()), round(b.getMinY()), round(b.getMaxX()), round(b.getMaxY())});
    }

    private static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }
}
