package liuyu.cql;

import java.math.BigDecimal;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * A parsed CQL2 filter (OGC 21-065), whether it came as CQL2 Text or CQL2 JSON. Evaluated with
 * SQL's three-valued logic ({@link FeatureFilter}) or written as SQL for PostGIS ({@link SqlFilter}),
 * so both give the same answer.
 */
public sealed interface Cql {
    record And(List<Cql> args) implements Cql {}

    record Or(List<Cql> args) implements Cql {}

    record Not(Cql arg) implements Cql {}

    record BooleanLiteral(boolean value) implements Cql {}

    /** {@code op} one of {@code = <> < > <= >=}. */
    record Compare(String op, Operand left, Operand right) implements Cql {}

    record Like(Operand value, String pattern) implements Cql {}

    record Between(Operand value, Operand low, Operand high) implements Cql {}

    record In(Operand value, List<Operand> list) implements Cql {}

    record IsNull(Operand value) implements Cql {}

    /** {@code op} in lower case: {@code s_intersects}, {@code s_within}, … */
    record Spatial(String op, Operand left, Operand right) implements Cql {}

    /** A value: a property of the feature or a literal. */
    sealed interface Operand {}

    record Property(String name) implements Operand {}

    /** A string, a number ({@link BigDecimal}), a boolean, or a DATE ({@link java.time.LocalDate}) or TIMESTAMP ({@link java.time.Instant}). */
    record Literal(Object value) implements Operand {}

    /** A WKT or BBOX literal, already in CRS84 lon/lat. */
    record GeometryLiteral(Geometry geometry) implements Operand {}

    List<String> COMPARISONS = List.of("=", "<>", "<", ">", "<=", ">=");
    List<String> SPATIAL = List.of(
            "s_intersects", "s_equals", "s_disjoint", "s_touches", "s_within", "s_overlaps", "s_crosses", "s_contains");
}
