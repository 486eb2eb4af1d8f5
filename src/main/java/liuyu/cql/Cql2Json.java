package liuyu.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** CQL2 JSON (the cql2.json schema of OGC 21-065) → {@link Cql}. */
public final class Cql2Json {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Cql2Json() {}

    public static Cql parse(String text, Axes axes) {
        if (text.length() > Cql2Text.MAX_LENGTH) {
            throw new CqlException(
                    "filter is " + text.length() + " characters long; at most " + Cql2Text.MAX_LENGTH + " are read");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new CqlException("filter is not readable CQL2 JSON: " + e.getOriginalMessage());
        }
        return new Reader(axes).expression(node, 0);
    }

    private record Reader(Axes axes) {
        Cql expression(JsonNode n, int depth) {
            if (depth > Cql2Text.MAX_DEPTH) {
                throw new CqlException("filter nests deeper than " + Cql2Text.MAX_DEPTH + " levels");
            }
            if (n.isBoolean()) {
                return new Cql.BooleanLiteral(n.asBoolean());
            }
            if (!n.isObject() || !n.path("op").isString() || !n.path("args").isArray()) {
                throw new CqlException(
                        "a CQL2 JSON expression is {\"op\": …, \"args\": […]} or true/false, got " + shown(n));
            }
            String op = n.path("op").asString().toLowerCase(Locale.ROOT);
            JsonNode args = n.path("args");
            switch (op) {
                case "and", "or" -> {
                    if (args.size() < 2) {
                        throw new CqlException("'" + op + "' needs at least 2 arguments");
                    }
                    List<Cql> parts = new ArrayList<>();
                    args.forEach(a -> parts.add(expression(a, depth + 1)));
                    return op.equals("and") ? new Cql.And(parts) : new Cql.Or(parts);
                }
                case "not" -> {
                    count(op, args, 1);
                    return new Cql.Not(expression(args.get(0), depth + 1));
                }
                case "like" -> {
                    count(op, args, 2);
                    if (!args.get(1).isString()) {
                        throw new CqlException("the pattern of 'like' must be a string");
                    }
                    return new Cql.Like(scalar(args.get(0)), args.get(1).asString());
                }
                case "between" -> {
                    count(op, args, 3);
                    return new Cql.Between(scalar(args.get(0)), scalar(args.get(1)), scalar(args.get(2)));
                }
                case "in" -> {
                    count(op, args, 2);
                    if (!args.get(1).isArray() || args.get(1).isEmpty()) {
                        throw new CqlException("the second argument of 'in' must be a non-empty array");
                    }
                    List<Cql.Operand> list = new ArrayList<>();
                    args.get(1).forEach(v -> list.add(scalar(v)));
                    return new Cql.In(scalar(args.get(0)), list);
                }
                case "isnull" -> {
                    count(op, args, 1);
                    JsonNode a = args.get(0);
                    return new Cql.IsNull(
                            a.isObject() && (a.has("type") || a.has("bbox"))
                                    ? new Cql.GeometryLiteral(geometry(a))
                                    : scalar(a));
                }
                default -> {
                    if (Cql.COMPARISONS.contains(op)) {
                        count(op, args, 2);
                        return new Cql.Compare(op, scalar(args.get(0)), scalar(args.get(1)));
                    }
                    if (Cql.SPATIAL.contains(op)) {
                        count(op, args, 2);
                        return new Cql.Spatial(op, geom(args.get(0)), geom(args.get(1)));
                    }
                    throw new CqlException("operator '" + op
                            + "' is not supported; supported: and, or, not, =, <>, <, >, <=, >=, like, "
                            + "between, in, isNull, " + String.join(", ", Cql.SPATIAL));
                }
            }
        }

