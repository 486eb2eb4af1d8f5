package liuyu.outfalls;

import java.util.Locale;
import java.util.function.Function;

/** The ledger's enums travel as lower-case, hyphenated codes ({@code IN_REMEDIATION} ↔ {@code in-remediation}). */
final class Codes {
    private Codes() {}

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value whose code is {@code text} (trimmed, any case); null when none is. */
    static <E extends Enum<E>> E parse(E[] values, Function<E, String> code, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (E v : values) {
            if (code.apply(v).equals(t)) {
                return v;
            }
        }
        return null;
    }
}
