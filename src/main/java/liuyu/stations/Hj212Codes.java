package liuyu.stations;

import java.math.BigDecimal;
import java.util.Map;
import liuyu.quality.Parameter;

/**
 * The water pollutant codes of HJ 212-2017 (Appendix B, table B.1) Liuyu records, with the unit the
 * standard sends them in and the factor to the parameter's canonical unit; and the data flags
 * (Appendix, 数据标记) with the abnormal cause each one means. A code not listed here is refused.
 */
public final class Hj212Codes {
    /**
     * One code: the Liuyu parameter, the unit of the value as sent, what turns it into the canonical unit, and the
     * unit of its cumulative total {@code -Cou} (m³ of water, kg of a pollutant; null when the code has none).
     */
    public record Code(String code, Parameter parameter, String unit, BigDecimal factor, String totalUnit) {}

    /** L/s to m³/d: 86,400 s a day, 1,000 L a cubic metre — an exact decimal factor. */
    static final BigDecimal LITRES_PER_SECOND_TO_M3_PER_DAY = new BigDecimal("86.4");

    private static final Map<String, Code> CODES = Map.ofEntries(
            code("w00000", Parameter.FLOW, "L/s", LITRES_PER_SECOND_TO_M3_PER_DAY, "m³"), // 污水 (flow): Rtd/Avg in L/s
            code("w01001", Parameter.PH, "", BigDecimal.ONE, null),
            code("w01009", Parameter.DO, "mg/L", BigDecimal.ONE, null),
            code("w01010", Parameter.WATER_TEMPERATURE, "℃", BigDecimal.ONE, null),
            code("w01014", Parameter.CONDUCTIVITY, "µS/cm", BigDecimal.ONE, null),
            code("w01017", Parameter.BOD5, "mg/L", BigDecimal.ONE, "kg"),
            code("w01018", Parameter.COD, "mg/L", BigDecimal.ONE, "kg"),
            code("w01019", Parameter.CODMN, "mg/L", BigDecimal.ONE, "kg"),
            code("w21001", Parameter.TN, "mg/L", BigDecimal.ONE, "kg"),
            code("w21003", Parameter.NH3N, "mg/L", BigDecimal.ONE, "kg"),
            code("w21011", Parameter.TP, "mg/L", BigDecimal.ONE, "kg"));

    /** The data flags (数据标记) of HJ 212-2017 and the abnormal cause each one records; N is normal. */
    private static final Map<String, String> FLAGS = Map.of(
            "N", "",
            "F", "HJ 212 flag F: station stopped (停运)",
            "M", "HJ 212 flag M: maintenance (维护)",
            "S", "HJ 212 flag S: value set by hand (手工输入的设定值)",
            "D", "HJ 212 flag D: instrument fault (故障)",
            "C", "HJ 212 flag C: calibration (校准)",
            "T", "HJ 212 flag T: above the measuring range (超测上限)",
            "B", "HJ 212 flag B: communication fault (通讯异常)");

    private Hj212Codes() {}

    private static Map.Entry<String, Code> code(
            String code, Parameter parameter, String unit, BigDecimal factor, String totalUnit) {
        return Map.entry(code, new Code(code, parameter, unit, factor, totalUnit));
    }

    /** The code's entry, or null when the table does not hold it. */
    public static Code code(String code) {
        return CODES.get(code);
    }

    /**
     * The abnormal cause a data flag records: null for N (normal) and for no flag, refused for a
     * letter the standard does not define.
     */
    public static String cause(String flag) {
        if (flag == null) {
            return null;
        }
        String cause = FLAGS.get(flag);
        if (cause == null) {
            throw new PacketRefused(Refusal.VALUE, "data flag '" + flag + "' is not one of N, F, M, S, D, C, T, B");
        }
        return cause.isEmpty() ? null : cause;
    }

    public static Map<String, Code> all() {
        return CODES;
    }
}
