package liuyu.api.guard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import liuyu.api.ApiProblem;
import liuyu.api.ProblemHandler;
import org.apache.catalina.connector.ClientAbortException;
import org.apache.coyote.CloseNowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds what one request may ask for, before any controller runs: a readable content type and query
 * string, no form body, a body within {@code liuyu.limits.body-size} (batch endpoints: {@code batch-body-size}),
 * counted as it streams in; the CSRF rule for browser-authenticated writes ({@link BrowserWrites});
 * and for the batch endpoints a concurrency limit (429 + Retry-After) and a time {@link Budget}, so
 * batches cannot take every worker and reads stay fast. {@code GET /error} is not a page. Operators see
 * the batches running ({@code liuyu.batches.running}) and those refused ({@code liuyu.batches.refused}) under
 * /actuator/metrics.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after the character-encoding filter, before Spring Security
public class RequestGuard extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    /** POST endpoints whose work grows with the body: checks, check reports, classification, observation batches. */
    private static final Pattern BATCHES =
            Pattern.compile("/checks|/check-reports|/quality/classify|/(?:sections|outfalls)/[^/]+/observations");

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    /** The writes that take no body: an atlas reload, a re-check of a recorded report. */
    private static final Pattern BODILESS = Pattern.compile("/admin/atlas/reload|/check-reports/[^/]+/recheck");

    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data");

    private final GuardProperties limits;
    private final Semaphore batches;
    private final int concurrency;
    private final JsonMapper json;
    private final Counter refused;

    public RequestGuard(GuardProperties limits, JsonMapper json, MeterRegistry meters) {
        this.limits = limits;
        this.json = json;
        this.concurrency = limits.batchConcurrency(Runtime.getRuntime().availableProcessors());
        this.batches = new Semaphore(concurrency);
        Gauge.builder("liuyu.batches.running", batches, s -> concurrency - s.availablePermits())
                .description("batch requests running now (at most liuyu.limits.heavy-concurrency)")
                .register(meters);
        this.refused = Counter.builder("liuyu.batches.refused")
                .description("batch requests answered 429 because liuyu.limits.heavy-concurrency were running")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean batch =
                "POST".equals(request.getMethod()) && BATCHES.matcher(path).matches();
        try {
            MediaType type = screen(request, path, batch);
            ApiProblem csrf = BrowserWrites.refusal(request, type);
            if (csrf != null) {
                throw csrf;
            }
        } catch (ApiProblem p) {
            ProblemHandler.write(json, request, response, p);
            return;
        }
        long max = (batch ? limits.batchBodySize() : limits.bodySize()).toBytes();
        HttpServletRequest bounded = new BoundedBody(request, max);
        if (!batch) {
            guarded(bounded, response, chain);
            return;
        }
        if (!batches.tryAcquire()) {
            refused.increment();
            response.setHeader(
                    "Retry-After", Long.toString(Math.max(1, limits.retryAfter().toSeconds())));
            ProblemHandler.write(
                    json,
                    request,
                    response,
                    new ApiProblem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            null,
                            "at most " + concurrency
                                    + " batch requests (checks, check reports, classification, observations)"
                                    + " run at once (liuyu.limits.heavy-concurrency); retry after "
                                    + limits.retryAfter().toSeconds() + " s"));
            return;
        }
        try {
            bounded.setAttribute(Budget.ATTRIBUTE, Budget.starting(limits.requestTime()));
            guarded(bounded, response, chain);
        } finally {
            batches.release();
        }
    }

    /**
     * Runs the chain; a body limit broken while a filter (not a controller) read the body is still answered as a
     * problem. A failure after the answer began ({@link CommittedAnswers}) is logged once and the connection
     * closed at once, so the client sees a cut transfer, never a shorter answer that looks whole
     * ({@link liuyu.api.StreamedJson}).
     */
    private void guarded(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ApiProblem p) {
            if (response.isCommitted()) {
                throw cutOff(request, p);
            }
            response.reset();
            ProblemHandler.write(json, request, response, p);
        } catch (ServletException | RuntimeException e) {
            Throwable begun = e instanceof CommittedAnswers.AnswerBegun ? e : e.getCause();
            if (begun instanceof CommittedAnswers.AnswerBegun) {
                throw cutOff(request, begun.getCause());
            }
            throw e;
        }
    }

    /** Tomcat closes the connection for this exception without logging it again as a servlet failure. */
    private static CloseNowException cutOff(HttpServletRequest request, Throwable failure) {
        if (failure instanceof ApiProblem p) { // a refusal met late, such as a batch past its time budget
            LOG.warn(
                    "{} {}: answer cut off after it began ({} {})",
                    request.getMethod(),
                    request.getRequestURI(),
                    p.status().value(),
                    p.getMessage());
        } else if (!clientGone(failure)) {
            LOG.error("{} {}: answer cut off after it began", request.getMethod(), request.getRequestURI(), failure);
        }
        return new CloseNowException(String.valueOf(failure.getMessage()), failure);
    }

    /** The client went away (the abort may arrive wrapped, by Jackson for one): nothing to report. */
    private static boolean clientGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ClientAbortException) {
                return true;
            }
        }
        return false;
    }

    /** Refuses what no endpoint can read; returns the parsed content type (null when there is none). */
    private MediaType screen(HttpServletRequest request, String path, boolean batch) {
        if (request.getDispatcherType() == DispatcherType.REQUEST && path.equals("/error")) {
            throw ApiProblem.notFound("path", "no resource at /error");
        }
        MediaType type = contentType(request);
        long max = (batch ? limits.batchBodySize() : limits.bodySize()).toBytes();
        long length = request.getContentLengthLong();
        if (length > max) {
            throw tooLarge(max, batch ? "liuyu.limits.batch-body-size" : "liuyu.limits.body-size");
        }
        if (type != null && FORM_TYPES.contains(type.getType() + "/" + type.getSubtype())) {
            // no endpoint reads forms; refusing them here keeps the container from parsing (and spooling) them
            throw new ApiProblem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type",
                    "form bodies (" + type.getType() + "/" + type.getSubtype()
                            + ") are read by no endpoint; send application/json, application/geo+json or text/csv");
        }
        try {
            request.getParameterMap(); // parse the query string now: the container refuses a malformed one with an
            // exception
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest(
                    "query",
                    "the query string is malformed (percent-encoding must be %XX with hex digits,"
                            + " each parameter name=value)");
        }
        if (BODY_METHODS.contains(request.getMethod())
                && length == 0
                && !BODILESS.matcher(path).matches()) {
            throw ApiProblem.badRequest("body", "the request has no body");
        }
        return type;
    }

    private static MediaType contentType(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(header);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                throw new InvalidMediaTypeException(header, "wildcard");
            }
            return type;
        } catch (InvalidMediaTypeException e) {
            throw new ApiProblem(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type",
                    "Content-Type '" + shown(header)
                            + "' is not a concrete media type (e.g. application/json, application/geo+json, text/csv)");
        }
    }

    static ApiProblem tooLarge(long max, String setting) {
        return new ApiProblem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "body",
                        "the body is limited to " + max + " bytes (" + setting + ")")
                .with("limit", max);
    }

    private static String shown(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
    }

    /** The request with its body counted as it is read: past {@code max} bytes reading fails with 413. */
    private static final class BoundedBody extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream in;

        BoundedBody(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Counting(super.getInputStream(), max, limitName());
            }
            return in;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        private String limitName() {
            return getAttribute(Budget.ATTRIBUTE) == null ? "liuyu.limits.body-size" : "liuyu.limits.batch-body-size";
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private final String setting;
        private long read;

        Counting(ServletInputStream in, long max, String setting) {
            this.in = in;
            this.max = max;
            this.setting = setting;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw tooLarge(max, setting);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
