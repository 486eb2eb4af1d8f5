package liuyu.alarms;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import liuyu.quality.Classifier;
import liuyu.quality.Observation;
import liuyu.quality.ObservationsStored;
import liuyu.quality.Parameter;
import liuyu.quality.Section;
import liuyu.quality.WaterClass;
import liuyu.quality.Waterbody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Judges what the observation store stored (every rule that covers a value; a section's target for exceedance),
 * checks the series for transmission gaps, raises alarms and takes their acknowledgements and closures. Each change
 * is handed to the live subscribers (the SSE stream) and the webhooks after its transaction committed.
 *
 * <p>Stored observations are judged on one thread of their own, never on the storing thread: that thread still holds
 * its pooled connection when the store announces the commit, so judging there needs a second connection per storing
 * thread and exhausts the pool under load. Batches waiting to be judged are judged together, in one transaction, up to
 * {@link #PER_TRANSACTION} observations; beyond {@code queueLimit} waiting observations new ones are left unjudged and
 * counted ({@link #unjudged()}), so a flood cannot run the heap out.
 */
public final class Alarms implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alarms.class);
    /** Who raises alarms: the events of rules, not of a person. */
    public static final String RAISER = "liuyu-alarms";

    public static final int MAX_REASON = 2000;
    /** Observations judged in one transaction at most (a single stored batch is never split). */
    static final int PER_TRANSACTION = 10_000;

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Duration WARN_EVERY = Duration.ofSeconds(10);

    private static final Set<String> AUTOMATIC_KINDS = Set.of(Observation.Source.AUTOMATIC, "hj212");
    private static final Set<String> JUDGED_KINDS =
            Set.of(Observation.Source.MANUAL, Observation.Source.AUTOMATIC, "hj212");

    private final List<AnomalyRule> rules;
    private final AnomalyLog anomalies;
    private final AlarmLog alarms;
    private final Function<String, Optional<Section>> sections;
    private final Classifier classifier;
    private final DischargeLimits dischargeLimits;
    private final TransactionTemplate transactions;
    private final Webhooks webhooks;
    private final Clock clock;
    private final List<Consumer<AlarmLog.Event>> subscribers = new CopyOnWriteArrayList<>();
    // one judgement at a time: "no open alarm of this kind yet" must hold until the new one is committed
    private final Object judging = new Object();
    private final int queueLimit;
    private final ExecutorService judge = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alarms-judge");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<List<Observation>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong unjudged = new AtomicLong();
    private final Object settledSignal = new Object();
    private volatile Instant lastBehindWarning = Instant.EPOCH;

    /**
     * {@code sections} finds a section by id (empty for outfalls and unknown sites); {@code transactions} must propagate
     * REQUIRES_NEW; {@code queueLimit} is how many stored observations may wait to be judged. */
    public Alarms(
            List<AnomalyRule> rules,
            AnomalyLog anomalies,
            AlarmLog alarms,
            Function<String, Optional<Section>> sections,
            Classifier classifier,
            DischargeLimits dischargeLimits,
            TransactionTemplate transactions,
            Webhooks webhooks,
            Clock clock,
            int queueLimit) {
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queueLimit must be at least 1, got " + queueLimit);
        }
        this.queueLimit = queueLimit;
        this.rules = List.copyOf(rules);
        this.anomalies = anomalies;
        this.alarms = alarms;
        this.sections = sections;
        this.classifier = classifier;
        this.dischargeLimits = dischargeLimits;
        this.transactions = transactions;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public List<AnomalyRule> rules() {
        return rules;
    }

    /** Hears every change from now on; the returned handle stops it. */
    public Runnable subscribe(Consumer<AlarmLog.Event> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Takes a committed batch for judging on the alarms' own thread and returns at once: never fails the storing
     * request, never waits for a connection.
     */
    @EventListener
    public void onStored(ObservationsStored stored) {
        List<Observation> batch = stored.observations();
        if (batch.isEmpty()) {
            return;
        }
        if (pending.addAndGet(batch.size()) > queueLimit) {
            settle(batch.size());
            leftUnjudged(batch.size(), "more than " + queueLimit + " observations are waiting to be judged");
            return;
        }
        waiting.add(batch);
        try {
            judge.execute(this::judgeWaiting);
        } catch (RejectedExecutionException closed) {
            // the service is stopping; whatever is still waiting is counted by close()
        }
    }

    /** Observations stored but not judged yet. */
    public long pending() {
        return pending.get();
    }

    /** Observations that were stored but never judged, because too many waited or judging failed. */
    public long unjudged() {
        return unjudged.get();
    }

    /** Waits until every observation stored so far has been judged (or left unjudged); false if the time ran out. */
    public boolean settled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settledSignal) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(settledSignal, left);
            }
        }
        return true;
    }

    /** Judges what is still waiting (for a short while), then stops the judging thread. */
    @Override
    public void close() {
        judge.shutdown();
        try {
            if (!judge.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                judge.shutdownNow();
            }
        } catch (InterruptedException e) {
            judge.shutdownNow();
            Thread.currentThread().interrupt();
        }
        long left = pending.getAndSet(0);
        if (left > 0) {
            unjudged.addAndGet(left);
            LOG.warn("{} stored observation(s) were not judged: the service stopped first", left);
        }
    }

    /** One transaction over the batches waiting now; runs only on the judging thread. */
    private void judgeWaiting() {
        List<Observation> batch = new ArrayList<>();
        for (List<Observation> next; batch.size() < PER_TRANSACTION && (next = waiting.poll()) != null; ) {
            batch.addAll(next);
        }
        if (batch.isEmpty()) {
            return; // an earlier run took this batch along with its own
        }
        try {
            List<AlarmLog.Event> raised;
            synchronized (judging) {
                raised = transactions.execute(s -> judge(batch));
            }
            publish(raised);
        } catch (RuntimeException e) {
            leftUnjudged(batch.size(), "judging failed: " + e);
        } finally {
            settle(batch.size());
        }
    }

    private void settle(int judged) {
        if (pending.addAndGet(-judged) <= 0) {
            synchronized (settledSignal) {
                settledSignal.notifyAll();
            }
        }
    }

    /** Counted always, logged at most every {@link #WARN_EVERY} so that a flood does not flood the log too. */
    private void leftUnjudged(int count, String why) {
        long total = unjudged.addAndGet(count);
        Instant now = Instant.now();
        if (Duration.between(lastBehindWarning, now).compareTo(WARN_EVERY) >= 0) {
            lastBehindWarning = now;
            LOG.warn("anomaly rules not applied to {} stored observation(s) ({} since start): {}", count, total, why);
        }
    }

    List<AlarmLog.Event> judge(List<Observation> stored) {
        List<AlarmLog.Event> raised = new ArrayList<>();
        Instant now = clock.instant();
        List<Observation> sorted = new ArrayList<>(stored);
        sorted.sort(Comparator.comparing(o -> o.sampledAt().toInstant()));
        Nearby nearby = new Nearby(sorted);
        Before before = new Before(sorted);
        for (Observation o : sorted) {
            String kind = o.source().kind();
            if (o.value() == null || !JUDGED_KINDS.contains(kind)) {
                continue; // synthetic demo data and missing values are not judged
            }
            boolean found = false;
            for (AnomalyRule rule : rules) {
                if (rule.kind() == AnomalyRule.Kind.MANUAL && kind.equals(Observation.Source.MANUAL)) {
                    manualArrived(rule, o, nearby, now, raised);
                    continue;
                }
                if (!rule.covers(o.siteId(), o.parameter().code(), kind)) {
                    continue;
                }
                Optional<String> finding = switch (rule.kind()) {
                    case RANGE, NEGATIVE -> Detector.judge(rule, o.value(), List.of());
                    case FLAT, SPIKE ->
                        o.abnormal()
                                ? Optional.<String>empty()
                                : Detector.judge(rule, o.value(), before.previous(rule, o));
                    case MANUAL -> o.abnormal() ? Optional.<String>empty() : againstManual(rule, o, nearby);
                    case GAP -> Optional.<String>empty();
                };
                if (finding.isPresent()) {
                    found = true;
                    flag(
                            rule,
                            o.id(),
                            o.version(),
                            o.siteId(),
                            o.parameter().code(),
                            o.sampledAt(),
                            o.value(),
                            o.unit(),
                            finding.get(),
                            now,
                            raised);
                }
            }
            if (!found && !o.abnormal() && !o.belowDetectionLimit()) {
                exceedance(o, now).ifPresent(raised::add);
                dischargeLimits.judge(o, now).ifPresent(raised::add);
            }
        }
        return raised;
    }

    /**
     * The readings stored before each value of a batch, for the flat and spike rules: read once per series (site,
     * parameter, source kind) with two queries — the longest look-back before the batch's first value, then everything
     * from there to its last — instead of one query per value, which made judging fall behind a busy site.
     */
    private final class Before {
        private final Map<String, OffsetDateTime[]> spans = new HashMap<>();
        private final Map<String, List<AnomalyLog.Reading>> read = new HashMap<>();
        private final int lookBack;

        Before(List<Observation> sortedBatch) {
            for (Observation o : sortedBatch) {
                spans.computeIfAbsent(key(o), k -> new OffsetDateTime[] {o.sampledAt(), o.sampledAt()})[1] =
                        o.sampledAt();
            }
            lookBack = rules.stream().mapToInt(Alarms::lookBack).max().orElse(0);
        }

        /** The rule's last readings before {@code o}, oldest first, as one query per value would have read them. */
        List<BigDecimal> previous(AnomalyRule rule, Observation o) {
            List<AnomalyLog.Reading> series = read.computeIfAbsent(key(o), k -> readSeries(o));
            Instant at = o.sampledAt().toInstant();
            int lo = 0; // binary search for the first reading not before o: readings are sorted by time
            int hi = series.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (series.get(mid).sampledAt().toInstant().isBefore(at)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return series.subList(Math.max(0, lo - lookBack(rule)), lo).stream()
                    .map(AnomalyLog.Reading::value)
                    .toList();
        }

        private List<AnomalyLog.Reading> readSeries(Observation o) {
            OffsetDateTime[] span = spans.get(key(o));
            String kind = o.source().kind();
            List<AnomalyLog.Reading> earlier =
                    anomalies.previous(o.siteId(), o.parameter().code(), kind, span[0], lookBack);
            OffsetDateTime from = earlier.isEmpty() ? span[0] : earlier.get(0).sampledAt();
            return anomalies.around(o.siteId(), o.parameter().code(), Set.of(kind), from, span[1]);
        }
    }

    private static String key(Observation o) {
        return o.siteId() + "\u0000" + o.parameter().code() + "\u0000"
                + o.source().kind();
    }

    private static int lookBack(AnomalyRule rule) {
        return switch (rule.kind()) {
            case FLAT -> rule.readings() - 1;
            case SPIKE -> rule.window();
            default -> 0;
        };
    }

    /** An automatic value against the manual comparison sample nearest in time within the rule's window. */
    private Optional<String> againstManual(AnomalyRule rule, Observation o, Nearby nearby) {
        return nearby.nearest(o, Set.of(Observation.Source.MANUAL), rule.within())
                .flatMap(m -> Detector.disagrees(rule, o.value(), m.value(), m.id()));
    }

    /** A manual sample that arrives after the automatic values: the nearest automatic value is judged against it. */
    private void manualArrived(
            AnomalyRule rule, Observation manual, Nearby nearby, Instant now, List<AlarmLog.Event> raised) {
        if (manual.abnormal()) {
            return;
        }
        Set<String> kinds = rule.sources().isEmpty() ? AUTOMATIC_KINDS : rule.sources();
        Optional<AnomalyLog.Reading> auto = nearby.nearest(manual, kinds, rule.within())
                .filter(r -> rule.covers(manual.siteId(), manual.parameter().code(), r.sourceKind()));
        if (auto.isEmpty()) {
            return;
        }
        // the manual value itself is not in doubt: the automatic one is flagged
        AnomalyLog.Reading a = auto.get();
        Optional<String> finding = Detector.disagrees(rule, a.value(), manual.value(), manual.id());
        finding.ifPresent(d -> flag(
                rule,
                a.id(),
                a.version(),
                manual.siteId(),
                manual.parameter().code(),
                a.sampledAt(),
                a.value(),
                manual.unit(),
                d,
                now,
                raised));
    }

    /**
     * The readings near a batch's values, read once per series, source kinds and window for the whole batch (a batch of
     * 10,000 manual results is one query, not 10,000).
     */
    private final class Nearby {
        private final Map<String, OffsetDateTime[]> spans = new HashMap<>();
        private final Map<String, List<AnomalyLog.Reading>> read = new HashMap<>();

        Nearby(List<Observation> sortedBatch) {
            for (Observation o : sortedBatch) {
                spans.computeIfAbsent(o.siteId() + "\u0000" + o.parameter(), k ->
                                new OffsetDateTime[] {o.sampledAt(), o.sampledAt()})[1] =
                        o.sampledAt();
            }
        }

        Optional<AnomalyLog.Reading> nearest(Observation o, Set<String> kinds, Duration within) {
            String series = o.siteId() + "\u0000" + o.parameter();
            OffsetDateTime[] span = spans.get(series);
            List<AnomalyLog.Reading> readings = read.computeIfAbsent(
                    series + "\u0000" + new TreeSet<>(kinds) + "\u0000" + within,
                    k -> anomalies.around(
                            o.siteId(), o.parameter().code(), kinds, span[0].minus(within), span[1].plus(within)));
            return Alarms.nearest(
                    readings.stream()
                            .filter(r -> Duration.between(r.sampledAt(), o.sampledAt())
                                            .abs()
                                            .compareTo(within)
                                    <= 0)
                            .toList(),
                    o.sampledAt());
        }
    }

    private static Optional<AnomalyLog.Reading> nearest(List<AnomalyLog.Reading> readings, OffsetDateTime t) {
        return readings.stream()
                .min(Comparator.comparing((AnomalyLog.Reading r) ->
                                Duration.between(r.sampledAt(), t).abs())
                        .thenComparing(AnomalyLog.Reading::id));
    }

    private void flag(
            AnomalyRule rule,
            String observationId,
            int version,
            String site,
            String parameter,
            OffsetDateTime sampledAt,
            BigDecimal value,
            String unit,
            String detail,
            Instant now,
            List<AlarmLog.Event> raised) {
        Optional<AnomalyLog.Anomaly> a =
                anomalies.record(observationId, version, site, parameter, sampledAt, rule, value, detail, now);
        if (a.isEmpty()) {
            return;
        }
        String kind = rule.kind() == AnomalyRule.Kind.GAP ? "gap" : "anomaly";
        if (alarms.open(kind, site, parameter, rule.id())) {
            return; // one open alarm per series and rule: the later findings are listed under /anomalies
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("observationIds", List.of(observationId));
        evidence.put("observationVersion", version);
        evidence.put("sampledAt", sampledAt.toInstant().toString());
        evidence.put("value", value.toPlainString());
        evidence.put("unit", unit);
        evidence.put("rule", rule.id());
        evidence.put("ruleKind", rule.kind().code());
        evidence.put("cause", rule.cause());
        evidence.put("anomalyId", a.get().id());
        evidence.put("detail", detail);
        raised.add(alarms.raise(
                kind, site, parameter, rule.id(), site + " " + parameter + ": " + detail, evidence, now, RAISER));
    }

    /** A section's value worse than its target class (GB 3838-2002 through {@link Classifier}); outfalls have no limits here. */
    private Optional<AlarmLog.Event> exceedance(Observation o, Instant now) {
        Optional<Section> section = sections.apply(o.siteId());
        Parameter p = o.parameter();
        if (section.isEmpty() || p == null || section.get().targetClass() == null) {
            return Optional.empty();
        }
        Section s = section.get();
        Waterbody w = s.waterbody();
        if (w == null || w == Waterbody.UNKNOWN || p.kind() == Parameter.Kind.NOT_CLASSED) {
            return Optional.empty();
        }
        WaterClass target = s.targetClass();
        WaterClass got = classifier.classOf(p, w, o.value().doubleValue());
        if (got == null || !got.worseThan(target)) {
            return Optional.empty();
        }
        String rule = "target:" + target.code();
        if (alarms.open("exceedance", s.id(), p.code(), rule)) {
            return Optional.empty();
        }
        String limit = p.kind() == Parameter.Kind.RANGE
                ? Parameter.PH_MIN.toPlainString() + "–" + Parameter.PH_MAX.toPlainString()
                : p.limits(w)[target.ordinal()].toPlainString();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("observationIds", List.of(o.id()));
        evidence.put("observationVersion", o.version());
        evidence.put("sampledAt", o.sampledAt().toInstant().toString());
        evidence.put("value", o.value().toPlainString());
        evidence.put("unit", o.unit());
        evidence.put("limit", limit);
        evidence.put(
                "limitKind",
                p.kind() == Parameter.Kind.NOT_LOWER_THAN
                        ? "at least"
                        : p.kind() == Parameter.Kind.RANGE ? "within" : "at most");
        evidence.put("targetClass", target.code());
        evidence.put("valueClass", got.code());
        evidence.put("rule", rule);
        evidence.put("standard", "GB 3838-2002");
        String summary = s.id() + " " + p.code() + " " + o.value().toPlainString() + " " + o.unit() + " is class "
                + got.code() + ", worse than the target " + target.code() + " (limit " + limit + ")";
        return Optional.of(alarms.raise("exceedance", s.id(), p.code(), rule, summary, evidence, now, RAISER));
    }

    /** The transmission-gap check over every series a gap rule covers; the count of alarms raised. */
    public int checkGaps() {
        List<AlarmLog.Event> raised;
        synchronized (judging) {
            raised = transactions.execute(s -> {
                List<AlarmLog.Event> out = new ArrayList<>();
                Instant now = clock.instant();
                for (AnomalyRule rule : rules) {
                    if (rule.kind() != AnomalyRule.Kind.GAP) {
                        continue;
                    }
                    Set<String> kinds = rule.sources().isEmpty() ? JUDGED_KINDS : new LinkedHashSet<>(rule.sources());
                    for (AnomalyLog.SeriesEnd end : anomalies.seriesEnds(kinds, now.minus(rule.watch()))) {
                        AnomalyLog.Reading last = end.last();
                        if (!rule.covers(end.siteId(), end.parameter(), last.sourceKind())) {
                            continue;
                        }
                        Detector.gap(rule, last.sampledAt().toInstant(), now)
                                .ifPresent(d -> flag(
                                        rule,
                                        last.id(),
                                        last.version(),
                                        end.siteId(),
                                        end.parameter(),
                                        last.sampledAt(),
                                        last.value(),
                                        null,
                                        d,
                                        now,
                                        out));
                    }
                }
                return out;
            });
        }
        publish(raised);
        return raised.size();
    }

    /** Acknowledges ({@link AlarmLog#ACKNOWLEDGED}) or closes ({@link AlarmLog#CLOSED}) an alarm with a reason. */
    public AlarmLog.Event act(long alarmId, String action, String user, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw new AlarmException(
                    AlarmException.Kind.BAD_REQUEST,
                    "reason",
                    "a reason of 1 to " + MAX_REASON + " characters is required");
        }
        if (why.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new AlarmException(
                    AlarmException.Kind.BAD_REQUEST,
                    "reason",
                    "the reason must be printable text (line breaks and tabs allowed)");
        }
        AlarmLog.Event event;
        synchronized (judging) {
            event = transactions.execute(s -> {
                AlarmLog.Alarm alarm = alarms.find(alarmId)
                        .orElseThrow(
                                () -> new AlarmException(AlarmException.Kind.NOT_FOUND, "id", "no alarm " + alarmId));
                if (alarm.state().equals(AlarmLog.CLOSED)) {
                    throw new AlarmException(
                            AlarmException.Kind.CONFLICT,
                            "state",
                            "alarm " + alarmId + " is closed; nothing follows a closure");
                }
                if (action.equals(AlarmLog.ACKNOWLEDGED) && alarm.state().equals(AlarmLog.ACKNOWLEDGED)) {
                    throw new AlarmException(
                            AlarmException.Kind.CONFLICT, "state", "alarm " + alarmId + " is already acknowledged");
                }
                return alarms.append(alarmId, action, clock.instant(), user, why);
            });
        }
        publish(List.of(event));
        return event;
    }

    private void publish(List<AlarmLog.Event> events) {
        if (events == null) {
            return;
        }
        for (AlarmLog.Event e : events) {
            for (Consumer<AlarmLog.Event> s : subscribers) {
                try {
                    s.accept(e);
                } catch (RuntimeException failed) {
                    LOG.debug("alarm subscriber failed: {}", failed.toString());
                }
            }
            webhooks.deliver(e);
        }
    }
}
