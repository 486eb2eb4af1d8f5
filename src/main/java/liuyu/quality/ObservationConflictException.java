package liuyu.quality;

import java.util.List;

/** A batch re-used ids whose stored first version says something else; nothing of the batch was stored. */
public final class ObservationConflictException extends RuntimeException {
    private final List<String> ids;

    public ObservationConflictException(List<String> ids) {
        super("observation ids already stored with different content: " + ids
                + "; to change a stored observation, post a correction to it");
        this.ids = List.copyOf(ids);
    }

    public List<String> ids() {
        return ids;
    }
}
