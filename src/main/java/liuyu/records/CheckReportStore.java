package liuyu.records;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** Append-only store of recorded project-check reports; a batch is one transaction. */
public final class CheckReportStore {
    /** A report to record: the project as submitted and the report, both as JSON text. */
    public record Entry(String projectId, String activity, String verdict, String ruleset, String atlasVersion,
                        String projectJson, String reportJson) {
    }

    public record Stored(long reportId, Entry entry, String recordedBy, Instant recordedAt) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public CheckReportStore(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<Stored> append(String user, List<Entry> entries) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            List<Stored> out = new ArrayList<>();
            for (Entry e : entries) {
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                jdbc.update(c -> {
                    var s = c.prepareStatement("INSERT INTO check_report (project_id, activity, verdict, ruleset, atlas_version,"
                        + " project_json, report_json, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)", new String[] {"report_id"});
                    s.setString(1, e.projectId());
                    s.setString(2, e.activity());
                    s.setString(3, e.verdict());
                    s.setString(4, e.ruleset());
                    s.setString(5, e.atlasVersion());
                    s.setString(6, e.projectJson());
                    s.setString(7, e.reportJson());
                    s.setString(8, user);
                    s.setTimestamp(9, Timestamp.from(now));
                    return s;
                }, key);
                out.add(new Stored(key.getKey().longValue(), e, user, now));
            }
            return out;
        });
    }

    public Optional<Stored> find(long reportId) {
        return jdbc.query("SELECT project_id, activity, verdict, ruleset, atlas_version, project_json, report_json, recorded_by,"
                + " recorded_at FROM check_report WHERE report_id = ?", (rs, i) -> new Stored(reportId,
                new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(7)), rs.getString(8), rs.getTimestamp(9).toInstant()), reportId)
            .stream().findFirst();
    }
}
