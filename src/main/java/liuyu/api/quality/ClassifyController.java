package liuyu.api.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import liuyu.api.ApiProblem;
import liuyu.api.guard.Budget;
import liuyu.geo.Decimals;
import liuyu.quality.Assessment;
import liuyu.quality.Classifier;
import liuyu.quality.Measurement;
import liuyu.quality.Parameter;
import liuyu.quality.Profile;
import liuyu.quality.Rounding;
import liuyu.quality.Waterbody;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /quality/classify}: classes samples given inline and stores nothing. The body is one
 * sample or {@code {"samples": [...]}}; waterbody, profile and rounding are set at the top and may be
 * overridden per sample. A value is a number (canonical unit), "&lt;limit" (below detection limit),
 * or {@code {"value": 31, "unit": "µg/L", "decimals": 0}}.
 */
@RestController
public class ClassifyController {
    public static final int MAX_SAMPLES = 10_000;

    private final Classifier classifier;

    public ClassifyController(Classifier classifier) {
        this.classifier = classifier;
    }

    public record Result(String id, Assessment assessment) {
    }

    public record Reply(int count, List<Result> results) {
    }

    @PostMapping(path = "/quality/classify", consumes = "application/json")
    public Reply classify(@RequestBody(required = false) String body, HttpServletRequest request) {
        Budget budget = Budget.of(request);
        JsonNode root = Bodies.json(body);
        if (!root.isObject()) {
            throw ApiProblem.badRequest("body", "body must be a JSON object");
        }
        List<JsonNode> samples = new ArrayList<>();
        String prefix;
        if (root.has("samples")) {
            JsonNode array = root.get("samples");
            if (!array.isArray() || array.isEmpty() || array.size() > MAX_SAMPLES) {
                throw ApiProblem.badRequest("samples", "samples must be an array of 1 to " + MAX_SAMPLES + " samples");
            }
            array.forEach(samples::add);
            prefix = "samples";
        } else {
            samples.add(root);
            prefix = null;
        }
        Waterbody waterbody = waterbody(root.get("waterbody"), "waterbody", null);
        Profile profile = profile(root.get("profile"), "profile", Profile.FULL);
        Rounding rounding = rounding(root.get("rounding"), "rounding", Rounding.RAW);
        List<Result> results = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            budget.check();
            JsonNode s = samples.get(i);
            String at = prefix == null ? "" : prefix + "[" + i + "].";
            if (!s.isObject()) {
                throw ApiProblem.badRequest(prefix + "[" + i + "]", "each sample must be an object");
            }
            Waterbody w = waterbody(s.get("waterbody"), at + "waterbody", waterbody);
            if (w == null) {
                throw ApiProblem.badRequest(at + "waterbody", "waterbody is required: " + Waterbody.ACCEPTED);
            }
            Profile p = prefix == null ? profile : profile(s.get("profile"), at + "profile", profile);
            Rounding r = prefix == null ? rounding : rounding(s.get("rounding"), at + "rounding", rounding);
            results.add(new Result(Bodies.text(s.get("id"), at + "id"), classifier.classify(w, p, r, values(s.get("values"), at + "values"))));
        }
        return new Reply(results.size(), results);
    }

    private static List<Measurement> values(JsonNode values, String where) {
        if (values == null || !values.isObject() || values.isEmpty()) {
            throw ApiProblem.badRequest(where, where + " must be an object of parameter → value, e.g. {\"TP\": 0.031}");
        }
        List<Measurement> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            String field = where + "." + e.getKey();
            Parameter p = Parameter.parse(e.getKey());
            if (p == null) {
                throw ApiProblem.badRequest(field, "unknown parameter '" + e.getKey() + "'; known: " + Parameter.accepted());
            }
            JsonNode v = e.getValue();
            String text = Bodies.text(v.isObject() ? v.get("value") : v, field);
            String unit = v.isObject() ? Bodies.text(v.get("unit"), field + ".unit") : p.unit().code();
            if (text == null) {
                throw ApiProblem.badRequest(field, field + " has no value");
            }
            boolean below = text.startsWith("<");
            BigDecimal number = Decimals.parse(below ? text.substring(1) : text);
            if (number == null) {
                throw ApiProblem.badRequest(field, field + " must be " + Decimals.LIMITS
                    + ", or '<' and the detection limit; got '" + Decimals.shown(text) + "'");
            }
            BigDecimal canonical = p.unit().normalise(number, unit);
            if (canonical == null) {
                throw ApiProblem.badRequest(field + ".unit", "unit '" + unit + "' does not fit " + p.code() + "; accepted: " + p.unit().accepted());
            }
            int decimals = Math.max(0, canonical.scale());
            if (v.isObject() && v.has("decimals")) {
                JsonNode d = v.get("decimals");
                if (!d.isInt() || d.asInt() < 0 || d.asInt() > 12) {
                    throw ApiProblem.badRequest(field + ".decimals", "decimals must be an integer within [0, 12]");
                }
                decimals = d.asInt();
            }
            String problem = Measurement.problem(p, canonical, decimals, below);
            if (problem != null) {
                throw ApiProblem.badRequest(field, problem);
            }
            out.add(new Measurement(p, canonical, decimals, below));
        }
        return out;
    }

    private static Waterbody waterbody(JsonNode node, String where, Waterbody fallback) {
        String text = Bodies.text(node, where);
        if (text == null) {
            return fallback;
        }
        Waterbody w = Waterbody.parse(text);
        if (w == null) {
            throw ApiProblem.badRequest(where, "unknown waterbody '" + text + "'; accepted: " + Waterbody.ACCEPTED);
        }
        return w;
    }

    private static Profile profile(JsonNode node, String where, Profile fallback) {
        String text = Bodies.text(node, where);
        if (text == null) {
            return fallback;
        }
        Profile p = Profile.parse(text);
        if (p == null) {
            throw ApiProblem.badRequest(where, "unknown profile '" + text + "'; accepted: " + Profile.ACCEPTED);
        }
        return p;
    }

    private static Rounding rounding(JsonNode node, String where, Rounding fallback) {
        String text = Bodies.text(node, where);
        if (text == null) {
            return fallback;
        }
        Rounding r = Rounding.parse(text);
        if (r == null) {
            throw ApiProblem.badRequest(where, "unknown rounding '" + text + "'; accepted: " + Rounding.ACCEPTED);
        }
        return r;
    }
}
