package liuyu.atlas;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.geo.GeoJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a layer's features back to its GeoJSON file in an atlas directory, one feature a line (as the
 * bundled atlas is written, so diffs stay readable). The new file is checked with the loader's own checks
 * before it replaces the old one, atomically: a refused write leaves the atlas as it was.
 */
public final class LayerFiles {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LayerFiles() {}

    /**
     * Replaces each layer's file (its {@code origin}) with the features given for it. Every new file is
     * written and checked before any replaces its old one; an AtlasLoadException names the refused features.
     */
    public static void replace(Map<Layer, List<Feature>> changes) {
        Map<Path, Path> moves = new LinkedHashMap<>();
        try {
            List<String> problems = new ArrayList<>();
            for (Map.Entry<Layer, List<Feature>> c : changes.entrySet()) {
                Path file = Path.of(c.getKey().info().origin());
                Path tmp = file.resolveSibling(file.getFileName() + ".new");
                moves.put(tmp, file);
                Files.writeString(tmp, text(c.getValue()), StandardCharsets.UTF_8);
                new AtlasLoader()
                        .readFeatures(Files.readAllBytes(tmp), c.getKey().info(), file.toString(), true, problems);
            }
            if (!problems.isEmpty()) {
                throw new AtlasLoadException(problems);
            }
            for (Map.Entry<Path, Path> m : moves.entrySet()) {
                Files.move(
                        m.getKey(), m.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new AtlasLoadException(List.of("layer files cannot be written: " + e.getMessage()));
        } finally {
            for (Path tmp : moves.keySet()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing left to clean up
                }
            }
        }
    }

    private static String text(List<Feature> features) {
        StringBuilder text = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            StringWriter line = new StringWriter();
            try (JsonGenerator out = JSON.createGenerator(line)) {
                GeoJson.writeFeature(f.id(), f.properties(), f.geometry(), out, GeoJson.Style.CRS84);
            }
            text.append(line).append(i + 1 < features.size() ? ",\n" : "\n");
        }
        return text.append("]}\n").toString();
    }
}
