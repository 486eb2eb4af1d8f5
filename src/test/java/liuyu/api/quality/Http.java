package liuyu.api.quality;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small java.net.http client for the quality API tests. */
record Http(int port) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, String contentType, String wwwAuthenticate, JsonNode body) {
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).GET());
    }

    Reply post(String path, String contentType, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    Reply postJson(String path, String body, String authorization) throws Exception {
        return post(path, "application/json", body, authorization);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static final String MONITOR = basic("monitor", "monitor");

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = r.body();
        JsonNode json = body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
            r.headers().firstValue("WWW-Authenticate").orElse(null), json);
    }
}
