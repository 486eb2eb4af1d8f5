package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import liuyu.rules.CheckReportStore.District;
import liuyu.rules.CheckReportStore.Entry;
import liuyu.rules.CheckReportStore.Filter;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The check-report store on both record databases (H2 in PostgreSQL mode and a throwaway PostgreSQL):
 * numbers, districts, re-check links, and the listing's filters at the edges of a Beijing day.
 */
@Tag("integration")
class CheckReportStoreTest {
    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.h2(), TestDatabase.postgres());
    }

    static CheckReportStore store(TestDatabase db, String instant) {
        return new CheckReportStore(
                db.jdbc(),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    static Entry entry(String project, String verdict, String applicant, Long previous, District... districts) {
        return new Entry(
                project,
                "dumping",
                verdict,
                "rules@1",
                "atlas@1",
                "{}",
                "{\"verdict\":\"" + verdict + "\"}",
                applicant,
                List.of(districts),
                previous);
    }

    static List<String> projects(CheckReportStore.Page page) {
        return page.items().stream().map(s -> s.entry().projectId()).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void reportsAreNumberedListedAndFilteredByBeijingDays(TestDatabase db) {
        District miyun = new District("110118", "密云区");
        District huairou = new District("110116", "怀柔区");
        // 2026-02-28T16:30Z is already 2026-03-01 00:30 in Beijing; 2025-12-31T15:59Z is still 2025-12-31 23:59
        List<CheckReportStore.Stored> a = store(db, "2025-12-31T15:59:00Z")
                .append("planner", List.of(entry("a", "FORBIDDEN", "甲公司", null, miyun, huairou)));
        List<CheckReportStore.Stored> b = store(db, "2026-02-28T16:30:00Z")
                .append(
                        "monitor",
                        List.of(
                                entry("b", "ALLOWED", "100%_!乙", null),
                                entry("c", "CONDITIONAL", null, a.get(0).reportId(), miyun)));
        long first = a.get(0).reportId();
        assertThat(a.get(0).reportNumber()).isEqualTo(String.format("LY-2025-%06d", first));
        assertThat(b.get(0).reportNumber())
                .isEqualTo(String.format("LY-2026-%06d", b.get(0).reportId()));
        assertThat(CheckReportStore.idOfNumber(a.get(0).reportNumber())).contains(first);
        assertThat(CheckReportStore.idOfNumber("LY-26-1")).isEmpty();

        CheckReportStore store = store(db, "2026-06-01T00:00:00Z");
        CheckReportStore.Stored c = store.find(b.get(1).reportId()).orElseThrow();
        assertThat(c.entry().previousReportId()).isEqualTo(first);
        assertThat(c.entry().districts()).containsExactly(miyun);
        assertThat(store.find(first).orElseThrow().entry().districts()).containsExactly(huairou, miyun); // by code
        assertThat(store.find(b.get(0).reportId()).orElseThrow().entry().previousReportId())
                .isNull();

        Filter none = new Filter(null, null, null, null, null, null);
        assertThat(projects(store.list(none, 10, 0))).containsExactly("c", "b", "a");
        assertThat(store.list(none, 2, 0).matched()).isEqualTo(3);
        assertThat(projects(store.list(none, 2, 2))).containsExactly("a");
        assertThat(projects(store.list(new Filter(LocalDate.parse("2026-03-01"), null, null, null, null, null), 10, 0)))
                .containsExactly("c", "b");
        assertThat(projects(store.list(new Filter(null, LocalDate.parse("2026-02-28"), null, null, null, null), 10, 0)))
                .containsExactly("a");
        assertThat(projects(store.list(new Filter(null, LocalDate.parse("2025-12-31"), null, null, null, null), 10, 0)))
                .containsExactly("a");
        assertThat(projects(store.list(
                        new Filter(
                                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"), null, null, null, null),
                        10,
                        0)))
                .isEmpty();
        assertThat(projects(store.list(new Filter(null, null, "110118", null, null, null), 10, 0)))
                .containsExactly("c", "a");
        assertThat(projects(store.list(new Filter(null, null, "怀柔区", null, null, null), 10, 0)))
                .containsExactly("a");
        assertThat(projects(store.list(new Filter(null, null, null, "ALLOWED", null, null), 10, 0)))
                .containsExactly("b");
        assertThat(projects(store.list(new Filter(null, null, null, null, "outfall", null), 10, 0)))
                .isEmpty();
        // LIKE's wildcards in the filter are matched literally
        assertThat(projects(store.list(new Filter(null, null, null, null, null, "%_!"), 10, 0)))
                .containsExactly("b");
        assertThat(projects(store.list(new Filter(null, null, null, null, null, "_"), 10, 0)))
                .containsExactly("b");
        assertThat(projects(store.list(new Filter(null, null, null, null, null, "公司"), 10, 0)))
                .containsExactly("a");
    }
}
