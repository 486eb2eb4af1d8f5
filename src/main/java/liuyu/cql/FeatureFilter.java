package liuyu.cql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import liuyu.atlas.Feature;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * A {@link Cql} filter compiled once into a test per feature, with SQL's three-valued logic: a
 * comparison with a missing or null property, or between values of different types, is unknown
 * ({@code null}), NOT of unknown stays unknown, and only features that are TRUE match — exactly what
 * PostgreSQL does with the SQL {@link SqlFilter} writes.
 */
public final class FeatureFilter implements Predicate<Feature> {
    /** The name that stands for a feature's geometry in a filter (and in the queryables). */
    public static final String GEOMETRY = "geometry";

    private interface Node {
        Boolean test(Feature f);
    }

    private interface Value {
        Object of(Feature f);
    }

    private final Node root;
    private final Envelope footprint;

    private FeatureFilter(Node root, Envelope footprint) {
        this.root = root;
        this.footprint = footprint;
    }

    /**
     * Compiles {@code cql} for a collection whose scalar queryables are {@code properties}; a property
     * that is not one of them, or {@value #GEOMETRY} outside a spatial function, is refused.
     */
    public static FeatureFilter of(Cql cql, Set<String> properties) {
        Compiler c = new Compiler(properties);
        return new FeatureFilter(c.node(cql), footprint(cql));
    }

    @Override
    public boolean test(Feature f) {
        return Boolean.TRUE.equals(root.test(f));
    }

    /** A box every match intersects (from a spatial function on a literal), or {@code null}: the index narrows the scan with it. */
    public Envelope footprint() {
        return footprint;
    }

    /** Two literal values compared with {@code op}; {@code null} when unknown (for {@link SqlFilter}). */
    static Boolean constant(String op, Object x, Object y) {
        return Compiler.compare(op, f -> Compiler.normal(x), f -> Compiler.normal(y))
                .test(null);
    }

    private static Envelope footprint(Cql cql) {
        if (cql instanceof Cql.Spatial s && !s.op().equals("s_disjoint")) {
            if (s.left() instanceof Cql.Property && s.right() instanceof Cql.GeometryLiteral g) {
                return g.geometry().getEnvelopeInternal();
            }
            if (s.right() instanceof Cql.Property && s.left() instanceof Cql.GeometryLiteral g) {
                return g.geometry().getEnvelopeInternal();
            }
        }
        if (cql instanceof Cql.And and) {
            Envelope best = null;
            for (Cql a : and.args()) {
                Envelope e = footprint(a);
                if (e != null && (best == null || e.getArea() < best.getArea())) {
                    best = e;
                }
            }
            return best;
        }
        return null;
    }

    private record Compiler(Set<String> properties) {
        Node node(Cql cql) {
            if (cql instanceof Cql.And a) {
                List<Node> parts = a.args().stream().map(this::node).toList();
                return f -> {
                    Boolean result = Boolean.TRUE;
                    for (Node n : parts) {
                        Boolean b = n.test(f);
                        if (Boolean.FALSE.equals(b)) {
                            return false;
                        }
                        if (b == null) {
                            result = null;
                        }
                    }
                    return result;
                };
            }
            if (cql instanceof Cql.Or o) {
                List<Node> parts = o.args().stream().map(this::node).toList();
                return f -> {
                    Boolean result = Boolean.FALSE;
                    for (Node n : parts) {
                        Boolean b = n.test(f);
                        if (Boolean.TRUE.equals(b)) {
                            return true;
                        }
                        if (b == null) {
                            result = null;
                        }
                    }
                    return result;
                };
            }
            if (cql instanceof Cql.Not n) {
                Node inner = node(n.arg());
                return f -> {
                    Boolean b = inner.test(f);
                    return b == null ? null : !b;
                };
            }
            if (cql instanceof Cql.BooleanLiteral b) {
                return f -> b.value();
            }
            if (cql instanceof Cql.Compare c) {
                return compare(c.op(), scalar(c.left()), scalar(c.right()));
            }
            if (cql instanceof Cql.Between b) {
                Value v = scalar(b.value());
                return node2(compare(">=", v, scalar(b.low())), compare("<=", v, scalar(b.high())));
            }
            if (cql instanceof Cql.In in) {
                List<Cql> ors = new ArrayList<>();
                in.list().forEach(x -> ors.add(new Cql.Compare("=", in.value(), x)));
                return node(ors.size() == 1 ? ors.get(0) : new Cql.Or(ors));
            }
            if (cql instanceof Cql.Like l) {
                Value v = scalar(l.value());
                Pattern p = Like.regex(l.pattern());
                return f -> v.of(f) instanceof String s ? p.matcher(s).matches() : null;
            }
            if (cql instanceof Cql.IsNull n) {
                if (n.value() instanceof Cql.Property p && p.name().equals(GEOMETRY)) {
                    return f -> false; // every feature has a geometry
                }
                Value v = n.value() instanceof Cql.GeometryLiteral ? f -> "literal" : scalar(n.value());
                return f -> v.of(f) == null;
            }
            return spatial((Cql.Spatial) cql);
        }

