package liuyu.cql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.io.WKTWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Cql} filter as a PostgreSQL/PostGIS condition with bind parameters, for features whose
 * properties are the jsonb expression {@code properties} and whose geometry is {@code geometry}
 * (SRID 4326). It keeps {@link FeatureFilter}'s meaning: values compare only with values of the same
 * JSON type (else NULL, SQL's unknown), strings in the "C" collation (code-point order), LIKE with
 * backslash as escape. Call {@link FeatureFilter#of} first: it refuses unknown queryables.
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

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private final String properties;
    private final String geometry;

    /** The condition and its parameters, in order. */
    public record Where(String sql, List<Object> parameters) {}

    private SqlFilter(String properties, String geometry) {
        this.properties = properties;
        this.geometry = geometry;
    }

    public static Where of(Cql cql, String properties, String geometry) {
        SqlFilter f = new SqlFilter(properties, geometry);
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
            sql.append('(');
            compare(">=", b.value(), b.low());
            sql.append(" AND ");
            compare("<=", b.value(), b.high());
            sql.append(')');
        } else if (cql instanceof Cql.In in) {
            List<Cql> ors = new ArrayList<>();
            in.list().forEach(x -> ors.add(new Cql.Compare("=", in.value(), x)));
            join(ors, " OR ");
        } else if (cql instanceof Cql.Like l) {
            Like.regex(l.pattern()); // the same refusals as in memory (a trailing escape)
            sql.append("(CASE WHEN jsonb_typeof(");
            operand(l.value());
            sql.append(") = 'string' THEN (");
            operand(l.value());
            sql.append(") #>> '{}' LIKE ? END)");
            parameters.add(l.pattern());
        } else if (cql instanceof Cql.IsNull n) {
            if (n.value() instanceof Cql.Property p && !p.name().equals(FeatureFilter.GEOMETRY)) {
                sql.append("(");
                operand(n.value());
                sql.append(" IS NULL OR jsonb_typeof(");
                operand(n.value());
                sql.append(") = 'null')");
            } else {
                sql.append("FALSE"); // a literal, or the geometry every feature has
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
        if (temporal(a) || temporal(b)) {
            // jsonb holds no dates: two literals are compared here, a property against a date is unknown
            Boolean value = a instanceof Cql.Literal x && b instanceof Cql.Literal y
                    ? FeatureFilter.constant(op, x.value(), y.value())
                    : null;
            sql.append(value == null ? "NULL::boolean" : value ? "TRUE" : "FALSE");
            return;
        }
        sql.append("(CASE");
        for (String[] t :
                new String[][] {{"number", "::numeric"}, {"string", " COLLATE \"C\""}, {"boolean", "::boolean"}}) {
            sql.append(" WHEN jsonb_typeof(");
            operand(a);
            sql.append(") = '").append(t[0]).append("' AND jsonb_typeof(");
            operand(b);
            sql.append(") = '").append(t[0]).append("' THEN ((");
            operand(a);
            sql.append(") #>> '{}')").append(t[1]).append(' ').append(op).append(" ((");
            operand(b);
            sql.append(") #>> '{}')").append(t[1]);
        }
        sql.append(" END)");
    }

    private static boolean temporal(Cql.Operand o) {
        return o instanceof Cql.Literal l
                && (l.value() instanceof java.time.LocalDate || l.value() instanceof java.time.Instant);
    }

    /** A scalar as jsonb: a property of the feature, or a literal as a jsonb parameter. */
    private void operand(Cql.Operand o) {
        if (o instanceof Cql.Property p) {
            sql.append('(').append(properties).append(" -> ?)");
            parameters.add(p.name());
        } else if (o instanceof Cql.Literal l && temporal(l)) {
            sql.append("NULL::jsonb"); // jsonb has no date type
        } else if (o instanceof Cql.Literal l) {
            sql.append("?::jsonb");
            Object v = l.value();
            parameters.add(v instanceof BigDecimal n ? n.toPlainString() : JSON.writeValueAsString(v));
        } else {
            throw new CqlException("a geometry literal cannot be compared; use a spatial function");
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
