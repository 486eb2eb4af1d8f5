package liuyu.storage;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL (postgis profile, migration V30_1) observations are partitioned by month: this creates the partition
 * of this month and of the next {@code liuyu.observations.partitions-ahead} (default 3) at start-up and every
 * {@code liuyu.observations.partition-check-interval} (default 6h), so rows of the coming months never wait in the
 * default partition. A row of a month without a partition is still stored (in the default partition).
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "liuyu.atlas.source", havingValue = "postgis")
public class ObservationPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(ObservationPartitions.class);

    private final JdbcTemplate jdbc;
    private final int ahead;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    public ObservationPartitions(JdbcTemplate jdbc, @Value("${liuyu.observations.partitions-ahead:3}") int ahead) {
        this(jdbc, ahead, Clock.systemUTC());
    }

    public ObservationPartitions(JdbcTemplate jdbc, int ahead, Clock clock) {
        if (ahead < 0 || ahead > 120) {
            throw new IllegalArgumentException(
                    "liuyu.observations.partitions-ahead must be 0 to 120 months, is " + ahead);
        }
        this.jdbc = jdbc;
        this.ahead = ahead;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${liuyu.observations.partition-check-interval:6h}")
    public void check() {
        try {
            ensure();
        } catch (RuntimeException e) {
            LOG.warn(
                    "observation partitions not checked (rows go to the default partition meanwhile): {}",
                    e.getMessage());
        }
    }

    /** The partitions of this month and the next ones, created where missing; their names. */
    public List<String> ensure() {
        OffsetDateTime month = OffsetDateTime.now(clock.withZone(ZoneOffset.UTC))
                .withDayOfMonth(1)
                .withHour(0)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= ahead; i++) {
            names.add(jdbc.queryForObject("SELECT observation_month_partition(?)", String.class, month.plusMonths(i)));
        }
        return names;
    }
}
