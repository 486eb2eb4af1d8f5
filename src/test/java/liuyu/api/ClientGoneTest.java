package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.core.exc.JacksonIOException;

/** A client that leaves mid-answer is nobody's failure: no 500, no error in the log. */
class ClientGoneTest {
    private final ProblemHandler handler = new ProblemHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/checks");

    @Test
    void anAbortWrappedByJacksonWhileStreamingIsNotAnInternalError() {
        Exception streamed =
                JacksonIOException.construct(new ClientAbortException(new IOException("Connection reset by peer")));
        assertThat(handler.unexpected(streamed, request)).isNull();
    }

    @Test
    void anIoFailureThatIsNoAbortStaysAnInternalError() {
        Exception disk = JacksonIOException.construct(new IOException("No space left on device"));
        assertThat(handler.unexpected(disk, request).getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
