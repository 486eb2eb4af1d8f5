package liuyu.api.ogc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import liuyu.api.ApiProblem;

/**
 * The Part 1 {@code datetime} parameter: an RFC 3339 date or date-time, or an interval of two with
 * {@code ..} or nothing for an open end. Checked for form only: no layer of the atlas carries time.
 */
final class Datetime {
    private Datetime() {}

    static void check(String text) {
        if (text == null) {
            return;
        }
        String[] ends = text.split("/", -1);
        if (ends.length > 2) {
            throw ApiProblem.badRequest(
                    "datetime", "datetime must be one instant or an interval start/end, got '" + text + "'");
        }
        if (ends.length == 1) {
            if (instant(ends[0], text) == null) {
                throw ApiProblem.badRequest(
                        "datetime", "datetime must be an RFC 3339 date or date-time, got '" + text + "'");
            }
            return;
        }
        Instant start = instant(ends[0], text);
        Instant end = instant(ends[1], text);
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiProblem.badRequest("datetime", "datetime interval '" + text + "' starts after it ends");
        }
    }

    /** One end: {@code null} when open ({@code ..} or empty). */
    private static Instant instant(String end, String whole) {
        if (end.isEmpty() || end.equals("..")) {
            return null;
        }
        try {
            if (end.length() == 10) {
                return LocalDate.parse(end).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(end).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                    "datetime",
                    "datetime '" + end + "' in '" + whole
                            + "' is not an RFC 3339 date (2024-05-01) or date-time (2024-05-01T08:00:00Z)");
        }
    }
}
