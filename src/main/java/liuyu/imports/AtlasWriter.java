package liuyu.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liuyu.atlas.AtlasLoadException;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Provenance;
import liuyu.geo.BeijingTime;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Puts an imported layer into an atlas directory: {@code layers/<id>.geojson} and its entry in
 * {@code atlas.yaml} (added, or put in place of the entry with the same id; the rest of the file, comments
 * included, is kept as written). Each file is written beside its target and moved over it atomically; the
 * atlas is then loaded with the start-up checks, and if that fails both files are put back as they were.
 */
public final class AtlasWriter {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The entry an atlas already has for a layer id, as the dry run reports it; null if none. */
    public record Existing(String file, int features, Map<String, Object> provenance) {}

    private final Path dir;

    public AtlasWriter(Path dir) {
        this.dir = dir;
    }

    /** The layer entry of this id in atlas.yaml, with its feature count; null if the atlas has none (or no atlas.yaml). */
    public Existing existing(String layerId) {
        Path manifest = dir.resolve(AtlasLoader.MANIFEST);
        if (!Files.exists(manifest)) {
            return null;
        }
        try {
            JsonNode root = YAMLMapper.builder().build().readTree(Files.readString(manifest));
            for (JsonNode layer : root.path("layers")) {
                if (layerId.equals(layer.path("id").asString(""))) {
                    Map<String, Object> provenance = new LinkedHashMap<>();
                    for (String f : Provenance.FIELDS) {
                        if (layer.has(f)) {
                            provenance.put(
                                    f,
                                    layer.get(f).isBoolean()
                                            ? layer.get(f).booleanValue()
                                            : layer.get(f).asString());
                        }
                    }
                    String file = layer.path("file").asString(null);
                    int count = -1;
                    if (file != null && Files.exists(dir.resolve(file))) {
                        count = countFeatures(dir.resolve(file));
                    }
                    return new Existing(file, count, provenance);
                }
            }
            return null;
        } catch (IOException | JacksonException e) {
            throw new ImportException(List.of(manifest + ": cannot be read: " + e.getMessage()));
        }
    }

