package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import liuyu.api.ApiProblem;
import liuyu.api.ProblemHandler;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Errors of the OGC resources: a page for people when HTML was asked for ({@code f=html} or a
 * browser's Accept), otherwise the project's problem+json.
 */
@Component
class OgcProblems {
    private final ProblemHandler problems;

    OgcProblems(ProblemHandler problems) {
        this.problems = problems;
    }

    ResponseEntity<?> answer(ApiProblem e, HttpServletRequest request) {
        if (!Format.htmlAsked(request)) {
            return problems.problem(e, request);
        }
        String base = CollectionDocs.base(request);
        HtmlPage page = new HtmlPage(e.status().value() + " " + e.status().getReasonPhrase(), OgcController.nav(base))
                .paragraph(e.getMessage());
        if (e.parameter() != null) {
            page.note("parameter: " + e.parameter());
        }
        return ResponseEntity.status(e.status())
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(page.render());
    }
}
