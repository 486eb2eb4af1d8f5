package liuyu.tiles;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.UserDataKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.Selection;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Mapbox Vector Tiles (MVT 2.1) of atlas layers in WebMercatorQuad, made from the in-memory index:
 * the features meeting the tile (plus a buffer) are projected, clipped and encoded by
 * mapbox-vector-tile-java. Tiles are cached per atlas snapshot: a reload starts a new cache.
 * <p>
 * Per zoom, as PostGIS ST_AsMVTGeom does on its grid: a line or polygon smaller than one tile unit both ways
 * (it would collapse to a point on the grid) is left out, and every vertex is projected straight onto the tile's
 * integer grid, where vertices that fall on the same unit become one ({@link TileGrid}); only the few features
 * that cross the buffered tile edge are clipped. At low zoom a tile meets most of a layer, so the cost per
 * feature is what a tile costs: no overlay for a feature inside the tile, no intermediate geometries.
 */
public final class VectorTiles {
    /** Tile coordinates per side (MVT's usual 4096) and the clip buffer around the tile, in those units. */
    public static final int EXTENT = 4096;

    public static final int BUFFER = 64;
    private static final MvtLayerParams PARAMS = new MvtLayerParams(EXTENT);
    private static final int CACHED_TILES = 20_000;
    private static final long CACHED_BYTES = 128L << 20;

    private final Map<Atlas, Cache> caches = Collections.synchronizedMap(new WeakHashMap<>());

    /** The tile's MVT bytes (one MVT layer named after the layer); an empty array when no feature meets it. */
    public byte[] tile(Atlas atlas, Layer layer, int zoom, int row, int col) {
        Cache cache = caches.computeIfAbsent(atlas, a -> new Cache());
        String key = layer.id() + "/" + zoom + "/" + row + "/" + col;
        byte[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] tile = encode(layer, zoom, row, col);
        cache.put(key, tile);
        return tile;
    }

    /** Encodes without the cache (the benchmark measures both). */
    public static byte[] encode(Layer layer, int zoom, int row, int col) {
        Envelope tile = WebMercatorQuad.tile(zoom, row, col);
        double buffer = tile.getWidth() * BUFFER / EXTENT;
        Envelope clip = new Envelope(tile);
        clip.expandBy(buffer);
        double unit = tile.getWidth() / EXTENT;
        TileGrid grid = new TileGrid(tile, unit);
        Selection s = layer.select(List.of(WebMercatorQuad.lonLat(clip)), null);
        List<Geometry> out = new ArrayList<>(s.size());
        for (int i = 0; i < s.size(); i++) {
            Feature f = s.get(i);
            if (belowOneUnit(f.geometry(), unit)) {
                continue;
            }
            Geometry g = grid.encode(f.geometry());
            if (g == null || g.isEmpty()) {
                continue;
            }
            g.setUserData(attributes(f));
            out.add(g);
        }
        if (out.isEmpty()) {
            return new byte[0];
        }
        return MvtEncoder.encode(
                new JtsMvt(new JtsLayer(layer.id(), out, EXTENT)), PARAMS, new UserDataKeyValueMapConverter());
    }

    /** A line or polygon narrower and lower than one tile unit (points always count). */
    static boolean belowOneUnit(Geometry lonLat, double unit) {
        if (lonLat.getDimension() == 0) {
            return false;
        }
        Envelope m = WebMercatorQuad.metres(lonLat.getEnvelopeInternal());
        return m.getWidth() < unit && m.getHeight() < unit;
    }

    /** The feature's id and its plain properties (MVT values are strings, numbers and booleans; lists are left out). */
    private static Map<String, Object> attributes(Feature f) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", f.id());
        f.properties().forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                a.put(k, v);
            }
        });
        return a;
    }

    /** Least recently used tiles go first, by count and by bytes. */
    private static final class Cache extends LinkedHashMap<String, byte[]> {
        private long bytes;

        Cache() {
            super(256, 0.75f, true);
        }

        @Override
        public synchronized byte[] get(Object key) {
            return super.get(key);
        }

        @Override
        public synchronized byte[] put(String key, byte[] value) {
            bytes += value.length;
            byte[] old = super.put(key, value);
            if (old != null) {
                bytes -= old.length;
            }
            return old;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            if (size() > CACHED_TILES || bytes > CACHED_BYTES) {
                bytes -= eldest.getValue().length;
                return true;
            }
            return false;
        }
    }
}
