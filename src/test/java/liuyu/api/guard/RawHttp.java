package liuyu.api.guard;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written by hand, for requests java.net.http refuses to send (malformed query strings, odd content types). */
record RawHttp(int port, int timeoutMs) {
    RawHttp(int port) {
        this(port, 60_000);
    }

    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends the request line, headers and body (Content-Length added when a body is given), reads the answer to the end. */
    Answer send(String method, String target, String headers, byte[] body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            head.append(headers);
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (java.io.IOException refusedEarly) {
                    // the server may answer (413) and close before the whole body is sent
                }
            }
            out.flush();
            return read(s.getInputStream());
        }
    }

    static Answer read(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (java.net.SocketException reset) {
            // the server closed after answering; keep what arrived
        }
        byte[] bytes = all.toByteArray();
        int start = 0;
        int split = find(bytes, start);
        // skip interim 100 Continue answers
        while (split > 0 && new String(bytes, start, 12, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100")) {
            start = split + 4;
            split = find(bytes, start);
        }
        String head = new String(bytes, start, (split < 0 ? bytes.length : split) - start, StandardCharsets.ISO_8859_1);
        byte[] body = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, split + 4, bytes.length);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(head.substring(9, 12)), head, new String(body, StandardCharsets.UTF_8));
    }

    private static int find(byte[] b, int from) {
        for (int i = from; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int eol = at;
            while (eol + 1 < chunked.length && !(chunked[eol] == '\r' && chunked[eol + 1] == '\n')) {
                eol++;
            }
            if (eol + 1 >= chunked.length) {
                break;
            }
            int size = Integer.parseInt(new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            int end = Math.min(chunked.length, eol + 2 + size);
            out.write(chunked, eol + 2, end - eol - 2);
            at = end + 2;
        }
        return out.toByteArray();
    }
}
