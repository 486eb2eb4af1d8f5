package liuyu.api.guard;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import liuyu.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * CSRF defence for writes a browser authenticates by itself (HTTP Basic it remembers, cookies): such a
 * write must carry the header {@value #HEADER} and a content type a cross-site form cannot send.
 * A page on another site can set neither without a CORS preflight, which this service does not grant
 * for writes. Bearer-token writes are not affected: a browser never adds a token on its own.
 */
public final class BrowserWrites {
    /** The header every write of the map page and of API clients using Basic carries (any value). */
    public static final String HEADER = "X-Liuyu-Client";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    // the content types a cross-site <form> or a "simple" fetch may send (the CORS-safelisted ones)
    private static final Set<String> FORM_TYPES =
            Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    private BrowserWrites() {}

    /** Why this write is refused, or null when it may go on. */
    static ApiProblem refusal(HttpServletRequest request, MediaType contentType) {
        if (SAFE_METHODS.contains(request.getMethod()) || !ambient(request)) {
            return null;
        }
        String header = request.getHeader(HEADER);
        if (header == null || header.isBlank()) {
            return new ApiProblem(
                    HttpStatus.FORBIDDEN,
                    HEADER,
                    "a write with HTTP Basic or cookie credentials must carry the header " + HEADER
                            + " (any value), which a cross-site page cannot add");
        }
        if (contentType == null || FORM_TYPES.contains(contentType.getType() + "/" + contentType.getSubtype())) {
            return new ApiProblem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type",
                    "a write with HTTP Basic or cookie credentials"
                            + " must be sent as application/json, application/geo+json, text/csv or an XLSX workbook, not "
                            + (contentType == null
                                    ? "without a content type"
                                    : contentType.getType() + "/" + contentType.getSubtype()));
        }
        return null;
    }

    /** Credentials the browser would attach to a cross-site request by itself. */
    private static boolean ambient(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        return (authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5))
                || request.getHeader("Cookie") != null;
    }
}
