package liuyu.api.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.api.ApiProblem;
import liuyu.geo.Decimals;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies into rows of field → text. Numbers are read as decimals so "0.150" keeps its
 * three reported decimals (a double would not); CSV follows RFC 4180 (quotes, doubled quotes, CRLF).
 */
final class Bodies {
    private static final JsonMapper DECIMAL_JSON = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private Bodies() {
    }

    static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("body", "request body is empty");
        }
        try {
            return DECIMAL_JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("body", "request body is not valid JSON: " + e.getOriginalMessage());
        }
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

    /** The objects of array member {@code name} as rows, at most {@code max}. */
    static List<Map<String, String>> rows(JsonNode root, String name, int max) {
        JsonNode array = root.path(name);
        if (!array.isArray()) {
            throw ApiProblem.badRequest(name, "body must be an object with an array '" + name + "'");
        }
        if (array.size() > max) {
            throw ApiProblem.badRequest(name, "at most " + max + " rows per request, got " + array.size());
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

    /** CSV with a header line naming the fields; empty cells are absent fields. */
    static List<Map<String, String>> csv(String body, List<String> known, int max) {
        List<List<String>> records = parseCsv(body == null ? "" : body);
        if (records.isEmpty()) {
            throw ApiProblem.badRequest("body", "CSV body is empty; the first line names the fields: " + String.join(",", known));
        }
        List<String> header = records.get(0);
        for (String h : header) {
            if (!known.contains(h.trim())) {
                throw ApiProblem.badRequest("header", "unknown CSV column '" + h + "'; known: " + String.join(",", known));
            }
        }
        if (records.size() - 1 > max) {
            throw ApiProblem.badRequest("body", "at most " + max + " rows per request, got " + (records.size() - 1));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() != header.size()) {
                throw ApiProblem.badRequest("body", "CSV row " + r + " has " + cells.size() + " cells, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                if (!cells.get(c).isEmpty()) {
                    row.put(header.get(c).trim(), cells.get(c));
                }
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
