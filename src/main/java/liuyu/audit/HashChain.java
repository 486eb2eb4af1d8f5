package liuyu.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash chain both logs use: an entry's hash is SHA-256 over the previous entry's hash and the entry's
 * fields, each written as {@code name:length:value} on its own line (the length keeps "ab"+"c" apart from
 * "a"+"bc"); the first entry's previous hash is 64 zeros.
 */
public final class HashChain {
    public static final String GENESIS = "0".repeat(64);

    private HashChain() {}

    /** One field of an entry; null values are written as the empty text with length -1. */
    public record Field(String name, String value) {}

    public static String hash(String previous, List<Field> fields) {
        StringBuilder b = new StringBuilder(previous).append('\n');
        for (Field f : fields) {
            b.append(f.name())
                    .append(':')
                    .append(f.value() == null ? -1 : f.value().length())
                    .append(':')
                    .append(f.value() == null ? "" : f.value())
                    .append('\n');
        }
        return sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a check of a chain found: how many entries, whether all hold, and the first position that
     * does not (with why); {@code head} is the last entry's hash — kept elsewhere, it also shows a
     * removed tail, which no chain can show by itself.
     */
    public record Verification(long entries, boolean intact, Long firstBroken, String reason, String head) {
        static Verification ok(long entries, String head) {
            return new Verification(entries, true, null, null, head);
        }

        static Verification broken(long entries, long position, String reason, String head) {
            return new Verification(entries, false, position, reason, head);
        }
    }
}
