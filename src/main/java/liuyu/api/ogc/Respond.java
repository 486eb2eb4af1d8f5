package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** One way to answer a metadata request: a JSON body or an HTML page, UTF-8. */
final class Respond {
    private Respond() {}

    static void json(HttpServletResponse response, JsonMapper json, String type, Object body) throws IOException {
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }

    static void html(HttpServletResponse response, String page) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }
}
