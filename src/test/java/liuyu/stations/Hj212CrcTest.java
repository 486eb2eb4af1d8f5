package liuyu.stations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The CRC against packets whose CRC was published with them (the oracle is the published digits, not
 * this code):
 * <ul>
 * <li>HJ 212-2017's own example of the check code (6.3.5), data segment
 * {@code QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&},
 * length 0101, CRC 1C80 — as quoted (with the standard's reference C code) at
 * https://www.codeprj.com/zh/blog/7bc0701.html and https://whycan.com/viewtopic.php?id=3594;</li>
 * <li>a real-time packet of a wastewater outlet (w00000, w21001, w21011, w21003, w01018, w01001) whose CRC
 * 6E80 is given at https://forum.wareexpress.com/forum.php?mod=viewthread&amp;tid=6952.</li>
 * </ul>
 */
class Hj212CrcTest {
    static final String STANDARD_EXAMPLE =
            "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";
    static final String FORUM_REALTIME =
            "QN=20210320163101890;ST=32;CN=2011;PW=123456;MN=81733553213013;Flag=4;CP=&&DataTime=20210320013400;"
                    + "w00000-Rtd=181.682,w00000-Flag=N;w21001-SampleTime=20210320005400,w21001-Rtd=45.160,w21001-Flag=N;"
                    + "w21011-SampleTime=20210320013400,w21011-Rtd=1.970,w21011-Flag=N;w21003-SampleTime=20210320013400,w21003-Rtd=53.131,"
                    + "w21003-Flag=N;w01018-SampleTime=20210320013400,w01018-Rtd=194.200,w01018-Flag=N;w01001-SampleTime=20210320013406,"
                    + "w01001-Rtd=7.496,w01001-Flag=N&&";

    @Test
    void theStandardsOwnExampleHasCrc1C80AndLength0101() {
        byte[] data = STANDARD_EXAMPLE.getBytes(StandardCharsets.US_ASCII);
        assertThat(data.length).isEqualTo(101);
        assertThat(Hj212Crc.hex(data, 0, data.length)).isEqualTo("1C80");
        assertThat(new String(Hj212Intake.frame(STANDARD_EXAMPLE), StandardCharsets.US_ASCII))
                .isEqualTo("##0101" + STANDARD_EXAMPLE + "1C80\r\n");
    }

    @Test
    void aPublishedRealTimePacketHasCrc6E80() {
        byte[] data = FORUM_REALTIME.getBytes(StandardCharsets.US_ASCII);
        assertThat(Hj212Crc.hex(data, 0, data.length)).isEqualTo("6E80");
    }

    @Test
    void itIsNotTheModbusCrc() {
        // Modbus CRC-16 XORs the byte into the register unshifted; for the standard's example it gives other digits
        byte[] data = STANDARD_EXAMPLE.getBytes(StandardCharsets.US_ASCII);
        int modbus = 0xFFFF;
        for (byte b : data) {
            modbus ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                modbus = (modbus & 1) != 0 ? (modbus >>> 1) ^ 0xA001 : modbus >>> 1;
            }
        }
        assertThat(String.format("%04X", modbus)).isNotEqualTo("1C80");
    }

    @Test
    void oneChangedByteChangesTheCrc() {
        byte[] data =
                FORUM_REALTIME.replace("w01001-Rtd=7.496", "w01001-Rtd=7.497").getBytes(StandardCharsets.US_ASCII);
        assertThat(Hj212Crc.hex(data, 0, data.length)).isNotEqualTo("6E80");
    }
}
