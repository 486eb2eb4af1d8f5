package liuyu.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An answer as the docs show it: JSON in which {@code …} (or {@code ...}) stands for what was left out — a whole
 * value, further members of an object, further elements of an array, or part of a string. Everything shown must
 * match the real answer exactly; an object or array without the marker must match member for member.
 */
final class JsonExpectation {
    private static final Object ELIDED = new Object() {
        @Override
        public String toString() {
            return "…";
        }
    };

    /** A string with elided parts: the parts must appear in order, the first as prefix, the last as suffix. */
    private record Partial(List<String> parts) {}

    private record Obj(Map<String, Object> members, boolean open) {}

    private record Arr(List<Object> elements, boolean open) {}

    private final Object root;

    private JsonExpectation(Object root) {
        this.root = root;
    }

    static JsonExpectation parse(String text) {
        Parser p = new Parser(text);
        Object v = p.value();
        p.skipSpace();
        if (p.i != text.length()) {
            throw p.error("text after the value");
        }
        return new JsonExpectation(v);
    }

    /** The expected HTTP status, when the shown answer is a problem document with one. */
    Integer status() {
        if (root instanceof Obj o && o.members().get("status") instanceof BigDecimal b) {
            return b.intValueExact();
        }
        return null;
    }

    /** Every difference between what the docs show and the actual answer, each with its JSON path. */
    List<String> differences(JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", root, actual, out);
        return out;
    }

    private static void compare(String path, Object expected, JsonNode actual, List<String> out) {
        if (expected == ELIDED) {
            if (actual == null || actual.isMissingNode()) {
                out.add(path + ": shown (elided) but absent");
            }
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            out.add(path + ": expected " + show(expected) + ", absent");
            return;
        }
        if (expected instanceof Obj o) {
            if (!actual.isObject()) {
                out.add(path + ": expected an object, got " + brief(actual));
                return;
            }
            for (Map.Entry<String, Object> m : o.members().entrySet()) {
                compare(path + "." + m.getKey(), m.getValue(), actual.get(m.getKey()), out);
            }
            if (!o.open()) {
                for (String name : actual.propertyNames()) {
                    if (!o.members().containsKey(name)) {
                        out.add(path + ": member '" + name + "' not shown (add it, or … to elide it)");
                    }
                }
            }
        } else if (expected instanceof Arr a) {
            if (!actual.isArray()) {
                out.add(path + ": expected an array, got " + brief(actual));
                return;
            }
            if (!a.open()) {
                if (a.elements().size() != actual.size()) {
                    out.add(path + ": expected " + a.elements().size() + " elements, got " + actual.size()
                            + " (… marks elided elements)");
                    return;
                }
                for (int k = 0; k < actual.size(); k++) {
                    compare(path + "[" + k + "]", a.elements().get(k), actual.get(k), out);
                }
                return;
            }
            // open: the shown elements appear in this order among the actual ones
            int from = 0;
            for (Object e : a.elements()) {
                int found = -1;
                for (int k = from; k < actual.size() && found < 0; k++) {
                    List<String> diff = new ArrayList<>();
                    compare(path + "[" + k + "]", e, actual.get(k), diff);
                    if (diff.isEmpty()) {
                        found = k;
                    }
                }
                if (found < 0) {
                    out.add(path + ": no element (in order) matches " + show(e));
                    return;
                }
                from = found + 1;
            }
        } else if (expected instanceof Partial s) {
            if (!actual.isString() || !partialMatches(s.parts(), actual.asString())) {
                out.add(path + ": expected " + show(s) + ", got " + brief(actual));
            }
        } else if (expected instanceof String s) {
            if (!actual.isString() || !actual.asString().equals(s)) {
                out.add(path + ": expected \"" + s + "\", got " + brief(actual));
            }
        } else if (expected instanceof BigDecimal n) {
            if (!actual.isNumber() || actual.decimalValue().compareTo(n) != 0) {
                out.add(path + ": expected " + n.toPlainString() + ", got " + brief(actual));
            }
        } else if (expected instanceof Boolean b) {
            if (!actual.isBoolean() || actual.asBoolean() != b) {
                out.add(path + ": expected " + b + ", got " + brief(actual));
            }
        } else if (!actual.isNull()) {
            out.add(path + ": expected null, got " + brief(actual));
        }
    }

