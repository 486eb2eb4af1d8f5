package liuyu.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client of the tests, on a service at 127.0.0.1:{@code port}: {@link Reply} with JSON parsed
 * (API tests), the plain {@link HttpResponse} with its headers and absolute links followed as given (OGC API
 * tests), and {@link Raw} for requests java.net.http refuses to send (malformed query strings, odd content types).
 */
public record Http(int port) {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public static final String MONITOR = basic("monitor", "monitor");
    public static final String INSPECTOR = basic("inspector", "inspector");

    public record Reply(int status, String contentType, String wwwAuthenticate, JsonNode body, String text) {}

    public String root() {
        return "http://127.0.0.1:" + port;
    }

    public Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization)
                .GET());
    }

    public Reply post(String path, String contentType, String body, String authorization) throws Exception {
        return write("POST", path, contentType, body, authorization);
    }

    public Reply postJson(String path, String body, String authorization) throws Exception {
        return post(path, "application/json", body, authorization);
    }

    public Reply putJson(String path, String body, String authorization) throws Exception {
        return write("PUT", path, "application/json", body, authorization);
    }

    private Reply write(String method, String path, String contentType, String body, String authorization)
            throws Exception {
        // X-Liuyu-Client: the header a Basic-authenticated write carries as CSRF defence (as the map page does)
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .header("X-Liuyu-Client", "test")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(root() + path);
    }

    private Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = r.body();
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode json =
                body == null || body.isBlank() || !type.contains("json") ? JSON.missingNode() : JSON.readTree(body);
        return new Reply(
                r.statusCode(), type, r.headers().firstValue("WWW-Authenticate").orElse(null), json, body);
    }

    /** GET a path under the server root, or an absolute URL, as the plain response; header name/value pairs optional. */
    public HttpResponse<String> response(String pathOrUrl, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : root() + pathOrUrl));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + pathOrUrl + " failed: " + e, e);
        }
    }

    /** GET that must answer 200 with JSON. */
    public JsonNode json(String pathOrUrl) {
        HttpResponse<String> r = response(pathOrUrl);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathOrUrl + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The href of the first link with relation {@code rel}, or null. */
    public static String link(JsonNode doc, String rel) {
        for (JsonNode l : doc.path("links")) {
            if (l.path("rel").asString().equals(rel)) {
                return l.path("href").asString();
            }
        }
        return null;
    }

    /** Query-string encoding for test URLs (spaces as %20, as browsers send them). */
    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** HTTP/1.1 written by hand, for requests java.net.http refuses to send (malformed query strings, odd content types). */
    public record Raw(int port, int timeoutMs) {
        public Raw(int port) {
            this(port, 60_000);
        }

        public record Answer(int status, String head, String body) {
            public String header(String name) {
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
        public Answer send(String method, String target, String headers, byte[] body) throws Exception {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(timeoutMs);
                OutputStream out = s.getOutputStream();
                StringBuilder head = new StringBuilder(
                        method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
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

        public static Answer read(InputStream in) throws Exception {
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
            String head =
                    new String(bytes, start, (split < 0 ? bytes.length : split) - start, StandardCharsets.ISO_8859_1);
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
                int size = Integer.parseInt(
                        new String(chunked, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
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
}
