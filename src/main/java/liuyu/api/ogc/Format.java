package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import liuyu.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;

/** The two encodings every OGC resource here has: JSON for programs, HTML for people. */
enum Format {
    JSON,
    HTML;

    /**
     * {@code f=json|html} wins; otherwise the most preferred of the Accept header's types; JSON by
     * default. An Accept header naming neither (only {@code application/xml}, say) is answered 406.
     */
    static Format of(HttpServletRequest request) {
        String f = request.getParameter("f");
        if (f != null) {
            return switch (f) {
                case "json", "geojson" -> JSON;
                case "html" -> HTML;
                default -> throw ApiProblem.badRequest("f", "unknown format f='" + f + "'; accepted: json, html");
            };
        }
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw ApiProblem.badRequest("Accept", "unreadable Accept header '" + accept + "'");
        }
        MimeTypeUtils.sortBySpecificity(types);
        types.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue; // q=0: explicitly not acceptable
            }
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return HTML;
            }
            if (type.getSubtype().endsWith("json")
                    || type.isWildcardType()
                    || type.getType().equals("application") && type.isWildcardSubtype()) {
                return JSON;
            }
        }
        throw new ApiProblem(
                HttpStatus.NOT_ACCEPTABLE,
                "Accept",
                "none of the types in Accept '" + accept
                        + "' is served here; acceptable: application/json (GeoJSON for features), text/html");
    }

    /** Whether the request asked for HTML; a request whose format cannot be read did not. */
    static boolean htmlAsked(HttpServletRequest request) {
        try {
            return of(request) == HTML;
        } catch (ApiProblem e) {
            return false;
        }
    }
}
