package liuyu.geo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Beijing time (China Standard Time, UTC+8, no daylight saving since 1991): the day a rule, report or ledger is dated by. */
public final class BeijingTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The same as a fixed offset, for month and year boundaries of monitoring periods. */
    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

    private BeijingTime() {}

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
