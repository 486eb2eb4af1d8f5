package liuyu.bench.network;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import liuyu.network.GeneratedNetwork;
import liuyu.network.Mode;
import liuyu.network.Network;
import liuyu.network.NetworkBuilder;
import liuyu.network.Origin;
import liuyu.postgis.PostgisCluster;
import org.postgresql.PGConnection;

/**
 * The benchmark network: a generated dendritic network of a million reaches, held in memory as a
 * {@link Network} and loaded into a throwaway PostgreSQL as the table NLDI-style navigation queries
 * with recursive CTEs ({@code reach(id, down, len)}, indexed on both links), with the same ids.
 */
final class MillionReaches {
    static final int REACHES = 1_000_000;

    /** UT as NLDI does it: a recursive CTE joining each reach to those flowing into it. */
    static final String UPSTREAM_CTE = """
        WITH RECURSIVE ut(id, d, len) AS (
          SELECT id, 0::float8, len FROM reach WHERE id = ?
          UNION ALL
          SELECT r.id, ut.d + ut.len, r.len FROM reach r JOIN ut ON r.down = ut.id WHERE ut.d + ut.len <= ?
        ) SELECT count(*), coalesce(sum(d), 0) FROM ut""";

    /** DM: the recursive CTE following each reach's downstream link. */
    static final String DOWNSTREAM_CTE = """
        WITH RECURSIVE dm(id, d, len, down) AS (
          SELECT id, 0::float8, len, down FROM reach WHERE id = ?
          UNION ALL
          SELECT r.id, dm.d + dm.len, r.len, r.down FROM reach r JOIN dm ON r.id = dm.down WHERE dm.d + dm.len <= ?
        ) SELECT count(*), coalesce(sum(d), 0) FROM dm""";

    /** "Is A upstream of B" the database way: walk down from A, stopping where B is found. */
    static final String UPSTREAM_TEST_CTE = """
        WITH RECURSIVE dn(id) AS (
          SELECT down FROM reach WHERE id = ?
          UNION ALL
          SELECT r.down FROM reach r JOIN dn ON r.id = dn.id WHERE dn.id <> ?
        ) SELECT EXISTS (SELECT 1 FROM dn WHERE id = ?)""";

    final Network network;
    final Connection db;

    private MillionReaches(Network network, Connection db) {
        this.network = network;
        this.db = db;
    }

    static MillionReaches load() throws SQLException, IOException {
        Network network = new NetworkBuilder().build(GeneratedNetwork.dendritic(REACHES, 7)).network();
        Connection db = PostgisCluster.shared().connect();
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS reach");
            s.execute("CREATE TABLE reach (id int PRIMARY KEY, down int, len float8 NOT NULL)");
        }
        StringBuilder rows = new StringBuilder(network.size() * 24);
        for (int i = 0; i < network.size(); i++) {
            int down = network.mainDownstream(i);
            rows.append(i).append('\t').append(down < 0 ? "\\N" : Integer.toString(down)).append('\t')
                .append(network.lengthM(i)).append('\n');
        }
        db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY reach FROM STDIN", new StringReader(rows.toString()));
        try (Statement s = db.createStatement()) {
            s.execute("CREATE INDEX reach_down ON reach (down)");
            s.execute("ANALYZE reach");
            s.execute("SET jit = off"); // JIT compilation only slows these short recursive queries: off favours the baseline
        }
        return new MillionReaches(network, db);
    }

    /** The reach the whole network drains to. */
    int outlet() {
        return 0; // pre-order numbering puts the first outlet first
    }

    int[] randomReaches(int count, long seed) {
        Random random = new Random(seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextInt(network.size());
        }
        return out;
    }

    /** Random reaches on the main stem of the outlet (the longest river of the network). */
    int[] randomOnMainStem(int count, long seed) {
        int[] stem = network.navigate(Mode.UM, Origin.reach(outlet()), Double.POSITIVE_INFINITY).reaches();
        Random random = new Random(seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = stem[random.nextInt(stem.length)];
        }
        return out;
    }

    /** count of reaches and the sum of their distances, as the CTEs return them */
    static double[] countAndSum(PreparedStatement query, int start, double limitM) throws SQLException {
        query.setInt(1, start);
        query.setDouble(2, limitM);
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return new double[] {rs.getLong(1), rs.getDouble(2)};
        }
    }
}
