package liuyu.stations;

/** A packet the receiver will not store, with the reason logged for its station. */
public final class PacketRefused extends RuntimeException {
    private final Refusal refusal;

    public PacketRefused(Refusal refusal, String detail) {
        super(refusal.meaning() + ": " + detail, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
