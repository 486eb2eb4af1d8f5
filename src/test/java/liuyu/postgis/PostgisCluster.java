package liuyu.postgis;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL + PostGIS cluster for tests and benchmarks, started from the local Debian
 * binaries ({@code postgresql-15-postgis-3}). It never skips: if the binaries are missing the caller
 * fails with the package to install. One shared cluster per JVM ({@link #shared()}), removed at exit; a test
 * that takes the database away ({@link #stop()}, {@link #start()} on the same port) uses a cluster of its own
 * ({@link #own()}). A port taken between choosing it and PostgreSQL binding it is retried with another;
 * {@code pg_ctl -w} returns once the server accepts connections, so nobody waits by sleeping.
 */
public final class PostgisCluster {
    private static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
    private static PostgisCluster shared;

    private final Path bin;
    private final Path dataDir;
    private int port;
    private final boolean asPostgresUser;

    private PostgisCluster(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The JVM-wide cluster, created and started on first use with database {@code liuyu} and PostGIS enabled. */
    public static synchronized PostgisCluster shared() {
        if (shared == null) {
            shared = create();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::destroy));
        }
        return shared;
    }

    /** A cluster for the caller alone (database {@code liuyu}, PostGIS enabled), removed at exit: for tests that stop it. */
    public static PostgisCluster own() {
        PostgisCluster c = create();
        Runtime.getRuntime().addShutdownHook(new Thread(c::destroy));
        return c;
    }

    private static PostgisCluster create() {
        Path bin = Paths.get(System.getenv().getOrDefault("LIUYU_PG_BIN", DEFAULT_BIN));
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL binaries not found in " + bin
                    + ": install the Debian package postgresql-15-postgis-3 (or set LIUYU_PG_BIN)");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("liuyu-pg-");
            PostgisCluster c = new PostgisCluster(bin, dir, freePort(), root);
            if (root) {
                c.exec("chown", "-R", "postgres:postgres", dir.toString()); // initdb refuses to run as root
            }
            c.exec(
                    c.pg("initdb"),
                    "-D",
                    dir.resolve("data").toString(),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync");
            c.startOnAFreePort();
            try (Connection conn = DriverManager.getConnection(c.url("postgres"), "postgres", "");
                    Statement s = conn.createStatement()) {
                s.execute("CREATE DATABASE liuyu");
            }
            try (Connection conn = c.connect();
                    Statement s = conn.createStatement()) {
                s.execute("CREATE EXTENSION postgis");
            }
            return c;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start the throwaway PostGIS cluster: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return url("liuyu");
    }

    public String user() {
        return "postgres";
    }

    /** A client program of the cluster's PostgreSQL (pg_dump, pg_restore, psql), to run against {@link #port()}. */
    public String tool(String name) {
        return pg(name);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), "");
    }

    /** A new, empty database with PostGIS enabled, for a test that must not share state; returns its JDBC URL. */
    public String newDatabase() {
        String name = "t" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = DriverManager.getConnection(url(name), user(), "");
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION postgis");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    /** Starts on the chosen port; if another process bound it since it was chosen, on another (up to five tries). */
    private void startOnAFreePort() throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                start();
                return;
            } catch (IllegalStateException e) {
                Path log = dataDir.resolve("log");
                String why = Files.exists(log) ? Files.readString(log) : "";
                if (attempt == 5
                        || !(why.contains("could not bind") || why.contains("could not create any TCP/IP sockets"))) {
                    throw e;
                }
                port = freePort();
            }
        }
    }

    public synchronized void start() {
        exec(
                pg("pg_ctl"),
                "-D",
                dataDir.resolve("data").toString(),
                "-w",
                "-l",
                dataDir.resolve("log").toString(),
                "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                "start");
    }

    public synchronized void stop() {
        exec(pg("pg_ctl"), "-D", dataDir.resolve("data").toString(), "-w", "-m", "fast", "stop");
    }

    private void destroy() {
        try {
            stop();
        } catch (RuntimeException alreadyStopped) {
            // the cluster is being removed either way
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private String pg(String tool) {
        return bin.resolve(tool).toString();
    }

    private void exec(String... command) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser && !command[0].equals("chown")) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
