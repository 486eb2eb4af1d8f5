package liuyu.api.quality;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small java.net.http client for the API tests: JSON replies parsed, any other reply kept as text. */
public record Http(int port) {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Reply(int status, String contentType, String wwwAuthenticate, JsonNode body, String text) {
    }

    public Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).GET());
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

    private Reply write(String method, String path, String contentType, String body, String authorization) throws Exception {
        // X-Liuyu-Client: the header a Basic-authenticated write carries as CSRF defence (as the map page does)
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).header("X-Liuyu-Client", "test")
            .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static final String MONITOR = basic("monitor", "monitor");
    public static final String INSPECTOR = basic("inspector", "inspector");

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = r.body();
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode json = body == null || body.isBlank() || !type.contains("json") ? JSON.missingNode() : JSON.readTree(body);
        return new Reply(r.statusCode(), type, r.headers().firstValue("WWW-Authenticate").orElse(null), json, body);
    }
}