        static Node node2(Node a, Node b) {
            return f -> {
                Boolean x = a.test(f);
                if (Boolean.FALSE.equals(x)) {
                    return false;
                }
                Boolean y = b.test(f);
                if (Boolean.FALSE.equals(y)) {
                    return false;
                }
                return x == null || y == null ? null : true;
            };
        }

        Value scalar(Cql.Operand o) {
            if (o instanceof Cql.Property p) {
                if (p.name().equals(GEOMETRY)) {
                    throw new CqlException(
                            "'" + GEOMETRY
                                    + "' is the feature geometry: use it in a spatial function (S_INTERSECTS …), not in a comparison");
                }
                if (!properties.contains(p.name())) {
                    throw new CqlException("unknown queryable '" + p.name() + "'; queryables: "
                            + String.join(", ", properties.stream().sorted().toList()) + ", " + GEOMETRY);
                }
                String name = p.name();
                return f -> normal(f.properties().get(name));
            }
            if (o instanceof Cql.Literal l) {
                Object v = normal(l.value());
                return f -> v;
            }
            throw new CqlException("a geometry literal cannot be compared; use a spatial function");
        }

        /** Numbers as BigDecimal, so 1 and 1.0 compare equal; anything but string, number and boolean is no value. */
        static Object normal(Object v) {
            if (v instanceof BigDecimal
                    || v instanceof String
                    || v instanceof Boolean
                    || v instanceof java.time.LocalDate
                    || v instanceof java.time.Instant) {
                return v;
            }
            if (v instanceof Number n) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? new BigDecimal(n.toString()) : null;
            }
            return null;
        }

        static Node compare(String op, Value a, Value b) {
            return f -> {
                Object x = a.of(f);
                Object y = b.of(f);
                Integer c = compare(x, y);
                if (c == null) {
                    return null;
                }
                return switch (op) {
                    case "=" -> c == 0;
                    case "<>" -> c != 0;
                    case "<" -> c < 0;
                    case ">" -> c > 0;
                    case "<=" -> c <= 0;
                    default -> c >= 0;
                };
            };
        }

        /** Same-typed values compare (strings by code point, as PostgreSQL's "C" collation); anything else is unknown. */
        static Integer compare(Object x, Object y) {
            if (x instanceof BigDecimal a && y instanceof BigDecimal b) {
                return a.compareTo(b);
            }
            if (x instanceof String a && y instanceof String b) {
                return Like.compareCodePoints(a, b);
            }
            if (x instanceof Boolean a && y instanceof Boolean b) {
                return a.compareTo(b);
            }
            if (x instanceof java.time.LocalDate a && y instanceof java.time.LocalDate b) {
                return a.compareTo(b);
            }
            if (x instanceof java.time.Instant a && y instanceof java.time.Instant b) {
                return a.compareTo(b);
            }
            return null; // properties carry no time, so a DATE or TIMESTAMP only compares with another literal
        }

        Node spatial(Cql.Spatial s) {
            Geometry literalLeft = s.left() instanceof Cql.GeometryLiteral g ? g.geometry() : null;
            Geometry literalRight = s.right() instanceof Cql.GeometryLiteral g ? g.geometry() : null;
            checkGeometry(s.left());
            checkGeometry(s.right());
            String op = s.op();
            if (literalLeft != null && literalRight != null) {
                boolean b = relate(op, literalLeft, literalRight);
                return f -> b;
            }
            if (literalLeft == null && literalRight == null) {
                return f -> relate(op, f.geometry(), f.geometry());
            }
            // one literal against the feature geometry: prepare the literal once for the common predicates
            boolean literalFirst = literalLeft != null;
            Geometry literal = literalFirst ? literalLeft : literalRight;
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(literal);
            return switch (op) {
                case "s_intersects" -> f -> prepared.intersects(f.geometry());
                case "s_disjoint" -> f -> !prepared.intersects(f.geometry());
                case "s_within" ->
                    literalFirst ? f -> prepared.within(f.geometry()) : f -> prepared.contains(f.geometry());
                case "s_contains" ->
                    literalFirst ? f -> prepared.contains(f.geometry()) : f -> prepared.within(f.geometry());
                default ->
                    literalFirst ? f -> relate(op, literal, f.geometry()) : f -> relate(op, f.geometry(), literal);
            };
        }

        static void checkGeometry(Cql.Operand o) {
            if (o instanceof Cql.Property p && !p.name().equals(GEOMETRY)) {
                throw new CqlException(
                        "'" + p.name() + "' is not a geometry; the spatial queryable is '" + GEOMETRY + "'");
            }
            if (o instanceof Cql.Literal) {
                throw new CqlException("a spatial function takes geometries: '" + GEOMETRY + "' or a WKT/BBOX literal");
            }
        }

        static boolean relate(String op, Geometry a, Geometry b) {
            return switch (op) {
                case "s_intersects" -> a.intersects(b);
                case "s_equals" -> a.equalsTopo(b);
                case "s_disjoint" -> a.disjoint(b);
                case "s_touches" -> a.touches(b);
                case "s_within" -> a.within(b);
                case "s_overlaps" -> a.overlaps(b);
                case "s_crosses" -> a.crosses(b);
                default -> a.contains(b);
            };
        }
    }
}
