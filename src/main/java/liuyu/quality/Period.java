package liuyu.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import liuyu.geo.BeijingTime;

/** A month ("2025-06") or a year ("2025") in Beijing time: [from, to). */
public record Period(String text, Instant from, Instant to) {

    /** Null when the text is neither YYYY-MM nor YYYY. */
    public static Period parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            if (t.matches("\\d{4}-\\d{2}")) {
                return month(YearMonth.parse(t));
            }
            if (t.matches("\\d{4}")) {
                return year(Integer.parseInt(t));
            }
        } catch (DateTimeParseException e) {
            return null;
        }
        return null;
    }

    public static Period month(YearMonth m) {
        return new Period(m.toString(), start(m.atDay(1)), start(m.plusMonths(1).atDay(1)));
    }

    public static Period year(int year) {
        return new Period(
                Integer.toString(year),
                start(Year.of(year).atDay(1)),
                start(Year.of(year + 1).atDay(1)));
    }

    public boolean isMonth() {
        return text.length() == 7;
    }

    /** The month or year before this one. */
    public Period previous() {
        return isMonth() ? month(YearMonth.parse(text).minusMonths(1)) : year(Integer.parseInt(text) - 1);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay().toInstant(BeijingTime.OFFSET);
    }
}
