package liuyu.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import liuyu.alarms.AlarmException;
import liuyu.atlas.AtlasLoadException;
import liuyu.cql.CqlException;
import liuyu.network.NavigationException;
import liuyu.network.NetworkImportException;
import liuyu.outfalls.LedgerException;
import liuyu.quality.ObservationConflictException;
import liuyu.quality.ObservationService;
import liuyu.rules.InvalidProject;
import liuyu.stations.StationCommandException;
import liuyu.terrain.TerrainException;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.json.JsonMapper;

/** Turns every failure into application/problem+json; bad input is a 4xx that names the parameter. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // ahead of Spring's own problem-details advice
public class ProblemHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String RETRY_AFTER_SECONDS = "10";

    @ExceptionHandler(ApiProblem.class)
    public ResponseEntity<ProblemDetail> problem(ApiProblem e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = respond(e.status(), e.parameter(), e.getMessage(), request);
        e.members().forEach(response.getBody()::setProperty);
        return response;
    }

    /**
     * The one table from domain refusals to HTTP: status, {@code parameter} and extra members. Features throw their
     * own exception types and never know HTTP; controllers do not translate them.
     */
    @ExceptionHandler({
        LedgerException.class,
        InvalidProject.class,
        NavigationException.class,
        NetworkImportException.class,
        ObservationConflictException.class,
        StationCommandException.class,
        ObservationService.Rejected.class,
        ObservationService.NotStored.class,
        CqlException.class,
        TerrainException.class,
        AtlasLoadException.class,
        AlarmException.class
    })
    ResponseEntity<ProblemDetail> domain(RuntimeException e, HttpServletRequest request) {
        return problem(translate(e), request);
    }

    static ApiProblem translate(RuntimeException e) {
        if (e
                instanceof
                LedgerException l) { // an illegal lifecycle step also lists the states allowed from where it stands
            ApiProblem problem = new ApiProblem(
                    switch (l.kind()) {
                        case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
                        case NOT_FOUND -> HttpStatus.NOT_FOUND;
                        case CONFLICT -> HttpStatus.CONFLICT;
                        case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
                    },
                    l.field(),
                    l.getMessage());
            return l.allowed().isEmpty() ? problem : problem.with("allowed", l.allowed());
        }
        if (e instanceof InvalidProject p) { // a refused shape also says why, as a code
            ApiProblem problem = new ApiProblem(
                    switch (p.kind()) {
                        case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
                        case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
                        case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
                    },
                    p.field(),
                    p.getMessage());
            return p.reason() == null ? problem : problem.with("reason", p.reason());
        }
        if (e instanceof NavigationException n) { // NLDI names the stop reach stopComid
            return new ApiProblem(
                    n.reason() == NavigationException.Reason.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
                    n.field().equals("stop") ? "stopComid" : n.field(),
                    n.getMessage());
        }
        if (e instanceof NetworkImportException) {
            return new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    null,
                    "the river network cannot be built from this atlas: " + e.getMessage());
        }
        if (e instanceof ObservationConflictException c) {
            return new ApiProblem(HttpStatus.CONFLICT, "id", c.getMessage() + "; nothing of the batch was stored")
                    .with("conflictingIds", c.ids());
        }
        if (e instanceof StationCommandException) { // HJ 212: a command goes to a connected station only
            return new ApiProblem(HttpStatus.CONFLICT, "mn", e.getMessage());
        }
        if (e instanceof ObservationService.Rejected r) {
            return ApiProblem.badRequest(r.field(), r.getMessage()).with("rejected", r.rejections());
        }
        if (e instanceof AlarmException a) { // alarms: a bad reason, an unknown alarm, a step after closure
            return new ApiProblem(
                    switch (a.kind()) {
                        case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
                        case NOT_FOUND -> HttpStatus.NOT_FOUND;
                        case CONFLICT -> HttpStatus.CONFLICT;
                    },
                    a.field(),
                    a.getMessage());
        }
        if (e instanceof ObservationService.NotStored) {
            return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage());
        }
        if (e
                instanceof
                CqlException c) { // a filter, sortby or properties text that does not read or fit the collection
            return ApiProblem.badRequest(c.parameter(), c.getMessage());
        }
        if (e instanceof TerrainException) { // the DEM cannot delineate from the point asked for
            return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "lon", e.getMessage());
        }
        if (e instanceof AtlasLoadException a) {
            LOG.warn("atlas reload refused, still serving the previous snapshot: {}", a.getMessage());
            return new ApiProblem(
                            HttpStatus.UNPROCESSABLE_CONTENT,
                            "atlas",
                            "the atlas does not load (" + a.problems().size() + " problem"
                                    + (a.problems().size() == 1 ? "" : "s") + "); still serving the previous snapshot")
                    .with("problems", a.problems());
        }
        throw new IllegalArgumentException("no HTTP answer for " + e.getClass().getName(), e);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return respond(
                HttpStatus.BAD_REQUEST,
                e.getParameterName(),
                "query parameter '" + e.getParameterName() + "' is required",
                request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String type = e.getRequiredType() == null
                ? "value"
                : e.getRequiredType().getSimpleName().toLowerCase();
        return respond(
                HttpStatus.BAD_REQUEST,
                e.getName(),
                "parameter '" + e.getName() + "' must be a " + type + ", got '" + e.getValue() + "'",
                request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(HttpStatus.BAD_REQUEST, "body", "request body is not readable JSON", request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type",
                "content type " + e.getContentType() + " is not supported; use " + e.getSupportedMediaTypes(),
                request);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_ACCEPTABLE, "Accept", "acceptable types: " + e.getSupportedMediaTypes(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method",
                "method " + e.getMethod() + " is not allowed here; allowed: " + e.getSupportedHttpMethods(),
                request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return respond(HttpStatus.NOT_FOUND, "path", "no resource at " + request.getRequestURI(), request);
    }

    /**
     * The database is away: reads still answer from the snapshot, writes are refused until it is back.
     * A write that opens a transaction fails before any SQL, with Spring's transaction exception.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseAway(RuntimeException e, HttpServletRequest request) {
        LOG.warn("database unavailable on {}: {}", request.getRequestURI(), e.getMessage());
        return respond(
                HttpStatus.SERVICE_UNAVAILABLE,
                null,
                "the record database is unavailable; nothing was written. Retry later.",
                request);
    }

    /** The client went away mid-answer (a streamed batch stops at its next write): nobody is left to answer. */
    @ExceptionHandler(ClientAbortException.class)
    void clientGone(ClientAbortException e, HttpServletRequest request) {
        LOG.debug("client gone on {}: {}", request.getRequestURI(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        // a streamed answer written through Jackson reaches here with the abort wrapped in Jackson's exception
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ClientAbortException gone) {
                clientGone(gone, request);
                return null;
            }
        }
        LOG.error("unexpected failure on {}", request.getRequestURI(), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, null, "internal error; it has been logged", request);
    }

    static ResponseEntity<ProblemDetail> respond(
            HttpStatus status, String parameter, String detail, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header("Retry-After", RETRY_AFTER_SECONDS); // the database is expected back on its own
        }
        return response.body(body(status, parameter, detail, request));
    }

    /** The problem document itself, also written by the security filters that answer 401 and 403. */
    static ProblemDetail body(HttpStatus status, String parameter, String detail, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, scrub(detail));
        body.setTitle(status.getReasonPhrase());
        body.setInstance(URI.create(request.getRequestURI()));
        if (parameter != null) {
            body.setProperty("parameter", parameter);
        }
        return body;
    }

    /** Writes a problem from a servlet filter, outside Spring MVC (request guards answer before any controller). */
    public static void write(
            JsonMapper json, HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        ProblemDetail p = body(problem.status(), problem.parameter(), problem.getMessage(), request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "about:blank");
        out.put("title", p.getTitle());
        out.put("status", p.getStatus());
        out.put("detail", p.getDetail());
        out.put("instance", p.getInstance().toString());
        if (problem.parameter() != null) {
            out.put("parameter", problem.parameter());
        }
        out.putAll(problem.members());
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), out);
    }

    // library messages (Jackson's among them) name their own classes and methods; answers name fields and limits only
    private static final Pattern CODE_NAMES = Pattern.compile(
            ",?\\s*(?:from )?`[^`]*`|\\b(?:java|javax|jakarta|org|com|tools|liuyu)\\.(?:[a-z0-9_]+\\.)*[A-Z][A-Za-z0-9_$]*"
                    + "|\\b[A-Z][A-Za-z0-9]*(?:Exception|Error|Constraints)\\b(?:\\.[A-Za-z0-9_]+\\(\\))?");

    /** The detail without class or method names. */
    static String scrub(String detail) {
        return detail == null
                ? null
                : CODE_NAMES
                        .matcher(detail)
                        .replaceAll("")
                        .replaceAll("\\s{2,}", " ")
                        .trim();
    }
}
