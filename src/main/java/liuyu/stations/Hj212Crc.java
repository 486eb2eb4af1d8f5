package liuyu.stations;

/**
 * The CRC-16 of HJ 212-2017 (6.3.5): register 0xFFFF, polynomial 0xA001 reflected, but each byte is
 * XORed into the register after shifting it right by 8 — not the Modbus CRC-16, whose sample packets
 * would fail here. Written as four upper-case hex digits after the data segment.
 */
public final class Hj212Crc {
    private Hj212Crc() {}

    public static int of(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ (data[i] & 0xFF);
            for (int bit = 0; bit < 8; bit++) {
                boolean low = (crc & 1) != 0;
                crc >>>= 1;
                if (low) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc & 0xFFFF;
    }

    public static String hex(byte[] data, int offset, int length) {
        return String.format("%04X", of(data, offset, length));
    }
}
