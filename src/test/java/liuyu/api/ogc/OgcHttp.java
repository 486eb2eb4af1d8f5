package liuyu.api.ogc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain java.net.http client for the OGC API tests: absolute links are followed as given. */
final class OgcHttp {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String root;

    OgcHttp(int port) {
        this.root = "http://127.0.0.1:" + port;
    }

    String root() {
        return root;
    }

    /** GET a path under the server root, or an absolute URL; header pairs optional. */
    HttpResponse<String> get(String pathOrUrl, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : root + pathOrUrl));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + pathOrUrl + " failed: " + e, e);
        }
    }

    JsonNode json(String pathOrUrl) {
        HttpResponse<String> r = get(pathOrUrl);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + pathOrUrl + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static String link(JsonNode doc, String rel) {
        for (JsonNode l : doc.path("links")) {
            if (l.path("rel").asString().equals(rel)) {
                return l.path("href").asString();
            }
        }
        return null;
    }
}
