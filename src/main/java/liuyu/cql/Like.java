package liuyu.cql;

import java.util.regex.Pattern;

/** CQL2 LIKE: {@code %} any run of characters, {@code _} one character, {@code \} escapes the next; case-sensitive. */
final class Like {
    private Like() {}

    static Pattern regex(String pattern) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\') {
                if (i >= pattern.length()) {
                    throw new CqlException("LIKE pattern '" + pattern + "' ends with the escape character \\");
                }
                int next = pattern.codePointAt(i);
                i += Character.charCount(next);
                r.append(Pattern.quote(new String(Character.toChars(next))));
            } else if (c == '%') {
                r.append(".*");
            } else if (c == '_') {
                r.append('.');
            } else {
                r.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        return Pattern.compile(r.toString(), Pattern.DOTALL);
    }

    /** Code-point order, which is UTF-8 byte order: PostgreSQL's "C" collation. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
