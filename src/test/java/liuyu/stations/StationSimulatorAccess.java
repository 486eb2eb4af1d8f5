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

    /** A station that stays connected: sends packets and reads the platform's packets (commands) until closed. */
    public static final class Connected implements AutoCloseable {
        private final StationSimulator s;

        public Connected(int port) throws Exception {
            s = new StationSimulator(port);
        }

        public void send(String data) throws Exception {
            s.sendPacket(data);
        }

        public String answer(int millis) throws Exception {
            return s.answer(millis);
        }

        @Override
        public void close() throws Exception {
            s.close();
        }
    }
}
