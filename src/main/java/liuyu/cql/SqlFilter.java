package liuyu.cql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liuyu.atlas.PropertyIndexes;
import org.locationtech.jts.io.WKTWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Cql} filter as a PostgreSQL/PostGIS condition with bind parameters, over a feature table whose
 * properties are the jsonb column {@code properties}, whose geometry is {@code geometry} (SRID 4326), and
 * whose typed columns (the provenance ones) are given by name. It keeps {@link FeatureFilter}'s meaning:
 * values compare only with values of the same JSON type (else NULL, SQL's unknown), strings in the "C"
 * collation (code-point order), LIKE with backslash as escape. Call {@link FeatureFilter#of} first: it
 * refuses unknown queryables.
 * <p>
 * The SQL is written for the planner: a literal's type is known here, so a property is tested for that one
 * JSON type and cast once ({@code (CASE WHEN jsonb_typeof(p -> 'rank') = 'number' THEN (p ->> 'rank')::numeric END) < ?})
 * instead of for every type, in the form the importer's expression indexes take ({@link PropertyIndexes}), with
 * the property's name written as a literal; typed columns are compared as they are; comparisons of two literals are
 * decided here; spatial functions stay plain {@code ST_Intersects(geom, literal)} so PostGIS adds the
 * {@code &&} test that its GiST index answers.
 */
public final class SqlFilter {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> FUNCTIONS = Map.of(
            "s_intersects",
            "ST_Intersects",
            "s_equals",
            "ST_Equals",
            "s_disjoint",
            "ST_Disjoint",
            "s_touches",
            "ST_Touches",
            "s_within",
            "ST_Within",
            "s_overlaps",
            "ST_Overlaps",
            "s_crosses",
            "ST_Crosses",
            "s_contains",
            "ST_Contains");

    /** The JSON type of a value as SQL sees it; {@code null} for a jsonb value known only per row. */
    enum Type {
        NUMBER("number", "::numeric"),
        STRING("string", " COLLATE \"C\""),
        BOOLEAN("boolean", "::boolean");

        final String json;
        final String cast;

        Type(String json, String cast) {
            this.json = json;
            this.cast = cast;
        }
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private final String properties;
    private final String geometry;
    private final Map<String, Type> columns;

    /** The condition and its parameters, in order. */
    public record Where(String sql, List<Object> parameters) {}

    private SqlFilter(String properties, String geometry, Map<String, Type> columns) {
        this.properties = properties;
        this.geometry = geometry;
        this.columns = columns;
    }

    /** {@code properties}: a jsonb expression holding every property; no typed columns. */
    public static Where of(Cql cql, String properties, String geometry) {
        return of(cql, properties, geometry, Map.of());
    }

    /**
     * {@code columns}: properties stored as their own NOT NULL columns named like the property, with
     * {@code "text"} or {@code "boolean"} as their SQL type; they take precedence over {@code properties}.
     */
    public static Where of(Cql cql, String properties, String geometry, Map<String, String> columns) {
        Map<String, Type> typed = new java.util.HashMap<>();
        columns.forEach((name, type) -> typed.put(
                name,
                switch (type) {
                    case "text" -> Type.STRING;
                    case "boolean" -> Type.BOOLEAN;
                    default -> throw new IllegalArgumentException("column type " + type);
                }));
        SqlFilter f = new SqlFilter(properties, geometry, typed);
        f.write(cql);
        return new Where(f.sql.toString(), List.copyOf(f.parameters));
    }

    private void write(Cql cql) {
        if (cql instanceof Cql.And a) {
            join(a.args(), " AND ");
        } else if (cql instanceof Cql.Or o) {
            join(o.args(), " OR ");
        } else if (cql instanceof Cql.Not n) {
            sql.append("(NOT ");
            write(n.arg());
            sql.append(')');
        } else if (cql instanceof Cql.BooleanLiteral b) {
            sql.append(b.value() ? "TRUE" : "FALSE");
        } else if (cql instanceof Cql.Compare c) {
            compare(c.op(), c.left(), c.right());
        } else if (cql instanceof Cql.Between b) {
            Type t = literalType(b.low());
            if (jsonb(b.value()) && t != null && t == literalType(b.high())) {
                // one type test and one cast for both bounds; another type is unknown, as two unknowns ANDed
                sql.append('(');
                value(b.value(), t);
                sql.append(" BETWEEN ");
                typed(b.low(), t);
                sql.append(" AND ");
                typed(b.high(), t);
                sql.append(')');
            } else {
                sql.append('(');
                compare(">=", b.value(), b.low());
                sql.append(" AND ");
                compare("<=", b.value(), b.high());
                sql.append(')');
            }
        } else if (cql instanceof Cql.In in) {
            Type t = in.list().isEmpty() ? null : literalType(in.list().get(0));
            boolean uniform = t != null && in.list().stream().allMatch(x -> literalType(x) == t);
            if (uniform && (jsonb(in.value()) || columnType(in.value()) == t)) {
                // the ORed equalities of FeatureFilter: all unknown when the value has another type
                sql.append('(');
                value(in.value(), t);
                sql.append(" IN (");
                for (int i = 0; i < in.list().size(); i++) {
                    sql.append(i > 0 ? ", " : "");
                    typed(in.list().get(i), t);
                }
                sql.append("))");
            } else {
                List<Cql> ors = new ArrayList<>();
                in.list().forEach(x -> ors.add(new Cql.Compare("=", in.value(), x)));
                join(ors, " OR ");
            }
        } else if (cql instanceof Cql.Like l) {
            Like.regex(l.pattern()); // the same refusals as in memory (a trailing escape)
            if (jsonb(l.value()) || columnType(l.value()) == Type.STRING || literalType(l.value()) == Type.STRING) {
                sql.append('(');
                value(l.value(), Type.STRING);
                sql.append(" LIKE ?)");
                parameters.add(l.pattern());
            } else {
                sql.append("NULL::boolean"); // LIKE on a number or boolean is unknown
            }
        } else if (cql instanceof Cql.IsNull n) {
            if (jsonb(n.value())) {
                sql.append('(');
                operand(n.value());
                sql.append(" IS NULL OR ");
                operand(n.value());
                sql.append(" = 'null'::jsonb)");
            } else {
                sql.append("FALSE"); // a literal, a NOT NULL column, or the geometry every feature has
            }
        } else {
            Cql.Spatial s = (Cql.Spatial) cql;
            sql.append(FUNCTIONS.get(s.op())).append('(');
            geometry(s.left());
            sql.append(", ");
            geometry(s.right());
            sql.append(')');
        }
    }

    private void join(List<Cql> args, String op) {
        sql.append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sql.append(op);
            }
            write(args.get(i));
        }
        sql.append(')');
    }

    /** Same JSON type on both sides, or NULL. */
    private void compare(String op, Cql.Operand a, Cql.Operand b) {
        if (isGeometry(a) || isGeometry(b)) {
            throw new CqlException("a geometry cannot be compared; use a spatial function");
        }
        if (a instanceof Cql.Literal x && b instanceof Cql.Literal y) {
            constant(FeatureFilter.constant(op, x.value(), y.value()));
            return;
        }
        if (temporal(a) || temporal(b)) {
            sql.append("NULL::boolean"); // no property holds a date
            return;
        }
        Type ta = staticType(a);
        Type tb = staticType(b);
        if (ta != null && tb != null) {
            if (ta != tb) {
                sql.append("NULL::boolean");
                return;
            }
            sql.append('(');
            typed(a, ta);
            sql.append(' ').append(op).append(' ');
            typed(b, ta);
            sql.append(')');
        } else if (ta != null || tb != null) {
            Type t = ta != null ? ta : tb;
            sql.append('(');
            value(a, t);
            sql.append(' ').append(op).append(' ');
            value(b, t);
            sql.append(')');
        } else {
            // two properties of types known only per row
            sql.append("(CASE");
            for (Type t : Type.values()) {
                sql.append(" WHEN jsonb_typeof(");
                operand(a);
                sql.append(") = '").append(t.json).append("' AND jsonb_typeof(");
                operand(b);
                sql.append(") = '").append(t.json).append("' THEN ");
                typed(a, t);
                sql.append(' ').append(op).append(' ');
                typed(b, t);
            }
            sql.append(" END)");
        }
    }

    private void constant(Boolean value) {
        sql.append(value == null ? "NULL::boolean" : value ? "TRUE" : "FALSE");
    }

    /**
     * {@code o} as an SQL value of type {@code t}: a jsonb property is NULL unless it holds that JSON type, so a
     * comparison with it is unknown otherwise. Written as {@link PropertyIndexes#value} writes it, the expression
     * the importer indexes per layer and property, so the planner can use that index.
     */
    private void value(Cql.Operand o, Type t) {
        if (jsonb(o)) {
            sql.append(PropertyIndexes.value(properties, ((Cql.Property) o).name(), t.json));
        } else {
            typed(o, t);
        }
    }

    /** {@code o} as an SQL value of type {@code t}; a jsonb property is cast only where its type was tested. */
    private void typed(Cql.Operand o, Type t) {
        if (jsonb(o)) {
            sql.append('(')
                    .append(properties)
                    .append(" ->> ")
                    .append(PropertyIndexes.literal(((Cql.Property) o).name()))
                    .append(')')
                    .append(t.cast);
        } else if (o instanceof Cql.Property p) {
            sql.append(p.name()).append(t == Type.STRING ? t.cast : "");
        } else {
            Object v = ((Cql.Literal) o).value();
            sql.append(t == Type.STRING ? "(?::text COLLATE \"C\")" : "?" + t.cast);
            parameters.add(v);
        }
    }

    private static boolean temporal(Cql.Operand o) {
        return o instanceof Cql.Literal l && (l.value() instanceof LocalDate || l.value() instanceof Instant);
    }

    private static boolean isGeometry(Cql.Operand o) {
        return o instanceof Cql.GeometryLiteral
                || o instanceof Cql.Property p && p.name().equals(FeatureFilter.GEOMETRY);
    }

    private boolean jsonb(Cql.Operand o) {
        return o instanceof Cql.Property p
                && !columns.containsKey(p.name())
                && !p.name().equals(FeatureFilter.GEOMETRY);
    }

    private Type columnType(Cql.Operand o) {
        return o instanceof Cql.Property p ? columns.get(p.name()) : null;
    }

    private static Type literalType(Cql.Operand o) {
        if (o instanceof Cql.Literal l) {
            Object v = l.value();
            return v instanceof BigDecimal
                    ? Type.NUMBER
                    : v instanceof String ? Type.STRING : v instanceof Boolean ? Type.BOOLEAN : null;
        }
        return null;
    }

    /** The type of a literal or a typed column; {@code null} for a jsonb property. */
    private Type staticType(Cql.Operand o) {
        Type t = columnType(o);
        return t != null ? t : literalType(o);
    }

    /** A property of the feature as jsonb (the form the per-row type test needs). */
    private void operand(Cql.Operand o) {
        if (o instanceof Cql.Property p && !p.name().equals(FeatureFilter.GEOMETRY)) {
            // the name as a literal, not a parameter: an expression index matches only the same expression
            sql.append('(')
                    .append(properties)
                    .append(" -> ")
                    .append(PropertyIndexes.literal(p.name()))
                    .append(')');
        } else {
            throw new CqlException("a geometry cannot be compared; use a spatial function");
        }
    }

    private void geometry(Cql.Operand o) {
        if (o instanceof Cql.GeometryLiteral g) {
            sql.append("ST_GeomFromText(?, 4326)");
            parameters.add(new WKTWriter().write(g.geometry()));
        } else {
            sql.append(geometry);
        }
    }
}
