package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A streamed answer that fails after it began reaches the client as a failed transfer over real Tomcat, not as
 * a 200 whose JSON is complete but short; one that fails before it began is still a problem document.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "liuyu.quality.demo-observations=false")
@Import(StreamedJsonCutOffTest.Failing.class)
@ExtendWith(OutputCaptureExtension.class)
@Tag("integration")
class StreamedJsonCutOffTest {
    @LocalServerPort
    int port;

    @RestController
    static class Failing {
        private final JsonMapper json;

        Failing(JsonMapper json) {
            this.json = json;
        }

        /** 2,000 features written and flushed, then the work fails as a stopped batch does. */
        @GetMapping("/test-only/fails-midway")
        void midway(HttpServletResponse response) throws IOException {
            StreamedJson.write(json, response, "application/json", out -> {
                out.writeStartArray();
                for (int i = 0; i < 2000; i++) {
                    out.writeStartObject();
                    out.writeNumberProperty("n", i);
                    out.writeStringProperty("pad", "x".repeat(40));
                    out.writeEndObject();
                }
                out.flush();
                throw ApiProblem.badRequest("n", "stopped after 2000");
            });
        }

        /** A fault in the code, not a refusal, after the first features left. */
        @GetMapping("/test-only/breaks-midway")
        void broken(HttpServletResponse response) throws IOException {
            StreamedJson.write(json, response, "application/json", out -> {
                out.writeStartArray();
                for (int i = 0; i < 2000; i++) {
                    out.writeNumber(i);
                }
                out.flush();
                throw new IllegalStateException("a fault after 2000");
            });
        }

        @GetMapping("/test-only/fails-at-once")
        void atOnce(HttpServletResponse response) throws IOException {
            StreamedJson.write(json, response, "application/json", out -> {
                out.writeStartArray();
                throw ApiProblem.badRequest("n", "stopped before any item");
            });
        }
    }

    private HttpResponse<InputStream> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void aFailureAfterTheAnswerBeganCutsTheTransferInsteadOfEndingTheDocument(CapturedOutput log) throws Exception {
        HttpResponse<InputStream> r = get("/test-only/fails-midway");
        assertThat(r.statusCode()).isEqualTo(200); // the status left with the first bytes
        assertThatThrownBy(() -> {
                    try (InputStream body = r.body()) {
                        body.readAllBytes();
                    }
                })
                .isInstanceOf(IOException.class);
        assertThat(log.getOut()).doesNotContain(" ERROR ");
    }

    @Test
    void aFaultAfterTheAnswerBeganIsCutOffAndLoggedOnceAsAnError(CapturedOutput log) throws Exception {
        HttpResponse<InputStream> r = get("/test-only/breaks-midway");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> {
                    try (InputStream body = r.body()) {
                        body.readAllBytes();
                    }
                })
                .isInstanceOf(IOException.class);
        String out = log.getOut();
        assertThat(out).contains("answer cut off after it began").contains("a fault after 2000");
        assertThat(out.split(" ERROR ", -1)).hasSize(2); // one entry, not one per layer that saw it
        assertThat(out).doesNotContain("Failure in @ExceptionHandler");
    }

    @Test
    void aFailureBeforeAnyByteLeftIsStillAProblemDocument() throws Exception {
        HttpResponse<InputStream> r = get("/test-only/fails-at-once");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        try (InputStream body = r.body()) {
            assertThat(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("stopped before any item")
                    .doesNotStartWith("[");
        }
    }
}