        static void count(String op, JsonNode args, int n) {
            if (args.size() != n) {
                throw new CqlException(
                        "'" + op + "' takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
            }
        }

        static String shown(JsonNode n) {
            String s = n.toString();
            return s.length() > 80 ? s.substring(0, 80) + "…" : s;
        }

        Cql.Operand scalar(JsonNode n) {
            if (n.isObject() && n.size() == 1 && n.path("property").isString()) {
                return new Cql.Property(n.path("property").asString());
            }
            if (n.isString()) {
                return new Cql.Literal(n.asString());
            }
            if (n.isObject()
                    && n.size() == 1
                    && (n.path("date").isString() || n.path("timestamp").isString())) {
                boolean date = n.has("date");
                return new Cql.Literal(Literals.instant(
                        date, n.path(date ? "date" : "timestamp").asString()));
            }
            if (n.isNumber()) {
                return new Cql.Literal(Literals.number(n.asString()));
            }
            if (n.isBoolean()) {
                return new Cql.Literal(n.asBoolean());
            }
            throw new CqlException(
                    "expected a property {\"property\": name}, a string, a number or a boolean, got " + shown(n));
        }

        Cql.Operand geom(JsonNode n) {
            if (n.isObject() && n.path("property").isString()) {
                return new Cql.Property(n.path("property").asString());
            }
            return new Cql.GeometryLiteral(geometry(n));
        }

        Geometry geometry(JsonNode n) {
            if (n.isObject() && n.path("bbox").isArray()) {
                JsonNode b = n.path("bbox");
                if (b.size() != 4 && b.size() != 6) {
                    throw new CqlException("a bbox literal has 4 or 6 numbers, got " + b.size());
                }
                int upper = b.size() / 2;
                return Literals.box(axes, num(b.get(0)), num(b.get(1)), num(b.get(upper)), num(b.get(upper + 1)));
            }
            String type = n.path("type").asString("");
            JsonNode c = n.path("coordinates");
            return switch (type) {
                case "Point" -> point(c);
                case "LineString" -> line(c);
                case "Polygon" -> polygon(c);
                case "MultiPoint" ->
                    Literals.FACTORY.createMultiPoint(
                            list(c).stream().map(this::point).toArray(Point[]::new));
                case "MultiLineString" ->
                    Literals.FACTORY.createMultiLineString(
                            list(c).stream().map(this::line).toArray(LineString[]::new));
                case "MultiPolygon" ->
                    Literals.FACTORY.createMultiPolygon(
                            list(c).stream().map(this::polygon).toArray(Polygon[]::new));
                case "GeometryCollection" ->
                    Literals.FACTORY.createGeometryCollection(list(n.path("geometries")).stream()
                            .map(this::geometry)
                            .toArray(Geometry[]::new));
                default -> throw new CqlException("expected a GeoJSON geometry or {\"bbox\": […]}, got " + shown(n));
            };
        }

        static List<JsonNode> list(JsonNode n) {
            if (!n.isArray()) {
                throw new CqlException("expected an array, got " + shown(n));
            }
            List<JsonNode> out = new ArrayList<>();
            n.forEach(out::add);
            return out;
        }

        static double num(JsonNode n) {
            if (!n.isNumber()) {
                throw new CqlException("expected a number, got " + shown(n));
            }
            double d = n.asDouble();
            if (!Double.isFinite(d)) {
                throw new CqlException("expected a finite number, got " + shown(n));
            }
            return d;
        }

        Coordinate position(JsonNode p) {
            if (!p.isArray() || p.size() < 2 || p.size() > 3) {
                throw new CqlException("a position is an array of 2 or 3 numbers, got " + shown(p));
            }
            return axes.lonLat(num(p.get(0)), num(p.get(1)));
        }

        Point point(JsonNode c) {
            return Literals.FACTORY.createPoint(position(c));
        }

        LineString line(JsonNode c) {
            List<JsonNode> ps = list(c);
            if (ps.size() < 2) {
                throw new CqlException("a LineString needs at least 2 positions, got " + ps.size());
            }
            return Literals.FACTORY.createLineString(
                    ps.stream().map(this::position).toArray(Coordinate[]::new));
        }

        Polygon polygon(JsonNode c) {
            List<LinearRing> rings = new ArrayList<>();
            for (JsonNode r : list(c)) {
                rings.add(Literals.ring(list(r).stream().map(this::position).toArray(Coordinate[]::new)));
            }
            if (rings.isEmpty()) {
                throw new CqlException("a Polygon needs an outer ring");
            }
            return Literals.FACTORY.createPolygon(
                    rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
        }
    }
}
