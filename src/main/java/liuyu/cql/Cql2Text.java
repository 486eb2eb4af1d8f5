package liuyu.cql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** CQL2 Text → {@link Cql}, through the ANTLR parser generated from {@code Cql2.g4}. */
public final class Cql2Text {
    /** Longest filter read, and deepest nesting of parentheses (the parser recurses per level). */
    public static final int MAX_LENGTH = 20_000;

    public static final int MAX_DEPTH = 64;

    private Cql2Text() {}

    /** {@code axes} turns a literal's two ordinates, in the filter CRS's order, into CRS84 lon/lat. */
    public static Cql parse(String text, Axes axes) {
        check(text);
        Cql2Lexer lexer = new Cql2Lexer(CharStreams.fromString(text));
        Cql2Parser parser = new Cql2Parser(new CommonTokenStream(lexer));
        BaseErrorListener fail = new BaseErrorListener() {
            @Override
            public void syntaxError(
                    Recognizer<?, ?> r, Object symbol, int line, int column, String msg, RecognitionException e) {
                throw new CqlException("CQL2 Text syntax error at character " + (column + 1) + ": " + msg);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(fail);
        parser.removeErrorListeners();
        parser.addErrorListener(fail);
        return new Builder(axes).expression(parser.filter().booleanExpression());
    }

    private static void check(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new CqlException(
                    "filter is " + text.length() + " characters long; at most " + MAX_LENGTH + " are read");
        }
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(' && ++depth > MAX_DEPTH) {
                throw new CqlException("filter nests parentheses deeper than " + MAX_DEPTH + " levels");
            } else if (!quoted && c == ')') {
                depth--;
            }
        }
    }

    private record Builder(Axes axes) {
        Cql expression(Cql2Parser.BooleanExpressionContext c) {
            List<Cql> terms = new ArrayList<>();
            c.booleanTerm().forEach(t -> terms.add(term(t)));
            return terms.size() == 1 ? terms.get(0) : new Cql.Or(terms);
        }

        Cql term(Cql2Parser.BooleanTermContext c) {
            List<Cql> factors = new ArrayList<>();
            c.booleanFactor().forEach(f -> factors.add(factor(f)));
            return factors.size() == 1 ? factors.get(0) : new Cql.And(factors);
        }

        Cql factor(Cql2Parser.BooleanFactorContext c) {
            Cql primary = primary(c.booleanPrimary());
            return c.NOT() != null ? new Cql.Not(primary) : primary;
        }

        Cql primary(Cql2Parser.BooleanPrimaryContext c) {
            if (c.booleanLiteral() != null) {
                return new Cql.BooleanLiteral(c.booleanLiteral().TRUE() != null);
            }
            if (c.booleanExpression() != null) {
                return expression(c.booleanExpression());
            }
            return predicate(c.predicate());
        }

        Cql predicate(Cql2Parser.PredicateContext c) {
            if (c.binaryComparisonPredicate() != null) {
                var b = c.binaryComparisonPredicate();
                return new Cql.Compare(
                        b.comparisonOperator().getText(), scalar(b.scalarExpression(0)), scalar(b.scalarExpression(1)));
            }
            if (c.isLikePredicate() != null) {
                var l = c.isLikePredicate();
                var v = l.characterExpression();
                Cql.Operand value = v.propertyName() != null
                        ? property(v.propertyName())
                        : new Cql.Literal(string(v.characterLiteral()));
                Cql like = new Cql.Like(value, string(l.patternExpression().characterLiteral()));
                return l.NOT() != null ? new Cql.Not(like) : like;
            }
            if (c.isBetweenPredicate() != null) {
                var b = c.isBetweenPredicate();
                Cql between = new Cql.Between(
                        numeric(b.numericExpression(0)),
                        numeric(b.numericExpression(1)),
                        numeric(b.numericExpression(2)));
                return b.NOT() != null ? new Cql.Not(between) : between;
            }
            if (c.isInListPredicate() != null) {
                var in = c.isInListPredicate();
                List<Cql.Operand> list = new ArrayList<>();
                for (int i = 1; i < in.scalarExpression().size(); i++) {
                    list.add(scalar(in.scalarExpression(i)));
                }
                Cql inList = new Cql.In(scalar(in.scalarExpression(0)), list);
                return in.NOT() != null ? new Cql.Not(inList) : inList;
            }
            if (c.isNullPredicate() != null) {
                var n = c.isNullPredicate();
                Cql.Operand operand = n.isNullOperand().scalarExpression() != null
                        ? scalar(n.isNullOperand().scalarExpression())
                        : new Cql.GeometryLiteral(spatial(n.isNullOperand().spatialLiteral()));
                Cql isNull = new Cql.IsNull(operand);
                return n.NOT() != null ? new Cql.Not(isNull) : isNull;
            }
            var s = c.spatialPredicate();
            return new Cql.Spatial(
                    s.SPATIAL_OPERATOR().getText().toLowerCase(Locale.ROOT),
                    geom(s.geomExpression(0)),
                    geom(s.geomExpression(1)));
        }

