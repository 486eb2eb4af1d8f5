package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** What web clients expect of /ogc: CORS with preflight, gzip, ETag/Last-Modified with 304, Vary, 406, limit capping, HTML errors. */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@Tag("integration")
class OgcWebConventionsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORIGIN = "https://maps.example.org";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private HttpResponse<byte[]> send(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(http.root() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCorsPreflightIsAnsweredWithoutAuthenticationAndAllowsReads() {
        HttpResponse<byte[]> r = send(
                "OPTIONS",
                "/ogc/collections/zones/items",
                "Origin",
                ORIGIN,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "accept");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                .contains("GET");
        assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
        // a preflight for a write is refused by CORS (403), never challenged for credentials (401)
        HttpResponse<byte[]> write =
                send("OPTIONS", "/outfalls", "Origin", ORIGIN, "Access-Control-Request-Method", "POST");
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aCrossOriginReadCarriesTheAllowOriginAndExposesTheOgcHeaders() {
        HttpResponse<byte[]> r = send("GET", "/ogc/collections/zones/items", "Origin", ORIGIN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Content-Crs", "ETag");
    }

    @Test
    void geoJsonJsonAndHtmlAreGzippedWhenTheClientAcceptsIt() throws IOException {
        for (String[] c : new String[][] {
            {"/ogc/collections/sections/items?limit=100", "application/geo+json"},
            {"/ogc/api", "application/vnd.oai.openapi+json"},
            {"/ogc/collections", "application/json"},
            {"/ogc/collections/sections/items?limit=100&f=html", "text/html"}
        }) {
            HttpResponse<byte[]> r = send("GET", c[0], "Accept-Encoding", "gzip");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as(c[0])
                    .startsWith(c[1]);
            assertThat(r.headers().firstValue("Content-Encoding")).as(c[0]).hasValue("gzip");
            String body = new String(
                    new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(body)
                    .isEqualTo(http.response(c[0])
                            .body()
                            .replaceAll("\"timeStamp\":\"[^\"]+\"", "\"timeStamp\":\"" + timeStamp(body) + "\""));
        }
        assertThat(send("GET", "/ogc/collections/sections/items?limit=100")
                        .headers()
                        .firstValue("Content-Encoding"))
                .isEmpty();
    }

    private static String timeStamp(String body) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"timeStamp\":\"([^\"]+)\"").matcher(body);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void aCurrentCopyIsAnswered304ByETagOrByDate() {
        for (String path : new String[] {
            "/ogc",
            "/ogc/conformance",
            "/ogc/api",
            "/ogc/collections",
            "/ogc/collections/zones",
            "/ogc/collections/zones/schema",
            "/ogc/collections/zones/items?level=2",
            "/ogc/collections/zones/items/zone-1"
        }) {
            HttpResponse<byte[]> first = send("GET", path);
            assertThat(first.statusCode()).as(path).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            String modified = first.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control")).as(path).hasValue("public, max-age=60");
            assertThat(first.headers().allValues("Vary").toString().toLowerCase(java.util.Locale.ROOT))
                    .as(path)
                    .contains("accept");
            HttpResponse<byte[]> byTag = send("GET", path, "If-None-Match", etag);
            assertThat(byTag.statusCode()).as(path).isEqualTo(304);
            assertThat(byTag.body()).isEmpty();
            assertThat(send("GET", path, "If-Modified-Since", modified).statusCode())
                    .as(path)
                    .isEqualTo(304);
            assertThat(send("GET", path, "If-None-Match", "W/\"something-else\"")
                            .statusCode())
                    .as(path)
                    .isEqualTo(200);
            // the HTML page is another representation: another tag
            HttpResponse<byte[]> html = send("GET", path, "Accept", "text/html");
            assertThat(html.headers().firstValue("ETag").orElseThrow()).as(path).isNotEqualTo(etag);
            assertThat(send("GET", path, "Accept", "text/html", "If-None-Match", etag)
                            .statusCode())
                    .as(path)
                    .isEqualTo(200);
        }
        assertThat(send("GET", "/ogc/collections/zones/items?level=1").headers().firstValue("ETag"))
                .isNotEqualTo(send("GET", "/ogc/collections/zones/items?level=2")
                        .headers()
                        .firstValue("ETag"));
    }

    @Test
    void anAcceptHeaderNamingNothingServedIs406NamingAccept() {
        for (String accept : new String[] {
            "application/xml", "image/png", "text/csv, application/gml+xml;q=0.5", "application/json;q=0"
        }) {
            HttpResponse<String> r = http.response("/ogc/collections/zones/items", "Accept", accept);
            assertThat(r.statusCode()).as(accept).isEqualTo(406);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(Http.JSON.readTree(r.body()).path("parameter").asString())
                    .isEqualTo("Accept");
        }
        assertThat(http.response("/ogc/collections/zones/items", "Accept", "application/*")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.response("/ogc/collections/zones/items", "Accept", "application/geo+json")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.response("/ogc/collections/zones/items", "Accept", "*/*")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aLimitAboveTheMaximumIsServedAtTheMaximum() {
        JsonNode page = http.json("/ogc/collections/sections/items?limit=20000");
        assertThat(page.path("numberReturned").asInt()).isEqualTo(23);
        assertThat(Http.link(page, "self")).contains("limit=10000");
        assertThat(http.json("/ogc/collections/sections/items?limit=99999999999")
                        .path("numberReturned")
                        .asInt())
                .isEqualTo(23);
    }

    @Test
    void anErrorForABrowserIsAnHtmlPageWithTheSameStatus() {
        HttpResponse<String> r = http.response(
                "/ogc/collections/zones/items?limit=0", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body()).contains("<h1>400 Bad Request</h1>", "parameter: limit", "[1, ");
        HttpResponse<String> missing = http.response("/ogc/collections/lakes?f=html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<h1>404 Not Found</h1>", "lakes");
        // programs still get problem+json
        assertThat(http.response("/ogc/collections/lakes")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("application/problem+json");
    }

    @Test
    void theCollectionPageLinksItsJson() {
        String page = http.response("/ogc/collections/zones?f=html").body();
        String base = http.root() + "/ogc/collections/zones";
        assertThat(page)
                .contains(
                        "href=\"" + base + "?f=json\"",
                        "href=\"" + base + "/items?f=json\"",
                        "href=\"" + base + "/schema?f=json\"");
        String json = http.response(base + "?f=json", "Accept", "text/html").body();
        assertThat(Http.JSON.readTree(json).path("id").asString()).isEqualTo("zones");
    }
}
