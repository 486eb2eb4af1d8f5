package liuyu.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The one error type of the HTTP API: rendered as RFC 9457 problem+json naming the offending
 * {@code parameter} (a query parameter, path variable or body member) and the limit it broke.
 */
public final class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String parameter;
    private final Map<String, Object> members = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String parameter, String detail) {
        super(detail);
        this.status = status;
        this.parameter = parameter;
    }

    /** Adds a member to the problem document, e.g. the list of rejected rows of a batch. */
    public ApiProblem with(String name, Object value) {
        members.put(name, value);
        return this;
    }

    public Map<String, Object> members() {
        return members;
    }

    public static ApiProblem badRequest(String parameter, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, parameter, detail);
    }

    public static ApiProblem notFound(String parameter, String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, parameter, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }
}
