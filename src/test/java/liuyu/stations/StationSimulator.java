package liuyu.stations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A station on the other end of a TCP connection: sends packets as bytes, reads the platform's answers. */
final class StationSimulator implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    StationSimulator(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A data segment framed as the standard says: {@code ##}, length, data, CRC, CRLF. */
    void sendPacket(String data) throws IOException {
        send(Hj212Intake.frame(data));
    }

    /** What came back before CRLF within the time, "" if nothing came, null when the platform closed the connection. */
    String answer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return got.size() == 0 ? null : got.toString(StandardCharsets.US_ASCII);
                }
                got.write(b);
                byte[] so = got.toByteArray();
                if (so.length >= 2 && so[so.length - 2] == '\r' && so[so.length - 1] == '\n') {
                    return got.toString(StandardCharsets.US_ASCII);
                }
            }
        } catch (SocketTimeoutException e) {
            return got.toString(StandardCharsets.US_ASCII);
        } catch (IOException reset) {
            return null;
        }
    }

    /** True when the platform closes the connection within the time (read end-of-stream or reset). */
    boolean closedWithin(int millis) throws IOException {
        return answer(millis) == null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