        Cql.Operand scalar(Cql2Parser.ScalarExpressionContext c) {
            if (c.propertyName() != null) {
                return property(c.propertyName());
            }
            if (c.characterLiteral() != null) {
                return new Cql.Literal(string(c.characterLiteral()));
            }
            if (c.numericLiteral() != null) {
                return new Cql.Literal(number(c.numericLiteral().NUMBER()));
            }
            if (c.instantLiteral() != null) {
                var i = c.instantLiteral();
                return new Cql.Literal(
                        Literals.instant(i.DATE() != null, string(i.STRING().getText())));
            }
            return new Cql.Literal(c.booleanLiteral().TRUE() != null);
        }

        Cql.Operand numeric(Cql2Parser.NumericExpressionContext c) {
            return c.propertyName() != null
                    ? property(c.propertyName())
                    : new Cql.Literal(number(c.numericLiteral().NUMBER()));
        }

        Cql.Operand geom(Cql2Parser.GeomExpressionContext c) {
            return c.propertyName() != null
                    ? property(c.propertyName())
                    : new Cql.GeometryLiteral(spatial(c.spatialLiteral()));
        }

        static Cql.Property property(Cql2Parser.PropertyNameContext c) {
            String t = c.getText();
            return new Cql.Property(c.QUOTED_IDENTIFIER() != null ? t.substring(1, t.length() - 1) : t);
        }

        static String string(Cql2Parser.CharacterLiteralContext c) {
            return string(c.getText());
        }

        static String string(String quoted) {
            return quoted.substring(1, quoted.length() - 1).replace("''", "'");
        }

        static BigDecimal number(TerminalNode n) {
            return Literals.number(n.getText());
        }

        Geometry spatial(Cql2Parser.SpatialLiteralContext c) {
            if (c.bboxLiteral() != null) {
                List<TerminalNode> v = c.bboxLiteral().NUMBER();
                double[] d =
                        v.stream().mapToDouble(n -> number(n).doubleValue()).toArray();
                int upper = d.length / 2;
                return Literals.box(axes, d[0], d[1], d[upper], d[upper + 1]);
            }
            return geometry(c.geometryLiteral());
        }

        Geometry geometry(Cql2Parser.GeometryLiteralContext c) {
            GeometryFactory f = Literals.FACTORY;
            if (c.POINT() != null) {
                return point(c.pointText());
            }
            if (c.LINESTRING() != null) {
                return line(c.lineStringText(0));
            }
            if (c.POLYGON() != null) {
                return polygon(c.polygonText(0));
            }
            if (c.MULTIPOINT() != null) {
                List<Point> points = new ArrayList<>();
                for (var p : c.pointOrCoordinate()) {
                    points.add(
                            p.pointText() != null ? point(p.pointText()) : f.createPoint(coordinate(p.coordinate())));
                }
                return f.createMultiPoint(points.toArray(Point[]::new));
            }
            if (c.MULTILINESTRING() != null) {
                return f.createMultiLineString(
                        c.lineStringText().stream().map(this::line).toArray(LineString[]::new));
            }
            if (c.MULTIPOLYGON() != null) {
                return f.createMultiPolygon(
                        c.polygonText().stream().map(this::polygon).toArray(Polygon[]::new));
            }
            return f.createGeometryCollection(
                    c.geometryLiteral().stream().map(this::geometry).toArray(Geometry[]::new));
        }

        Point point(Cql2Parser.PointTextContext c) {
            return Literals.FACTORY.createPoint(coordinate(c.coordinate()));
        }

        LineString line(Cql2Parser.LineStringTextContext c) {
            if (c.coordinate().size() < 2) {
                throw new CqlException("a LINESTRING needs at least 2 positions, got "
                        + c.coordinate().size());
            }
            return Literals.FACTORY.createLineString(
                    c.coordinate().stream().map(this::coordinate).toArray(Coordinate[]::new));
        }

        Polygon polygon(Cql2Parser.PolygonTextContext c) {
            List<LinearRing> rings = new ArrayList<>();
            for (var ring : c.lineStringText()) {
                rings.add(Literals.ring(
                        ring.coordinate().stream().map(this::coordinate).toArray(Coordinate[]::new)));
            }
            return Literals.FACTORY.createPolygon(
                    rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
        }

        Coordinate coordinate(Cql2Parser.CoordinateContext c) {
            return axes.lonLat(
                    number(c.NUMBER(0)).doubleValue(), number(c.NUMBER(1)).doubleValue());
        }
    }
}
