package liuyu.cli;

import java.io.PrintStream;
import java.util.Map;
import liuyu.storage.SyntheticRecords;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionException;

/**
 * {@code purge-synthetic}: removes exactly the synthetic demo records (labelled: observations of source kind
 * synthetic, outfall-ledger records whose method is synthetic) from an existing records database. Usage:
 * <pre>java -jar liuyu-exec.jar purge-synthetic (--db-url=jdbc:postgresql://host/db | --records-dir=./data)
 *       [--db-user=u] [--db-password=p] [--dry-run]</pre>
 * The database settings may also come from LIUYU_DB_URL, LIUYU_DB_USER, LIUYU_DB_PASSWORD. Stop the service first
 * when the records are an embedded H2 file: only one process may open it.
 */
public final class PurgeSyntheticCommand {
    private PurgeSyntheticCommand() {}

    /** The JDBC URL of the embedded records database in {@code dir}, as application.properties builds it. */
    static String h2Url(String dir) {
        return "jdbc:h2:file:" + dir
                + "/liuyu;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE";
    }

    /** Runs the purge; returns the process exit code (0 done, 1 failed, 2 usage). */
    /** The picocli registration: {@code purge-synthetic} keeps its own argument reading (run below). */
    @picocli.CommandLine.Command(
            name = "purge-synthetic",
            mixinStandardHelpOptions = true,
            description =
                    "Remove exactly the synthetic demo records (labelled) from a records database: "
                            + "purge-synthetic (--db-url=jdbc:postgresql://… | --records-dir=DIR) [--dry-run]; see docs/deploy.md")
    public static final class Cli implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Unmatched
        java.util.List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return run(args.toArray(String[]::new), System.getenv(), System.out, System.err);
        }
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.get("LIUYU_DB_URL");
        String user = env.get("LIUYU_DB_USER");
        String password = env.getOrDefault("LIUYU_DB_PASSWORD", "");
        boolean dryRun = false;
        for (String a : args) {
            if (a.startsWith("--db-url=")) {
                url = a.substring(9);
            } else if (a.startsWith("--records-dir=")) {
                url = h2Url(a.substring(14));
            } else if (a.startsWith("--db-user=")) {
                user = a.substring(10);
            } else if (a.startsWith("--db-password=")) {
                password = a.substring(14);
            } else if (a.equals("--dry-run")) {
                dryRun = true;
            } else {
                err.println("purge-synthetic: unknown argument '" + a + "'");
                return 2;
            }
        }
        if (url == null || !(url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:"))) {
            err.println(
                    "purge-synthetic: --db-url=jdbc:postgresql://host:port/database (or LIUYU_DB_URL), or --records-dir=<liuyu.records.dir>"
                            + " for the embedded H2 database, is required");
            return 2;
        }
        if (user == null) {
            user = url.startsWith("jdbc:h2:") ? "sa" : "postgres";
        }
        try {
            SyntheticRecords records = new SyntheticRecords(new DriverManagerDataSource(url, user, password));
            if (dryRun) {
                out.println("would remove " + records.count() + " (dry run: nothing removed)");
            } else {
                out.println("removed " + records.purge());
            }
            return 0;
        } catch (DataAccessException | TransactionException e) {
            err.println("purge-synthetic failed, nothing removed: "
                    + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
            return 1;
        }
    }
}
