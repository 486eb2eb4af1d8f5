package liuyu.bench.ogc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.atlas.Selection;
import liuyu.cql.Axes;
import liuyu.cql.Cql;
import liuyu.cql.Cql2Text;
import liuyu.cql.FeatureFilter;
import liuyu.cql.PostgisFilter;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A CQL2 filter (an attribute comparison and S_INTERSECTS with a box) over a 100,000-polygon layer:
 * in memory (STRtree narrowing, then the compiled filter), a scan of every feature, and the same
 * filter pushed down to PostGIS as SQL (GiST index on geom), in the same run. Parsing is included
 * in every method, as a request pays it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CqlFilterBenchmark {
    static final String FILTER = "rank < 10 AND S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.5, 40.2))";

    private Layer layer;
    private PostgisFilter postgis;

    @Setup(Level.Trial)
    public void load() {
        HundredThousand data = HundredThousand.get();
        layer = data.layer;
        postgis = new PostgisFilter(data.db);
        int memory = inMemory();
        int sql = inPostgis();
        if (memory != sql || memory == 0) {
            throw new IllegalStateException("in memory " + memory + " features, PostGIS " + sql);
        }
        System.out.println("layer " + layer.features().size() + " features; the filter selects " + memory);
    }

    @Benchmark
    public int inMemory() {
        FeatureFilter filter = FeatureFilter.of(Cql2Text.parse(FILTER, Axes.CRS84), layer.filterableProperties());
        Selection s = layer.select(List.of(filter.footprint()), filter);
        return s.size();
    }

    /** Every feature tested, no index: what the STRtree saves. */
    @Benchmark
    public int inMemoryScan() {
        FeatureFilter filter = FeatureFilter.of(Cql2Text.parse(FILTER, Axes.CRS84), layer.filterableProperties());
        return layer.select((List<org.locationtech.jts.geom.Envelope>) null, filter).size();
    }

    @Benchmark
    public int inPostgis() {
        Cql cql = Cql2Text.parse(FILTER, Axes.CRS84);
        FeatureFilter.of(cql, layer.filterableProperties());
        return postgis.ids(layer, cql).size();
    }
}
