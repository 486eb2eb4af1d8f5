package liuyu.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON answer written while it is computed (a batch of check reports, a page of features). When the work fails
 * after the answer has begun, the document is left unfinished and the failure goes on to the container, which
 * cuts the connection: a client sees a failed transfer, never a well-formed shorter answer. (A generator closed
 * on the way out would close the open arrays and objects, and closing the stream would end the response
 * cleanly — a 200 with a valid document missing its tail.)
 */
public final class StreamedJson {
    /** What writes the document. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator out) throws IOException;
    }

    private StreamedJson() {}

    public static void write(JsonMapper json, HttpServletResponse response, String contentType, Body body)
            throws IOException {
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        JsonGenerator out = json.writer()
                .without(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .without(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .createGenerator(response.getOutputStream());
        body.write(out); // on failure: neither closed nor flushed further
        out.close();
    }
}
