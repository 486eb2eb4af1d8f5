package liuyu.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liuyu.geo.BeijingTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** Append-only store of recorded project-check reports; a batch is one transaction. */
public final class CheckReportStore {
    /** Report numbers and date filters are Beijing calendar days. */
    private static final Pattern NUMBER = Pattern.compile("LY-(\\d{4})-(\\d{6,})");

    /** A district the project touches: its code and Chinese name. */
    public record District(String code, String nameZh) {}

    /**
     * A report to record: the project as submitted and the report, both as JSON text; the applicant the
     * project names, the districts it touches, and the report it re-checks (null for a first check).
     */
    public record Entry(
            String projectId,
            String activity,
            String verdict,
            String ruleset,
            String atlasVersion,
            String projectJson,
            String reportJson,
            String applicant,
            List<District> districts,
            Long previousReportId) {
        public Entry {
            districts = districts == null ? List.of() : List.copyOf(districts);
        }
    }

    public record Stored(long reportId, Entry entry, String recordedBy, Instant recordedAt) {
        /** LY-year-number: the Beijing year of recording and the record id, unique but not gapless. */
        public String reportNumber() {
            return number(reportId, recordedAt);
        }
    }

    /** Filters of a listing; null means no filter. Dates are inclusive Beijing days. */
    public record Filter(
            LocalDate from, LocalDate to, String district, String verdict, String activity, String applicant) {}

    public record Page(List<Stored> items, long matched) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CheckReportStore(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public static String number(long reportId, Instant recordedAt) {
        return String.format("LY-%d-%06d", recordedAt.atZone(BeijingTime.ZONE).getYear(), reportId);
    }

    /** The record id a report number names, or empty when the text is not a report number. */
    public static Optional<Long> idOfNumber(String number) {
        Matcher m = NUMBER.matcher(number);
        if (!m.matches() || m.group(2).length() > 18) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(m.group(2)));
    }

    public List<Stored> append(String user, List<Entry> entries) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            List<Stored> out = new ArrayList<>();
            for (Entry e : entries) {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.update(
                        c -> {
                            var s = c.prepareStatement(
                                    "INSERT INTO check_report (project_id, activity, verdict, ruleset, atlas_version,"
                                            + " project_json, report_json, recorded_by, recorded_at, applicant, previous_report_id)"
                                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                    new String[] {"report_id"});
                            s.setString(1, e.projectId());
                            s.setString(2, e.activity());
                            s.setString(3, e.verdict());
                            s.setString(4, e.ruleset());
                            s.setString(5, e.atlasVersion());
                            s.setString(6, e.projectJson());
                            s.setString(7, e.reportJson());
                            s.setString(8, user);
                            s.setTimestamp(9, Timestamp.from(now));
                            s.setString(10, e.applicant());
                            if (e.previousReportId() == null) {
                                s.setNull(11, java.sql.Types.BIGINT);
                            } else {
                                s.setLong(11, e.previousReportId());
                            }
                            return s;
                        },
                        key);
                long id = key.getKey().longValue();
                for (District d : e.districts()) {
                    jdbc.update(
                            "INSERT INTO check_report_district (report_id, district_code, name_zh) VALUES (?,?,?)",
                            id,
                            d.code(),
                            d.nameZh());
                }
                out.add(new Stored(id, e, user, now));
            }
            return out;
        });
    }

    private static final String COLUMNS =
            "r.report_id, r.project_id, r.activity, r.verdict, r.ruleset, r.atlas_version,"
                    + " r.project_json, r.report_json, r.recorded_by, r.recorded_at, r.applicant, r.previous_report_id";

    public Optional<Stored> find(long reportId) {
        List<Stored> found = jdbc.query(
                "SELECT " + COLUMNS + " FROM check_report r WHERE r.report_id = ?", (rs, i) -> row(rs), reportId);
        return found.isEmpty()
                ? Optional.empty()
                : Optional.of(withDistricts(found).get(0));
    }

    /** The reports matching every filter, newest first, {@code limit} from {@code offset}, and how many match in all. */
    public Page list(Filter f, int limit, long offset) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            where.append(" AND r.recorded_at >= ?");
            args.add(Timestamp.from(f.from().atStartOfDay(BeijingTime.ZONE).toInstant()));
        }
        if (f.to() != null) {
            where.append(" AND r.recorded_at < ?");
            args.add(Timestamp.from(
                    f.to().plusDays(1).atStartOfDay(BeijingTime.ZONE).toInstant()));
        }
        if (f.verdict() != null) {
            where.append(" AND r.verdict = ?");
            args.add(f.verdict());
        }
        if (f.activity() != null) {
            where.append(" AND r.activity = ?");
            args.add(f.activity());
        }
        if (f.applicant() != null) {
            where.append(" AND r.applicant LIKE ? ESCAPE '!'");
            args.add("%" + f.applicant().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (f.district() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM check_report_district d WHERE d.report_id = r.report_id"
                    + " AND (d.district_code = ? OR d.name_zh = ?))");
            args.add(f.district());
            args.add(f.district());
        }
        Long matched = jdbc.queryForObject("SELECT COUNT(*) FROM check_report r" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<Stored> items = jdbc.query(
                "SELECT " + COLUMNS + " FROM check_report r" + where + " ORDER BY r.report_id DESC LIMIT ? OFFSET ?",
                (rs, i) -> row(rs),
                pageArgs.toArray());
        return new Page(withDistricts(items), matched == null ? 0 : matched);
    }

    private List<Stored> withDistricts(List<Stored> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, List<District>> byReport = new LinkedHashMap<>();
        StringBuilder in = new StringBuilder();
        for (Stored s : rows) {
            byReport.put(s.reportId(), new ArrayList<>());
            in.append(in.isEmpty() ? "?" : ",?");
        }
        jdbc.query(
                "SELECT report_id, district_code, name_zh FROM check_report_district WHERE report_id IN (" + in
                        + ") ORDER BY report_id, district_code",
                rs -> {
                    byReport.get(rs.getLong(1)).add(new District(rs.getString(2), rs.getString(3)));
                },
                byReport.keySet().toArray());
        List<Stored> out = new ArrayList<>(rows.size());
        for (Stored s : rows) {
            Entry e = s.entry();
            out.add(new Stored(
                    s.reportId(),
                    new Entry(
                            e.projectId(),
                            e.activity(),
                            e.verdict(),
                            e.ruleset(),
                            e.atlasVersion(),
                            e.projectJson(),
                            e.reportJson(),
                            e.applicant(),
                            byReport.get(s.reportId()),
                            e.previousReportId()),
                    s.recordedBy(),
                    s.recordedAt()));
        }
        return out;
    }

    private static Stored row(ResultSet rs) throws SQLException {
        long previous = rs.getLong(12);
        Long previousId = rs.wasNull() ? null : previous;
        return new Stored(
                rs.getLong(1),
                new Entry(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(11),
                        List.of(),
                        previousId),
                rs.getString(9),
                rs.getTimestamp(10).toInstant());
    }
}
