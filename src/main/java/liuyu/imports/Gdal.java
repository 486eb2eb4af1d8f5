package liuyu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** GDAL's command-line tools (Debian gdal-bin): every vector format it reads, without a parser of ours. */
public final class Gdal {
    public static final String INSTALL = "install GDAL's command-line tools (Debian/Ubuntu: apt-get install gdal-bin)";

    private final String bin;

    public Gdal(String bin) {
        this.bin = bin;
    }

    /** GDAL from the PATH. */
    public static Gdal onPath() {
        return new Gdal("");
    }

    /** A GDAL tool could not be started: GDAL is not installed, or not on the PATH. */
    public static final class Missing extends ImportException {
        Missing(IOException cause) {
            super(List.of("GDAL is not available (" + cause.getMessage() + "): " + INSTALL));
        }
    }

    String tool(String name) {
        return bin.isEmpty() ? name : Path.of(bin, name).toString();
    }

    /** What a tool wrote and its exit code; stderr as text. */
    public record Result(int code, byte[] out, String err) {}

    /** Runs a GDAL tool (or any command); {@link Missing} when it cannot be started. */
    public Result run(List<String> command, Path stdoutFile) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (stdoutFile != null) {
                pb.redirectOutput(stdoutFile.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            // stderr drained alongside stdout so neither pipe fills and blocks GDAL
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = stdoutFile == null ? readAll(p.getInputStream()) : new byte[0];
            int code = p.waitFor();
            return new Result(code, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Missing(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(List.of("interrupted while GDAL ran"));
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** {@code ogrinfo -so} on one layer (or, without a name, the list of layers): text, WKT2 for the CRS. */
    public String info(Path file, String layer, List<String> openOptions) {
        List<String> cmd = new ArrayList<>(List.of(tool("ogrinfo"), "-ro", "-so", "-nomd", "-wkt_format", "WKT2"));
        openOptions.forEach(o -> cmd.addAll(List.of("-oo", o)));
        cmd.add(file.toString());
        if (layer != null) {
            cmd.add(layer);
        }
        Result r = run(cmd, null);
        if (r.code() != 0) {
            throw new ImportException(List.of(file + ": GDAL cannot read it: " + firstLine(r.err())));
        }
        return new String(r.out(), StandardCharsets.UTF_8);
    }

    /**
     * One layer as PostgreSQL dump text ({@code -f PGDUMP}, COPY rows, geometry as hex EWKB in its own coordinates,
     * attribute bytes as the file holds them when its open options ask for that): much faster for GDAL to write
     * than GeoJSON (no decimal formatting of coordinates), and exact. Written to {@code out}, or to the returned
     * process's standard output (a pipe read while GDAL runs) when {@code out} is null. Curves are linearised and
     * Z dropped, as Liuyu stores neither.
     */
    public Running dump(Path file, String layer, List<String> openOptions, List<String> config, Path out) {
        List<String> cmd = new ArrayList<>(List.of(tool("ogr2ogr"), "--config", "PG_USE_COPY", "YES"));
        config.forEach(c -> {
            int eq = c.indexOf('=');
            cmd.addAll(List.of("--config", c.substring(0, eq), c.substring(eq + 1)));
        });
        cmd.addAll(List.of(
                "-f",
                "PGDUMP",
                "-lco",
                "LAUNDER=NO",
                "-lco",
                "CREATE_SCHEMA=OFF",
                "-lco",
                "DROP_TABLE=OFF",
                "-lco",
                "SPATIAL_INDEX=NONE",
                "-dim",
                "XY",
                "-nlt",
                "CONVERT_TO_LINEAR"));
        openOptions.forEach(o -> cmd.addAll(List.of("-oo", o)));
        cmd.add(out == null ? "/vsistdout/" : out.toString());
        cmd.add(file.toString());
        if (layer != null) {
            cmd.add(layer);
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (out != null) {
                pb.redirectOutput(out.toFile());
            }
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            return new Running(file, p, err);
        } catch (IOException e) {
            throw new Missing(e);
        }
    }

    /** A GDAL conversion under way: its output, and its end (a failure names the file and GDAL's message). */
    public record Running(Path file, Process process, CompletableFuture<byte[]> err) {
        public InputStream output() {
            return process.getInputStream();
        }

        /** Waits for GDAL to end; ImportException when it failed. */
        public void finish() {
            try {
                int code = process.waitFor();
                if (code != 0) {
                    throw new ImportException(List.of(file + ": GDAL cannot convert it: "
                            + firstLine(new String(err.join(), StandardCharsets.UTF_8))));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportException(List.of("interrupted while GDAL ran"));
            }
        }

        /** Stops GDAL when its output is no longer wanted. */
        public void stop() {
            process.destroy();
        }
    }

    static String firstLine(String text) {
        return text.lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse("(no message)")
                .trim();
    }
}
