package liuyu.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liuyu.atlas.AtlasLoadException;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.records.Migrations;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code import}: loads the gis/ atlas (or single layer files, as GET /layers/{id} writes them) into
 * PostGIS. Usage:
 * <pre>java -jar liuyu-exec.jar import --db-url=jdbc:postgresql://host/db [--db-user=u] [--db-password=p]
 *       [--atlas=gis | --layer=file.geojson ...]</pre>
 * The database settings may also come from LIUYU_DB_URL, LIUYU_DB_USER, LIUYU_DB_PASSWORD.
 */
public final class ImportCommand {
    private ImportCommand() {
    }

    /** Runs the import; returns the process exit code (0 done, 1 refused, 2 usage). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.get("LIUYU_DB_URL");
        String user = env.getOrDefault("LIUYU_DB_USER", "postgres");
        String password = env.getOrDefault("LIUYU_DB_PASSWORD", "");
        Path atlas = Path.of("gis");
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--db-url=")) {
                url = a.substring(9);
            } else if (a.startsWith("--db-user=")) {
                user = a.substring(10);
            } else if (a.startsWith("--db-password=")) {
                password = a.substring(14);
            } else if (a.startsWith("--atlas=")) {
                atlas = Path.of(a.substring(8));
            } else if (a.startsWith("--layer=")) {
                files.add(Path.of(a.substring(8)));
            } else {
                err.println("import: unknown argument '" + a + "'");
                return 2;
            }
        }
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            err.println("import: --db-url=jdbc:postgresql://host:port/database (or LIUYU_DB_URL) is required");
            return 2;
        }
        DriverManagerDataSource db = new DriverManagerDataSource(url, user, password);
        try {
            Migrations.postgis(db).migrate();
            AtlasLoader loader = new AtlasLoader();
            List<Layer> layers = new ArrayList<>();
            if (files.isEmpty()) {
                layers.addAll(loader.read(atlas, false).layers());
            } else {
                for (Path f : files) {
                    layers.add(loader.readLayerFile(f, false));
                }
            }
            new PostgisImporter(db).importLayers(layers, files.isEmpty(),
                i -> out.println("imported " + i.layer() + ": " + i.features() + " features, version " + i.version()));
            return 0;
        } catch (AtlasLoadException e) {
            err.println("import refused; nothing of the refused layer was written:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        }
    }
}