    private static boolean partialMatches(List<String> parts, String s) {
        if (!s.startsWith(parts.get(0))
                || !s.endsWith(parts.get(parts.size() - 1))
                || s.length()
                        < parts.get(0).length() + parts.get(parts.size() - 1).length()) {
            return false;
        }
        int at = parts.get(0).length();
        int end = s.length() - parts.get(parts.size() - 1).length();
        for (int k = 1; k < parts.size() - 1; k++) {
            int found = s.indexOf(parts.get(k), at);
            if (found < 0 || found + parts.get(k).length() > end) {
                return false;
            }
            at = found + parts.get(k).length();
        }
        return true;
    }

    private static String show(Object e) {
        if (e instanceof Partial p) {
            return "\"" + String.join("…", p.parts()) + "\"";
        }
        if (e instanceof String s) {
            return "\"" + s + "\"";
        }
        if (e instanceof Obj o) {
            return "{" + o.members().keySet() + (o.open() ? ", …" : "") + "}";
        }
        if (e instanceof Arr a) {
            return "[" + a.elements().size() + " elements" + (a.open() ? ", …" : "") + "]";
        }
        return String.valueOf(e);
    }

    private static String brief(JsonNode n) {
        String s = n.toString();
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    /** JSON plus the elision marker. */
    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            int from = Math.max(0, i - 30);
            return new IllegalArgumentException(
                    what + " at offset " + i + ": …" + s.substring(from, Math.min(s.length(), i + 30)) + "…");
        }

        void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean ellipsis() {
            skipSpace();
            if (s.startsWith("…", i)) {
                i += 1;
                return true;
            }
            if (s.startsWith("...", i)) {
                i += 3;
                return true;
            }
            return false;
        }

        void expect(char c) {
            skipSpace();
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        boolean peek(char c) {
            skipSpace();
            return i < s.length() && s.charAt(i) == c;
        }

        Object value() {
            if (ellipsis()) {
                return ELIDED;
            }
            skipSpace();
            if (i >= s.length()) {
                throw error("expected a value");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> members = new LinkedHashMap<>();
                boolean open = false;
                if (!peek('}')) {
                    do {
                        if (ellipsis()) {
                            open = true;
                            continue;
                        }
                        Object key = string();
                        String k = key instanceof String name ? name : "…";
                        if (key instanceof Partial p
                                && !String.join("", p.parts()).isEmpty()) {
                            throw error("a member name may not be partly elided");
                        }
                        expect(':');
                        Object v = value();
                        if (k.equals("…")) {
                            open = true; // "…": "…" is how a page elides members too
                        } else {
                            members.put(k, v);
                        }
                    } while (comma());
                }
                expect('}');
                return new Obj(members, open);
            }
            if (c == '[') {
                i++;
                List<Object> elements = new ArrayList<>();
                boolean open = false;
                if (!peek(']')) {
                    do {
                        Object v = value();
                        if (v == ELIDED) {
                            open = true;
                        } else {
                            elements.add(v);
                        }
                    } while (comma());
                }
                expect(']');
                return new Arr(elements, open);
            }
            if (c == '"') {
                return string();
            }
            if (s.startsWith("true", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", i)) {
                i += 4;
                return null;
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("expected a value");
            }
            return new BigDecimal(s.substring(start, i));
        }

        boolean comma() {
            skipSpace();
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
                return true;
            }
            return false;
        }

        Object string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            List<String> parts = new ArrayList<>();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else if (c == '…') {
                    parts.add(b.toString());
                    b.setLength(0);
                } else {
                    b.append(c);
                }
            }
            if (parts.isEmpty()) {
                return b.toString();
            }
            parts.add(b.toString());
            return new Partial(parts);
        }
    }
}
