package liuyu.outfalls;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.atlas.Feature;
import liuyu.geo.BeijingTime;
import liuyu.outfalls.OutfallStore.Entry;
import liuyu.quality.ObservationService;
import liuyu.quality.Parameter;

/**
 * The ledger's yearly duties: 有水皆测 — every normally-flowing outfall has its water quality and
 * quantity measured at least once a year (beijing-outfall-supervision-2023/2.1) — and each district's report on the previous
 * year's supervision, due by 31 January (beijing-outfall-supervision-2023/5.1). Years are Beijing calendar years.
 */
public final class Supervision {
    public static final String COVERAGE_CLAUSE = "beijing-outfall-supervision-2023/2.1";
    public static final String REPORT_CLAUSE = "beijing-outfall-supervision-2023/5.1";

    private final LedgerQueries ledger;
    private final ObservationService observations;

    public Supervision(LedgerQueries ledger, ObservationService observations) {
        this.ledger = ledger;
        this.observations = observations;
    }

    /** One outfall in scope of 有水皆测 and what it had measured in the year. */
    public record Measured(
            String id, String nameZh, String district, String type, String state, boolean quality, boolean quantity) {
        public boolean covered() {
            return quality && quantity;
        }
    }

    /** Coverage of a year: outfalls in scope, covered, and the uncovered ones by id. */
    public record Coverage(
            int year,
            String district,
            String clause,
            int inScope,
            int covered,
            Double share,
            List<Measured> uncovered) {}

    /** The district's annual report (beijing-outfall-supervision-2023/5.1). */
    public record Report(
            int year,
            String district,
            String districtNameZh,
            LocalDate due,
            boolean provisional,
            String clause,
            int outfalls,
            Map<String, Integer> byType,
            Map<String, Integer> byState,
            int added,
            int closed,
            Map<String, Integer> closedBy,
            int violationsFound,
            Map<String, Integer> violationsByKind,
            int violationsRemediated,
            Coverage coverage,
            List<String> notes,
            List<String> notesZh) {}

    public Coverage coverage(int year, String district) {
        checkYear(year);
        Map<String, Set<Parameter>> measured = observations.parametersObserved(start(year), start(year + 1));
        List<Measured> scope = new ArrayList<>();
        for (Entry e : inDistrict(district)) {
            State atEnd = stateAt(e, endOf(year));
            if (atEnd == null || !e.outfall().normallyFlowing() || !discharges(e, endOf(year))) {
                continue;
            }
            Set<Parameter> params = measured.getOrDefault(e.outfall().id(), Set.of());
            boolean quality = params.stream().anyMatch(p -> p.kind() != Parameter.Kind.NOT_CLASSED);
            boolean quantity = params.contains(Parameter.FLOW);
            scope.add(new Measured(
                    e.outfall().id(),
                    e.outfall().nameZh(),
                    districtOf(e),
                    e.outfall().type().code(),
                    atEnd.code(),
                    quality,
                    quantity));
        }
        List<Measured> uncovered = scope.stream().filter(m -> !m.covered()).toList();
        int covered = scope.size() - uncovered.size();
        return new Coverage(
                year,
                district,
                COVERAGE_CLAUSE,
                scope.size(),
                covered,
                scope.isEmpty() ? null : Math.round(1000.0 * covered / scope.size()) / 1000.0,
                uncovered);
    }

    public Report report(String district, String districtNameZh, int year) {
        checkYear(year);
        LocalDate end = endOf(year);
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (OutfallType t : OutfallType.values()) {
            byType.put(t.code(), 0);
        }
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (State s : State.values()) {
            byState.put(s.code(), 0);
        }
        Map<Remediation, Integer> closedBy = new EnumMap<>(Remediation.class);
        Map<Violation, Integer> kinds = new EnumMap<>(Violation.class);
        int total = 0;
        int added = 0;
        int closed = 0;
        int found = 0;
        for (Entry e : inDistrict(district)) {
            State atEnd = stateAt(e, end);
            if (atEnd == null) {
                continue; // discovered after the year
            }
            total++;
            byType.merge(e.outfall().type().code(), 1, Integer::sum);
            byState.merge(atEnd.code(), 1, Integer::sum);
            for (Transition t : e.steps()) {
                if (t.occurredOn().getYear() != year) {
                    continue;
                }
                if (t.from() == null) {
                    added++;
                } else if (t.to() == State.CLOSED) {
                    closed++;
                    closedBy.merge(t.remediation(), 1, Integer::sum);
                } else if (t.to() == State.VIOLATION) {
                    found++;
                    t.violations().forEach(v -> kinds.merge(v, 1, Integer::sum));
                }
            }
        }
        Map<String, Integer> closedByCode = new LinkedHashMap<>();
        for (Remediation r : Remediation.values()) {
            closedByCode.put(r.code(), closedBy.getOrDefault(r, 0));
        }
        Map<String, Integer> kindsByCode = new LinkedHashMap<>();
        for (Violation v : Violation.values()) {
            kindsByCode.put(v.code(), kinds.getOrDefault(v, 0));
        }
        boolean provisional = !ledger.today().isAfter(end);
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>(); // the same notes in Chinese, item for item
        if (provisional) {
            notes.add("the year " + year + " is not over: figures are provisional");
            notesZh.add(year + "年尚未结束：数字为临时数");
        }
        notes.add("states are as at " + end
                + " by the dates steps happened; types and locations are as the ledger holds them now");
        notesZh.add("状态按各环节发生日期截至" + end + "统计；类型和位置为台账当前所载");
        if (ledger.entries().stream().anyMatch(e -> !e.outfall().provenance().authoritative())) {
            notes.add(
                    "the ledger holds non-authoritative records (see each record's provenance): not for official reporting");
            notesZh.add("台账含非权威记录（见各记录的来源说明）：不得用于正式报告");
        }
        return new Report(
                year,
                district,
                districtNameZh,
                LocalDate.of(year + 1, 1, 31),
                provisional,
                REPORT_CLAUSE,
                total,
                byType,
                byState,
                added,
                closed,
                closedByCode,
                found,
                kindsByCode,
                closed,
                coverage(year, district),
                notes,
                notesZh);
    }

    /** The state at the end of {@code day}; null if the outfall was not yet discovered. */
    static State stateAt(Entry e, LocalDate day) {
        State s = null;
        for (Transition t : e.steps()) {
            if (t.occurredOn().isAfter(day)) {
                break;
            }
            s = t.to();
        }
        return s;
    }

    /** Still discharging on {@code day}: not closed by a ban or a merge. */
    static boolean discharges(Entry e, LocalDate day) {
        Transition last = null;
        for (Transition t : e.steps()) {
            if (t.occurredOn().isAfter(day)) {
                break;
            }
            last = t;
        }
        return last != null && !(last.to() == State.CLOSED && last.remediation().endsDischarge());
    }

    private Collection<Entry> inDistrict(String district) {
        if (district == null) {
            return ledger.entries();
        }
        return ledger.entries().stream()
                .filter(e -> district.equals(districtOf(e)))
                .toList();
    }

    private String districtOf(Entry e) {
        Feature f = OutfallAssessment.district(
                ledger.atlas(), e.outfall().lon(), e.outfall().lat());
        return f == null ? null : f.id();
    }

    private void checkYear(int year) {
        int now = ledger.today().getYear();
        if (year < 2000 || year > now) {
            throw LedgerException.bad("year", "a year from 2000 to " + now + ", got " + year);
        }
    }

    private static LocalDate endOf(int year) {
        return LocalDate.of(year, 12, 31);
    }

    private static Instant start(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(BeijingTime.ZONE).toInstant();
    }
}
