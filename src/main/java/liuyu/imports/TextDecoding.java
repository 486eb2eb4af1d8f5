package liuyu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Attribute text as the file holds it, decoded strictly: a byte sequence that is not valid in the encoding
 * refuses the import (never a replacement character). Without a declared encoding, UTF-8 is tried first
 * (GBK text is almost never valid UTF-8), then GB18030, the superset of GBK and GB2312.
 */
public final class TextDecoding {
    public static final Charset GB18030 = Charset.forName("GB18030");

    /** The decoded text, the encoding's name and how it was chosen. */
    public record Decoded(String text, String encoding, String how) {}

    /** The charset a file's text is read with, its name as reported, and how it was chosen. */
    public record Encoding(Charset charset, String name, String how) {}

    private TextDecoding() {}

    /** The charset a .cpg file or {@code --encoding} names; null if Java does not know it. */
    public static Charset charset(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        switch (n) {
            case "UTF-8", "UTF8", "65001":
                return StandardCharsets.UTF_8;
            case "GBK", "CP936", "936", "ANSI 936", "GB2312", "GB18030", "EUC-CN":
                return GB18030; // GB18030 decodes every GBK and GB2312 byte sequence to the same characters
            default:
                try {
                    return Charset.forName(n);
                } catch (IllegalArgumentException e) {
                    return null;
                }
        }
    }

    /** Decodes {@code bytes} with {@code declared} (when not null) or by detection; throws naming where it fails. */
    public static Decoded decode(byte[] bytes, Charset declared, String declaredHow, String declaredName, String file) {
        if (declared != null) {
            int bad = firstMalformed(bytes, declared);
            if (bad >= 0) {
                throw new ImportException(List.of(file + ": " + where(bytes, bad) + ": text is not valid "
                        + declaredName + " (" + declaredHow + "); give the file's encoding with --encoding"));
            }
            return new Decoded(new String(bytes, declared), declaredName, declaredHow);
        }
        int badUtf8 = firstMalformed(bytes, StandardCharsets.UTF_8);
        if (badUtf8 < 0) {
            return new Decoded(new String(bytes, StandardCharsets.UTF_8), "UTF-8", "detected (valid UTF-8)");
        }
        if (firstMalformed(bytes, GB18030) < 0) {
            String name = firstMalformed(bytes, Charset.forName("GBK")) < 0 ? "GBK" : "GB18030";
            return new Decoded(new String(bytes, GB18030), name, "detected (not UTF-8, valid " + name + ")");
        }
        throw new ImportException(
                List.of(
                        file + ": " + where(bytes, badUtf8) + ": text is neither UTF-8 nor GBK/GB18030;"
                                + " give the file's encoding with --encoding (nothing is imported with undecodable characters)"));
    }

    /**
     * {@link #decode}'s choice for a file, made by streaming through its bytes (memory stays flat): the declared
     * charset if every byte sequence decodes, else UTF-8, else GBK/GB18030; throws naming where it fails.
     */
    public static Encoding detect(Path path, Charset declared, String declaredHow, String declaredName, String file) {
        if (declared != null) {
            long bad = firstMalformed(path, declared);
            if (bad >= 0) {
                throw new ImportException(
                        List.of(file + ": " + where(prefix(path, bad), (int) bad) + ": text is not valid "
                                + declaredName + " (" + declaredHow + "); give the file's encoding with --encoding"));
            }
            return new Encoding(declared, declaredName, declaredHow);
        }
        long badUtf8 = firstMalformed(path, StandardCharsets.UTF_8);
        if (badUtf8 < 0) {
            return new Encoding(StandardCharsets.UTF_8, "UTF-8", "detected (valid UTF-8)");
        }
        if (firstMalformed(path, GB18030) < 0) {
            String name = firstMalformed(path, Charset.forName("GBK")) < 0 ? "GBK" : "GB18030";
            return new Encoding(GB18030, name, "detected (not UTF-8, valid " + name + ")");
        }
        throw new ImportException(List.of(file + ": " + where(prefix(path, badUtf8), (int) badUtf8)
                + ": text is neither UTF-8 nor GBK/GB18030;"
                + " give the file's encoding with --encoding (nothing is imported with undecodable characters)"));
    }

    /** Byte offset of the first sequence {@code charset} cannot decode in a file, or -1; read in 64 KiB chunks. */
    static long firstMalformed(Path path, Charset charset) {
        CharsetDecoder d = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long base = 0; // file offset of in's first byte
        boolean eof = false;
        try (FileChannel channel = FileChannel.open(path)) {
            while (true) {
                if (!eof && channel.read(in) < 0) {
                    eof = true;
                }
                in.flip();
                CoderResult r = d.decode(in, out, eof);
                if (r.isError()) {
                    return base + in.position();
                }
                out.clear();
                if (eof && !in.hasRemaining()) {
                    return d.flush(out).isError() ? base + in.position() : -1;
                }
                base += in.position();
                in.compact();
            }
        } catch (IOException e) {
            throw new ImportException(List.of(path + ": cannot be read: " + e.getMessage()));
        }
    }

    // The bytes before a bad sequence (only read when refusing), for where() to name the feature and attribute.
    private static byte[] prefix(Path path, long length) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Byte offset of the first sequence {@code charset} cannot decode, or -1. */
    static int firstMalformed(byte[] bytes, Charset charset) {
        CharsetDecoder d = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            return in.position();
        }
        r = d.flush(out);
        return r.isError() ? in.position() : -1;
    }

    // The feature (counted by its "type": "Feature" member) and the attribute the bad bytes sit in.
    static String where(byte[] bytes, int offset) {
        String before = new String(bytes, 0, offset, StandardCharsets.ISO_8859_1);
        int feature = -1;
        for (int i = before.indexOf("\"Feature\""); i >= 0; i = before.indexOf("\"Feature\"", i + 1)) {
            feature++;
        }
        int colon = before.lastIndexOf("\": ");
        int keyStart = colon < 0 ? -1 : before.lastIndexOf('"', colon - 1);
        String field;
        if (colon < 0 || keyStart < 0) {
            field = "an attribute";
        } else if (before.substring(keyStart + 1, colon).equals("properties")) {
            field = "the first attribute name";
        } else if (before.indexOf(", \"", colon) >= 0 || before.indexOf("{ \"", colon) >= 0) {
            field = "an attribute name after '" + latin(before.substring(keyStart + 1, colon)) + "'";
        } else {
            field = "attribute '" + latin(before.substring(keyStart + 1, colon)) + "'";
        }
        return (feature < 0 ? "before the first feature" : "feature #" + (feature + 1)) + ", " + field + " (byte "
                + offset + ")";
    }

    // Names shown in an error while the encoding is unknown: ASCII kept, other bytes as hex
    private static String latin(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 32 && c < 127) {
                b.append(c);
            } else {
                b.append(String.format("\\x%02X", (int) c));
            }
        }
        return b.toString();
    }
}
