package liuyu.geo;

/**
 * Text from users (names, signatories, reasons), like {@link Decimals} for numbers: bounded in length
 * and free of control characters, which no name needs and which corrupt logs, CSV exports and screens.
 * Free text (reasons) may hold line breaks.
 */
public final class Texts {
    private Texts() {}

    /** Why {@code text} is not acceptable (a phrase to follow the field's name), or null when it is. */
    public static String problem(String text, int maxChars, boolean lineBreaks) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxChars) {
            return "is longer than " + maxChars + " characters (" + text.length() + ")";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL && !(lineBreaks && (c == '\n' || c == '\r'))) {
                return "holds the control character U+" + String.format("%04X", (int) c) + " at position " + (i + 1)
                        + " (only printable text" + (lineBreaks ? " and line breaks" : "") + ")";
            }
        }
        return null;
    }
}
