package liuyu.api.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.api.ApiProblem;
import liuyu.geo.Decimals;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies into rows of field → text. Numbers are read as decimals so "0.150" keeps its
 * three reported decimals (a double would not); CSV follows RFC 4180 (quotes, doubled quotes, CRLF).
 */
final class Bodies {
    // a repeated key is refused: silently keeping the last of two values is a wrong answer nobody sees
    private static final JsonMapper DECIMAL_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Bodies() {}

    /**
     * A JSON body, read from its bytes: JSON is UTF-8 (RFC 8259), and bytes that are not UTF-8 are a 400,
     * never replacement characters in a stored name.
     */
    static JsonNode json(byte[] body) {
        if (blank(body)) {
            throw ApiProblem.badRequest("body", "request body is empty");
        }
        try {
            return DECIMAL_JSON.readTree(body);
        } catch (StreamReadException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                throw ApiProblem.badRequest(
                        duplicate, "key '" + duplicate + "' appears twice in its object; each key may appear once");
            }
            throw ApiProblem.badRequest("body", "request body is not valid UTF-8 JSON: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("body", "request body is not valid UTF-8 JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean blank(byte[] body) {
        if (body != null) {
            for (byte b : body) {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return false;
                }
            }
        }
        return true;
    }

    /** A true/false query parameter; absent is false. */
    static boolean flag(String text, String name) {
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ApiProblem.badRequest(
                name, "query parameter '" + name + "' must be true or false; got '" + Decimals.shown(text) + "'");
    }

    /** The path of the repeated key ("samples[0].values.TP") if {@code e} is Jackson's duplicate-key error, else null. */
    private static String duplicateKey(StreamReadException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate Object property") || e.processor() == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (TokenStreamContext c = e.processor().streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.currentName());
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The text of a scalar JSON value; null for null; a problem naming {@code where} for arrays and objects. */
    static String text(JsonNode v, String where) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isNumber()) {
            BigDecimal d = Decimals.bounded(v.decimalValue());
            if (d == null) {
                throw ApiProblem.badRequest(where, where + " must be " + Decimals.LIMITS);
            }
            return d.toPlainString();
        }
        if (v.isString() || v.isBoolean()) {
            return v.asString();
        }
        throw ApiProblem.badRequest(where, where + " must be a string, number or boolean");
    }

    /** More rows or samples than one request may carry: 413 with the limit, as for a body over its size (docs/limits.md). */
    static ApiProblem tooMany(String parameter, int max, String detail) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, parameter, detail).with("limit", max);
    }

    /** The objects of array member {@code name} as rows, at most {@code max}. */
    static List<Map<String, String>> rows(JsonNode root, String name, int max) {
        JsonNode array = root.path(name);
        if (!array.isArray()) {
            throw ApiProblem.badRequest(name, "body must be an object with an array '" + name + "'");
        }
        if (array.size() > max) {
            throw tooMany(name, max, "at most " + max + " rows per request, got " + array.size());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode o = array.get(i);
            String where = name + "[" + i + "]";
            if (!o.isObject()) {
                throw ApiProblem.badRequest(where, where + " must be an object");
            }
            rows.add(fields(o, where));
        }
        return rows;
    }

    /** One JSON object as field → text. */
    static Map<String, String> fields(JsonNode object, String where) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            row.put(e.getKey(), text(e.getValue(), where + "." + e.getKey()));
        }
        return row;
    }

    /** The records of a CSV text (RFC 4180), header first; a 400 if there is none. */
    static List<List<String>> records(String body, String expected) {
        List<List<String>> records = parseCsv(body == null ? "" : body);
        if (records.isEmpty()) {
            throw ApiProblem.badRequest("body", "CSV body is empty; the first line names the fields: " + expected);
        }
        return records;
    }

    /**
     * Table records (header first) as rows of field → text. A header is a field of {@code known} or a
     * name {@code aliases} maps to one; any other is a 400 naming it. Empty cells are kept as "".
     */
    static List<Map<String, String>> rows(
            List<List<String>> records, List<String> known, Map<String, String> aliases, int max, String format) {
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            String name = h.strip();
            String field = known.contains(name) ? name : aliases.get(name);
            if (field == null) {
                throw ApiProblem.badRequest(
                        "header",
                        "unknown " + format + " column '" + Decimals.shown(h) + "'; known: " + String.join(",", known)
                                + (aliases.isEmpty()
                                        ? ""
                                        : " or their Chinese names "
                                                + String.join(
                                                        ",",
                                                        aliases.keySet().stream()
                                                                .sorted()
                                                                .toList())));
            }
            if (header.contains(field)) {
                throw ApiProblem.badRequest("header", "column '" + field + "' appears twice in the header");
            }
            header.add(field);
        }
        if (records.size() - 1 > max) {
            throw tooMany("body", max, "at most " + max + " rows per request, got " + (records.size() - 1));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                throw ApiProblem.badRequest(
                        "body", format + " row " + r + " has " + cells.size() + " cells, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                row.put(header.get(c), cells.get(c)); // kept when empty: an empty value cell is a missing value
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text; // spreadsheet exports start with a BOM
        for (int i = 0; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < t.length() && t.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < t.length() && t.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    record.add(cell.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw ApiProblem.badRequest("body", "CSV ends inside a quoted cell");
        }
        if (any || cell.length() > 0) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }
}
