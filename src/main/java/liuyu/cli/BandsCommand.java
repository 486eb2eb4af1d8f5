package liuyu.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoadException;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerFiles;
import liuyu.atlas.PostgisImporter;
import liuyu.atlas.PostgisLayerSource;
import liuyu.storage.Migrations;
import liuyu.terrain.DerivedZones;
import liuyu.terrain.ShoreBands;
import liuyu.terrain.TerrainException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code bands}: a reservoir's level-1 zone (land below the first level connected to its water) and its
 * shore bands (rings between the levels) from a DEM, written into an atlas directory or PostGIS. Usage:
 * <pre>java -jar liuyu-exec.jar bands --dem=FILE.tif --reservoir=miyun [--levels=155,157.5,160]
 *       [--atlas=gis | --db-url=jdbc:postgresql://host/db [--db-user=u] [--db-password=p]]
 *       [--licence=TEXT] [--authoritative] [--dry-run]</pre>
 */
public final class BandsCommand {
    static final String USAGE =
            "bands --dem=FILE.tif --reservoir=ID [--levels=155,157.5,160] [--atlas=DIR | --db-url=jdbc:postgresql://…"
                    + " [--db-user=U] [--db-password=P]] [--licence=TEXT] [--authoritative] [--dry-run]";
    private static final String NO_LICENCE = "not stated on import: as the DEM's owner licenses it";

    private BandsCommand() {}

    /** The picocli registration: {@code bands} keeps its own argument reading (run below). */
    @picocli.CommandLine.Command(
            name = "bands",
            mixinStandardHelpOptions = true,
            description = "A reservoir's level-1 zone and shore bands from a DEM, into an atlas directory or PostGIS: "
                    + USAGE)
    public static final class Cli implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Unmatched
        java.util.List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return run(args.toArray(String[]::new), System.getenv(), System.out, System.err);
        }
    }

    /** Runs the command; returns the exit code (0 done, 1 refused, 2 usage). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path dem = null;
        String reservoirId = null;
        String levelsText = "155,157.5,160";
        Path atlasDir = null;
        String url = null;
        String user = env.getOrDefault("LIUYU_DB_USER", "postgres");
        String password = env.getOrDefault("LIUYU_DB_PASSWORD", "");
        String licence = NO_LICENCE;
        boolean authoritative = false;
        boolean dryRun = false;
        for (String a : args) {
            String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            switch (a.contains("=") ? a.substring(0, a.indexOf('=')) : a) {
                case "--dem" -> dem = Path.of(v);
                case "--reservoir" -> reservoirId = v;
                case "--levels" -> levelsText = v;
                case "--atlas" -> atlasDir = Path.of(v);
                case "--db-url" -> url = v;
                case "--db-user" -> user = v;
                case "--db-password" -> password = v;
                case "--licence" -> licence = v;
                case "--authoritative" -> authoritative = true;
                case "--dry-run" -> dryRun = true;
                default -> {
                    err.println("bands: unknown argument '" + a + "'\nusage: " + USAGE);
                    return 2;
                }
            }
        }
        if (dem == null || reservoirId == null || (atlasDir != null && url != null)) {
            err.println("bands: usage: " + USAGE);
            return 2;
        }
        if (!Files.isRegularFile(dem)) {
            err.println("bands: no DEM file at " + dem.toAbsolutePath());
            return 2;
        }
        try {
            double[] levels = ShoreBands.levels(levelsText);
            DriverManagerDataSource db = url == null ? null : new DriverManagerDataSource(url, user, password);
            Atlas atlas;
            if (db != null) {
                Migrations.postgis(db).migrate();
                atlas = new PostgisLayerSource(db).load();
            } else {
                atlasDir = atlasDir == null ? Path.of("gis") : atlasDir;
                atlas = new AtlasLoader().load(atlasDir);
            }
            Layer reservoirs = required(atlas, AtlasSchema.RESERVOIRS);
            Feature reservoir = reservoirs.feature(reservoirId);
            if (reservoir == null) {
                err.println("bands: no reservoir '" + reservoirId + "' in layer 'reservoirs'; it has: "
                        + reservoirs.features().stream().map(Feature::id).toList());
                return 2;
            }
            Layer zones = required(atlas, DerivedZones.ZONES);
            Layer bands = required(atlas, DerivedZones.BANDS);
            ShoreBands.Result r = ShoreBands.derive(dem, reservoir.geometry(), levels);
            DerivedZones.Changes changes = DerivedZones.apply(r, reservoir, zones, bands, licence, authoritative);
            report(r, changes, out);
            if (dryRun) {
                out.println("dry run: nothing written");
                return 0;
            }
            if (db != null) {
                new PostgisImporter(db)
                        .replaceFeatures(List.of(
                                new Layer(zones.info(), changes.zones()), new Layer(bands.info(), changes.bands())))
                        .forEach(i -> out.println(
                                "written " + i.layer() + ": " + i.features() + " features, version " + i.version()));
            } else {
                Map<Layer, List<Feature>> files = new LinkedHashMap<>();
                files.put(zones, changes.zones());
                files.put(bands, changes.bands());
                LayerFiles.replace(files);
                out.println("written " + zones.info().origin() + " and "
                        + bands.info().origin() + "; a running service picks them up on its next atlas reload");
            }
            return 0;
        } catch (TerrainException e) {
            err.println("bands: " + e.getMessage());
            return 1;
        } catch (AtlasLoadException e) {
            err.println("bands refused; nothing was written:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        }
    }

    private static Layer required(Atlas atlas, String id) {
        Layer l = atlas.layer(id);
        if (l == null) {
            throw new TerrainException(
                    "the atlas has no layer '" + id + "'; add it (it may be empty) before deriving bands");
        }
        return l;
    }

    private static void report(ShoreBands.Result r, DerivedZones.Changes changes, PrintStream out) {
        out.println(r.dem().description());
        out.printf(Locale.ROOT, "zone below %s m: %.4f km²%n", ShoreBands.number(r.levels()[0]), r.zoneAreaM2() / 1e6);
        for (ShoreBands.Band b : r.bands()) {
            out.printf(
                    Locale.ROOT,
                    "band %s-%s m: %.4f km²%n",
                    ShoreBands.number(b.lowerM()),
                    ShoreBands.number(b.upperM()),
                    b.areaM2() / 1e6);
        }
        if (r.otherBasins() > 0) {
            out.println(r.otherBasins() + " area(s) below " + ShoreBands.number(r.levels()[0])
                    + " m not connected to the reservoir left out");
        }
        r.repairs().forEach(out::println);
        changes.summary().forEach(out::println);
    }
}
