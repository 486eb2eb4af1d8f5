package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import liuyu.api.ApiProblem;

/** Strict query strings: every parameter must be one the resource knows, and given once. */
final class Query {
    private Query() {}

    /** Rejects unknown and repeated parameters; {@code alsoKnown} admits resource-specific names (property filters). */
    static void check(HttpServletRequest request, Set<String> known, Predicate<String> alsoKnown, String knownText) {
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String name = e.getKey();
            if (!known.contains(name) && !alsoKnown.test(name)) {
                throw ApiProblem.badRequest(
                        name, "unknown query parameter '" + name + "'; accepted here: " + knownText);
            }
            if (e.getValue().length > 1) {
                throw ApiProblem.badRequest(
                        name,
                        "query parameter '" + name + "' is given " + e.getValue().length + " times; give it once");
            }
        }
    }

    static void check(HttpServletRequest request, Set<String> known) {
        check(
                request,
                known,
                name -> false,
                String.join(", ", known.stream().sorted().toList()));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