    // Counts a layer file's features with the streaming parser (skipping each one), so a large layer is never held.
    private static int countFeatures(Path file) throws IOException {
        try (JsonParser p = JSON.createParser(Files.newInputStream(file))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String member = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && member.equals("features")) {
                    int n = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        n++;
                    }
                    return n;
                }
                p.skipChildren();
            }
            return -1;
        }
    }

    /**
     * Writes the layer from {@code geojson} (a file whose features were checked one by one as it was written,
     * {@link LayerImport}); the manifest is then checked as start-up checks it. On any failure the atlas is left
     * exactly as it was. The source file is moved (or copied) into place; the caller may delete what is left.
     */
    public void write(LayerInfo info, Path geojson) {
        Path manifest = dir.resolve(AtlasLoader.MANIFEST);
        Existing existing = existing(info.id());
        String file =
                existing != null && existing.file() != null ? existing.file() : "layers/" + info.id() + ".geojson";
        Path layerPath = dir.resolve(file);
        Path backup = layerPath.resolveSibling("." + layerPath.getFileName() + ".import-old");
        try {
            Files.createDirectories(layerPath.getParent());
            String yaml = Files.exists(manifest) ? Files.readString(manifest) : newManifest();
            String edited = withEntry(yaml, info, file);
            boolean hadLayer = Files.exists(layerPath);
            if (hadLayer) {
                Files.copy(layerPath, backup, StandardCopyOption.REPLACE_EXISTING);
            }
            byte[] oldYaml = Files.exists(manifest) ? Files.readAllBytes(manifest) : null;
            Path tmp = layerPath.resolveSibling("." + layerPath.getFileName() + ".import-tmp");
            // copied through streams: a temp file's owner-only permissions must not follow the layer into the atlas
            try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
                Files.copy(geojson, out);
            }
            move(tmp, layerPath);
            replace(manifest, edited.getBytes(StandardCharsets.UTF_8));
            try {
                new AtlasLoader().checkManifest(dir);
            } catch (AtlasLoadException e) {
                if (hadLayer) {
                    move(backup, layerPath);
                } else {
                    Files.deleteIfExists(layerPath);
                }
                restore(manifest, oldYaml);
                List<String> problems =
                        new ArrayList<>(List.of("the atlas with this layer does not load; put back as it was:"));
                problems.addAll(e.problems());
                throw new ImportException(problems);
            }
        } catch (IOException e) {
            throw new ImportException(List.of(dir + ": cannot write: " + e.getMessage()));
        } finally {
            try {
                Files.deleteIfExists(backup);
            } catch (IOException e) {
                // a backup left behind is harmless
            }
        }
    }

    private String newManifest() {
        String name = dir.toAbsolutePath().normalize().getFileName() == null
                ? "atlas"
                : dir.toAbsolutePath().normalize().getFileName().toString();
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return "atlas:\n  id: " + (id.isEmpty() ? "atlas" : id) + "\n  titleEn: " + quote(name) + "\n  version: \""
                + BeijingTime.today() + "\"\nlayers:\n";
    }

    private static final Pattern ENTRY = Pattern.compile("^(\\s*)- id: *[\"']?([a-z0-9-]+)[\"']? *$");

    /** atlas.yaml with the layer's entry replaced (same id) or appended to the layer list, other lines untouched. */
    static String withEntry(String yaml, LayerInfo info, String file) {
        List<String> lines = new ArrayList<>(yaml.lines().toList());
        int start = -1;
        String indent = "  ";
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ENTRY.matcher(lines.get(i));
            if (m.matches()) {
                indent = m.group(1);
                if (m.group(2).equals(info.id())) {
                    start = i;
                    break;
                }
            }
        }
        List<String> entry = entry(info, file, indent);
        if (start >= 0) {
            int end = start + 1;
            while (end < lines.size()
                    && (lines.get(end).isBlank()
                            || lines.get(end).startsWith(indent + "  ")
                            || lines.get(end).startsWith(indent + "#"))) {
                end++;
            }
            lines.subList(start, end).clear();
            lines.addAll(start, entry);
        } else {
            int layersAt = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("layers:")) {
                    layersAt = i;
                }
            }
            if (layersAt < 0) {
                throw new ImportException(List.of("atlas.yaml has no 'layers:' list to add the layer to"));
            }
            int end = layersAt + 1;
            while (end < lines.size()
                    && (lines.get(end).isBlank()
                            || Character.isWhitespace(lines.get(end).charAt(0))
                            || lines.get(end).startsWith("-")
                            || lines.get(end).startsWith("#"))) {
                end++;
            }
            if (lines.get(layersAt).trim().equals("layers: []")) {
                lines.set(layersAt, "layers:");
            }
            lines.addAll(end, entry);
        }
        return String.join("\n", lines) + "\n";
    }

    private static List<String> entry(LayerInfo info, String file, String indent) {
        String in = indent + "  ";
        Provenance p = info.provenance();
        List<String> e = new ArrayList<>();
        e.add(indent + "- id: " + info.id());
        e.add(in + "file: " + quote(file));
        e.add(in + "geometry: " + info.geometry().code());
        e.add(in + "titleEn: " + quote(info.titleEn()));
        if (!info.titleZh().isEmpty()) {
            e.add(in + "titleZh: " + quote(info.titleZh()));
        }
        e.add(in + "description: " + quote(info.description()));
        e.add(in + "method: " + p.method().code());
        e.add(in + "source: " + quote(p.source()));
        e.add(in + "licence: " + quote(p.licence()));
        e.add(in + "accuracy: " + quote(p.accuracy()));
        e.add(in + "authoritative: " + p.authoritative());
        if (info.networkForm() != null) {
            e.add(in + "network: {form: " + info.networkForm() + "}");
        }
        return e;
    }

    // JSON strings are YAML double-quoted scalars
    private static String quote(String s) {
        return JSON.writeValueAsString(s);
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".import-tmp");
        Files.write(tmp, bytes);
        move(tmp, target);
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void restore(Path target, byte[] old) throws IOException {
        if (old == null) {
            Files.deleteIfExists(target);
        } else {
            replace(target, old);
        }
    }
}
