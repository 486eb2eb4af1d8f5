package liuyu.quality;

import java.util.List;

/**
 * Published by {@link ObservationStore} once a transaction that stored observations has committed (new ids and
 * corrections; a retried batch's unchanged rows are not in it): how features that judge incoming values (alarms)
 * hear of them without quality depending on them. Listeners run on the storing thread, after the commit.
 */
public record ObservationsStored(List<Observation> observations) {
    public ObservationsStored {
        observations = List.copyOf(observations);
    }
}
