package liuyu.stations;

/**
 * Why a packet or a connection was refused. {@code closes}: the connection is closed with it — the
 * framing is lost, or the peer is not a station we know, so nothing more it sends can be trusted.
 */
public enum Refusal {
    HEADER("no '##' packet header", true),
    OVERSIZED("data segment longer than the standard's 1024 bytes", true),
    LENGTH("declared length does not match the packet", true),
    CRC("CRC-16 mismatch", false),
    SYNTAX("data segment does not parse", false),
    UNKNOWN_MN("MN not in the station registry", true),
    PASSWORD("wrong password for the MN", true),
    COMMAND("command (CN) not taken", false),
    CODE("pollutant code not in the code table", false),
    VALUE("value refused", false),
    TIME("DataTime refused", false),
    SPLIT("split message refused (parts disagree, too many, or not complete in time)", false),
    CONFLICT("already stored with other values", false),
    STORE("the record store failed", false),
    SLOW("packet not completed in time", true),
    IDLE("connection idle too long", true),
    CONNECTIONS("too many connections", true),
    BUSY("too many packets waiting", true);

    private final String meaning;
    private final boolean closes;

    Refusal(String meaning, boolean closes) {
        this.meaning = meaning;
        this.closes = closes;
    }

    public String meaning() {
        return meaning;
    }

    public boolean closes() {
        return closes;
    }

    /** How it is written in the packet log. */
    public String code() {
        return name().toLowerCase().replace('_', '-');
    }
}
