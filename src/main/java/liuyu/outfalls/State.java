package liuyu.outfalls;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where an outfall stands in 查、测、溯、治 (beijing-outfall-supervision-2023/2.1a, beijing-outfall-supervision-2023/2.2, beijing-outfall-supervision-2023/3.3): discovered → ledgered → traced →
 * monitored → compliant | violation → in remediation (ban, merge or regularise) → closed; a violation
 * found again after closing (反弹, beijing-outfall-supervision-2023/2.2) reopens it.
 */
public enum State {
    DISCOVERED("发现"),
    LEDGERED("纳入台账"),
    TRACED("溯源"),
    MONITORED("监测"),
    COMPLIANT("合规"),
    VIOLATION("违规"),
    IN_REMEDIATION("整治中"),
    CLOSED("销号");

    private final String nameZh;

    State(String nameZh) {
        this.nameZh = nameZh;
    }

    @JsonValue
    public String code() {
        return Codes.of(this);
    }

    public String nameZh() {
        return nameZh;
    }

    /**
     * The states one transition may reach from here. A violation can be found at any inspection once
     * the outfall is traced (beijing-outfall-supervision-2023/3.3: 存在违规设置、借道排污或超标排放等问题的排污口要及时纳入整治计划).
     */
    public Set<State> next() {
        return switch (this) {
            case DISCOVERED -> EnumSet.of(LEDGERED);
            case LEDGERED -> EnumSet.of(TRACED);
            case TRACED -> EnumSet.of(MONITORED, VIOLATION);
            case MONITORED -> EnumSet.of(COMPLIANT, VIOLATION);
            case COMPLIANT -> EnumSet.of(VIOLATION);
            case VIOLATION -> EnumSet.of(IN_REMEDIATION);
            case IN_REMEDIATION -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.of(VIOLATION);
        };
    }

    public static State parse(String text) {
        return Codes.parse(values(), State::code, text);
    }
}
