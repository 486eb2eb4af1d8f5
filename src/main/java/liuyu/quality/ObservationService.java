package liuyu.quality;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Recording and reading observations: a batch is read ({@link Intake}) and stored ({@link ObservationStore}) all or nothing,
 * or under {@code partial} the rows that read; corrections are stored as new versions. Refusals are
 * {@link Rejected}, {@link ObservationConflictException} and {@link NotStored}.
 */
public final class ObservationService {
    private final Intake intake;
    private final ObservationStore store;

    public ObservationService(Intake intake, ObservationStore store) {
        this.intake = intake;
        this.store = store;
    }

    /** What a batch came to; {@code refused} lists every rejection of the rows left out (row counts from 1). */
    public record Recorded(List<String> stored, List<String> unchanged, List<Intake.Rejection> refused) {
        public int refusedRows() {
            return (int)
                    refused.stream().mapToInt(Intake.Rejection::row).distinct().count();
        }
    }

    /** Rows that do not read; nothing of the batch was stored. */
    public static final class Rejected extends RuntimeException {
        private final transient List<Intake.Rejection> rejections;

        Rejected(List<Intake.Rejection> rejections) {
            super(rejections.size() + " problem(s) in the batch, first: row "
                    + rejections.get(0).row() + " field '" + rejections.get(0).field() + "' "
                    + rejections.get(0).reason() + "; nothing of the batch was stored");
            this.rejections = List.copyOf(rejections);
        }

        public List<Intake.Rejection> rejections() {
            return rejections;
        }

        /** The field of the first rejection. */
        public String field() {
            return rejections.get(0).field();
        }
    }

    /** The store failed mid-way; the transaction left nothing behind, so the same batch may be sent again. */
    public static final class NotStored extends RuntimeException {
        NotStored(RuntimeException cause) {
            super("the record store failed; nothing of the batch was stored, retry it with the same ids", cause);
        }
    }

    /**
     * Reads and stores a batch. All or nothing unless {@code partial}: then the rows that read are stored
     * (one transaction) and each refused row is listed with its reasons — a row whose id is stored with
     * other content is refused too. A batch with no good row stores nothing and is refused either way.
     */
    public Recorded record(String user, String siteId, List<Map<String, String>> rows, boolean partial) {
        Intake.Result read = intake.read(siteId, rows);
        if (!read.accepted() && (!partial || read.observations().isEmpty())) {
            throw new Rejected(read.rejections());
        }
        ObservationStore.AppendResult result;
        try {
            result = store.append(user, read.observations(), partial);
        } catch (DataAccessException | TransactionException e) {
            throw new NotStored(e);
        }
        List<Intake.Rejection> refused = new ArrayList<>(read.rejections());
        for (int i = 0; i < read.observations().size(); i++) {
            if (result.conflicts().contains(read.observations().get(i).id())) {
                refused.add(new Intake.Rejection(
                        read.rows().get(i),
                        "id",
                        "id '" + read.observations().get(i).id()
                                + "' is stored with other content; post a correction instead"));
            }
        }
        refused.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return new Recorded(result.stored(), result.unchanged(), refused);
    }

    /** One page of a site's observations over a period (latest versions, in time order) and how many there are in all. */
    public record Page(List<Observation> observations, long numberMatched) {}

    /** At most {@code limit} of the site's observations in {@code period} after skipping {@code offset}. */
    public Page latest(String siteId, Period period, int limit, long offset) {
        long matched = store.countLatest(siteId, period.from(), period.to());
        return new Page(store.latest(siteId, period.from(), period.to(), limit, offset), matched);
    }

    /** Every version of an observation, first to last; empty when there is none. */
    public List<Observation> history(String observationId) {
        return store.history(observationId);
    }

    /** The parameters observed at each site in [from, to), by the latest version of each observation. */
    public Map<String, Set<Parameter>> parametersObserved(Instant from, Instant to) {
        return store.parametersObserved(from, to);
    }

    /** A correction: the full new content of a stored observation, stored as its next version with the reason. */
    public Observation correct(String user, String siteId, Map<String, String> fields, String reason) {
        List<Intake.Rejection> rejections = new ArrayList<>();
        Observation corrected = intake.row(siteId, 1, fields, rejections);
        if (corrected == null) {
            throw new Rejected(rejections);
        }
        try {
            return store.correct(user, corrected, reason).orElseThrow();
        } catch (DataAccessException | TransactionException e) {
            throw new NotStored(e);
        }
    }
}
