package liuyu.outfalls;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Outfall types of the ledger (beijing-outfall-supervision-2023/2.1a, beijing-outfall-supervision-2023/3.2a); the codes are the rule catalogue's {@code outfallType} values. */
public enum OutfallType {
    INDUSTRIAL("industrial", "工矿企业排污口", true),
    PARK_WWTP("park-wwtp", "工业及其他各类园区污水处理厂排污口", true),
    URBAN_WWTP("urban-wwtp", "城镇污水处理厂排污口", true),
    OVERFLOW("overflow", "溢流口", false),
    BYPASS("bypass", "跨越口", false),
    RAINWATER("rainwater", "雨水排口", false),
    RURAL_OTHER("rural-other", "农村及其他排口", false);

    private final String code;
    private final String nameZh;
    private final boolean settingApproval;

    OutfallType(String code, String nameZh, boolean settingApproval) {
        this.code = code;
        this.nameZh = nameZh;
        this.settingApproval = settingApproval;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    /** Setting these outfalls is subject to approval (审核制, beijing-outfall-supervision-2023/3.2a); the others are ledgered and supervised. */
    public boolean needsSettingApproval() {
        return settingApproval;
    }

    public static OutfallType parse(String text) {
        return Codes.parse(values(), OutfallType::code, text);
    }

    public static String codes() {
        return Arrays.stream(values()).map(OutfallType::code).collect(Collectors.joining(", "));
    }
}
