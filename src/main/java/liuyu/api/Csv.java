package liuyu.api;

/** Cells of the CSV exports: RFC 4180 quoting, and text a spreadsheet would run as a formula made inert. */
public final class Csv {
    // =, +, -, @ start a formula; a leading tab or CR is dropped by some spreadsheets, exposing what follows (OWASP CSV
    // injection)
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {}

    /** One cell: a leading formula character is preceded by a quote ('), then quoted if it holds a comma, quote or line break. */
    public static String cell(String s) {
        String v = !s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }
}
