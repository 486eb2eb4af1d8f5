package liuyu.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The one GeoJSON geometry reader and writer (RFC 7946). Reading is strict: every position must be
 * finite and inside lon [-180, 180], lat [-90, 90]; rings must be closed. Nothing is silently fixed.
 */
public final class GeoJson {
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    /** As {@link #FACTORY}, coordinates in packed x,y arrays (16 bytes a vertex): how the atlas keeps zones. */
    public static final GeometryFactory PACKED_FACTORY = new GeometryFactory(
            FACTORY.getPrecisionModel(),
            FACTORY.getSRID(),
            org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    private GeoJson() {}

    // ---------------------------------------------------------------- reading

    /** Reads a GeoJSON geometry object; {@code path} names it in error messages (e.g. "geometry"). */
    public static Geometry read(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new GeoJsonException(path, "geometry is missing");
        }
        if (!node.isObject()) {
            throw new GeoJsonException(path, "must be a GeoJSON geometry object");
        }
        String type = node.path("type").asString("");
        if (type.equals("GeometryCollection")) {
            JsonNode members = node.path("geometries");
            if (!members.isArray()) {
                throw new GeoJsonException(path + ".geometries", "must be an array");
            }
            Geometry[] parts = new Geometry[members.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = read(members.get(i), path + ".geometries[" + i + "]");
            }
            return FACTORY.createGeometryCollection(parts);
        }
        JsonNode c = node.path("coordinates");
        String cp = path + ".coordinates";
        if (!c.isArray()) {
            throw new GeoJsonException(cp, "must be an array");
        }
        return switch (type) {
            case "Point" -> FACTORY.createPoint(position(c, cp));
            case "MultiPoint" -> FACTORY.createMultiPoint(positions(c, cp, 1));
            case "LineString" -> FACTORY.createLineString(positions(c, cp, 2));
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = FACTORY.createLineString(positions(c.get(i), cp + "[" + i + "]", 2));
                }
                yield FACTORY.createMultiLineString(lines);
            }
            case "Polygon" -> polygon(c, cp);
            case "MultiPolygon" -> {
                Polygon[] polys = new Polygon[c.size()];
                for (int i = 0; i < polys.length; i++) {
                    polys[i] = polygon(c.get(i), cp + "[" + i + "]");
                }
                yield FACTORY.createMultiPolygon(polys);
            }
            default ->
                throw new GeoJsonException(
                        path + ".type",
                        "unknown geometry type '" + type
                                + "'; expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection");
        };
    }

    private static Polygon polygon(JsonNode rings, String path) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new GeoJsonException(path, "a polygon needs at least an exterior ring");
        }
        LinearRing shell = ring(rings.get(0), path + "[0]");
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), path + "[" + i + "]");
        }
        return FACTORY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode node, String path) {
        Coordinate[] cs = positions(node, path, 4);
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new GeoJsonException(path, "ring is not closed (first and last positions differ)");
        }
        return FACTORY.createLinearRing(cs);
    }

    private static Coordinate[] positions(JsonNode node, String path, int min) {
        if (!node.isArray()) {
            throw new GeoJsonException(path, "must be an array of positions");
        }
        if (node.size() < min) {
            throw new GeoJsonException(path, "needs at least " + min + " positions, has " + node.size());
        }
        Coordinate[] cs = new Coordinate[node.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = position(node.get(i), path + "[" + i + "]");
        }
        return cs;
    }

    private static Coordinate position(JsonNode p, String path) {
        if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new GeoJsonException(path, "a position is an array of two or three numbers [lon, lat]");
        }
        double lon = p.get(0).doubleValue();
        double lat = p.get(1).doubleValue();
        checkLonLat(lon, lat, path);
        return new Coordinate(lon, lat);
    }

    /** Rejects non-finite or out-of-range lon/lat; the path names the position. */
    public static void checkLonLat(double lon, double lat, String path) {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new GeoJsonException(path, "longitude " + lon + " is outside [-180, 180]");
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new GeoJsonException(path, "latitude " + lat + " is outside [-90, 90]");
        }
    }

    // ---------------------------------------------------------------- writing

    /** Output axis order and rounding for {@link #write}. */
    public record Style(boolean latitudeFirst, int decimals) {
        public static final Style CRS84 = new Style(false, 7);

        /** Coordinates in the axis order {@code crs} defines (EPSG:4326 and EPSG:4490: latitude first). */
        public static Style of(Crs crs) {
            return new Style(crs.latitudeFirst(), CRS84.decimals());
        }
    }

    public static void write(Geometry g, JsonGenerator out, Style style) {
        write(g, out, style, new char[ORDINATE_CHARS]);
    }

    // scratch: one small buffer per geometry, so ordinates are written without a String each
    private static void write(Geometry g, JsonGenerator out, Style style, char[] scratch) {
        out.writeStartObject();
        if (g instanceof GeometryCollection gc
                && !(g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon)) {
            out.writeStringProperty("type", "GeometryCollection");
            out.writeName("geometries");
            out.writeStartArray();
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                write(gc.getGeometryN(i), out, style, scratch);
            }
            out.writeEndArray();
            out.writeEndObject();
            return;
        }
        out.writeStringProperty("type", g.getGeometryType());
        out.writeName("coordinates");
        writeCoordinates(g, out, style, scratch);
        out.writeEndObject();
    }

    private static void writeCoordinates(Geometry g, JsonGenerator out, Style style, char[] scratch) {
        if (g instanceof Point p) {
            writePosition(p.getCoordinate(), out, style, scratch);
        } else if (g instanceof LineString l) {
            writePositions(l.getCoordinates(), out, style, scratch);
        } else if (g instanceof Polygon p) {
            out.writeStartArray();
            writePositions(p.getExteriorRing().getCoordinates(), out, style, scratch);
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                writePositions(p.getInteriorRingN(i).getCoordinates(), out, style, scratch);
            }
            out.writeEndArray();
        } else {
            out.writeStartArray();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                writeCoordinates(g.getGeometryN(i), out, style, scratch);
            }
            out.writeEndArray();
        }
    }

    private static void writePositions(Coordinate[] cs, JsonGenerator out, Style style, char[] scratch) {
        out.writeStartArray();
        for (Coordinate c : cs) {
            writePosition(c, out, style, scratch);
        }
        out.writeEndArray();
    }

    private static void writePosition(Coordinate c, JsonGenerator out, Style style, char[] scratch) {
        out.writeStartArray();
        writeOrdinate(style.latitudeFirst() ? c.y : c.x, style.decimals(), out, scratch);
        writeOrdinate(style.latitudeFirst() ? c.x : c.y, style.decimals(), out, scratch);
        out.writeEndArray();
    }

    private static final int ORDINATE_CHARS = 32;
    private static final int MAX_FIXED_DECIMALS = 9;
    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
    };

    /**
     * Writes {@code round(v, decimals)} in plain decimal notation ({@code 116.1234567}, {@code 40.0}),
     * the same number {@code writeNumber(round(v, decimals))} gives, without a String per ordinate.
     */
    static void writeOrdinate(double v, int decimals, JsonGenerator out, char[] scratch) {
        double scaled = decimals <= MAX_FIXED_DECIMALS ? Math.round(v * POW10[Math.max(0, decimals)]) : Double.NaN;
        if (!(Math.abs(scaled) < 1e15) || decimals < 1) {
            out.writeNumber(round(v, decimals)); // out of the fixed-point range: rare, and correct either way
            return;
        }
        long units = Math.abs((long) scaled);
        long whole = units / POW10[decimals];
        long fraction = units % POW10[decimals];
        int end = scratch.length;
        int pos = end;
        int digits = decimals;
        while (digits > 1 && fraction % 10 == 0) { // trailing zeros go, one fractional digit stays
            fraction /= 10;
            digits--;
        }
        for (int i = 0; i < digits; i++) {
            scratch[--pos] = (char) ('0' + fraction % 10);
            fraction /= 10;
        }
        scratch[--pos] = '.';
        do {
            scratch[--pos] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        if (scaled < 0) {
            scratch[--pos] = '-';
        }
        out.writeRawValue(scratch, pos, end - pos);
    }

    /** A GeoJSON Feature with a string id; properties are written as plain JSON values. */
    public static void writeFeature(
            String id, java.util.Map<String, Object> properties, Geometry g, JsonGenerator out, Style style) {
        writeFeature(id, properties, g, out, style, null);
    }

    /** As {@link #writeFeature(String, java.util.Map, Geometry, JsonGenerator, Style)}, then foreign members (e.g. OGC links) when given. */
    public static void writeFeature(
            String id,
            java.util.Map<String, Object> properties,
            Geometry g,
            JsonGenerator out,
            Style style,
            java.util.function.Consumer<JsonGenerator> foreignMembers) {
        out.writeStartObject();
        out.writeStringProperty("type", "Feature");
        out.writeStringProperty("id", id);
        out.writeName("geometry");
        write(g, out, style);
        out.writePOJOProperty("properties", properties);
        if (foreignMembers != null) {
            foreignMembers.accept(out);
        }
        out.writeEndObject();
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
