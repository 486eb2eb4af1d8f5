package liuyu.stations;

/** Lets tests in other packages drive the station simulator. */
public final class StationSimulatorAccess {
    private StationSimulatorAccess() {}

    /** Sends one framed packet on a new connection and returns the answer (or "" / null as {@link StationSimulator#answer}). */
    public static String sendAndAnswer(int port, String data) throws Exception {
        try (StationSimulator s = new StationSimulator(port)) {
            s.sendPacket(data);
            return s.answer(5000);
        }
    }
}
