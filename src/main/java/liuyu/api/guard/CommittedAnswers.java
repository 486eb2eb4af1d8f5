package liuyu.api.guard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Before any exception handler: a failure after the answer began is not answered at all. A handler
 * would append its problem document to the half-sent one and end the response cleanly; instead the
 * failure goes on to {@link RequestGuard}, which cuts the connection.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommittedAnswers implements HandlerExceptionResolver {
    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (response.isCommitted()) {
            throw new AnswerBegun(e);
        }
        return null; // not begun: the exception handlers answer
    }

    /** Carries a failure past the exception handlers once the answer has begun. */
    static final class AnswerBegun extends RuntimeException {
        AnswerBegun(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }
}
